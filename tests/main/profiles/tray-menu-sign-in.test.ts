import { describe, expect, it } from 'vitest'
import { trayMenuModel, type TrayRole } from '../../../src/main/profiles/tray-menu-model'

const now = Date.parse('2026-03-01T12:00:00Z')
const inMinutes = (minutes: number) => new Date(now + minutes * 60_000).toISOString()
const hhmm = (iso: string) => {
  const at = new Date(iso)
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}
const role = (name: string, session: TrayRole['session']): TrayRole => ({
  role: name,
  active: name === 'dev',
  hasAccessKey: true,
  requiresMfa: true,
  consoleAccess: true,
  session,
  roleArn: `arn:aws:iam::111122223333:role/${name}`
})
const roles = [role('billing', null), role('dev', { expiration: inMinutes(40), state: 'valid' }), role('ops', { expiration: inMinutes(-5), state: 'expired' })]
const labels = (items: ReturnType<typeof trayMenuModel>) => items.map((item) => (item.kind === 'separator' ? '---' : item.label))

describe('the tray menu in the roles layout', () => {
  it('says who is signed in until when, above the roles; a role session starts by itself while signed in', () => {
    const day = inMinutes(9 * 60)
    const items = trayMenuModel(roles, now, { userName: 'me', session: { expiration: day, state: 'valid' } })
    expect(labels(items).slice(0, 7)).toEqual([
      'Open Cairn',
      '---',
      `Signed in as me until ${hhmm(day)}`,
      'Active role for AWS_PROFILE=cairn',
      'billing',
      'dev · 40 min left',
      'ops'
    ])
    expect(items[2]).toEqual({ kind: 'item', label: `Signed in as me until ${hhmm(day)}`, enabled: false })
  })

  it('says "Not signed in today" when the day is over (a click opens Cairn to sign in)', () => {
    const items = trayMenuModel(roles, now, { userName: 'me', session: { expiration: inMinutes(-1), state: 'expired' } })
    expect(items[2]).toEqual({ kind: 'item', label: 'Not signed in today', enabled: true, action: { kind: 'show' } })
    expect(labels(trayMenuModel(roles, now, { userName: 'me', session: null }))[2]).toBe('Not signed in today')
  })

  it('has no sign-in line in the guide layout', () => {
    expect(labels(trayMenuModel(roles, now))).not.toContain('Not signed in today')
    expect(labels(trayMenuModel(roles, now, null))[2]).toBe('Active role for AWS_PROFILE=cairn')
  })
})
