import { describe, expect, it } from 'vitest'
import { trayMenuModel, type TrayRole } from '../../../src/main/profiles/tray-menu-model'

const now = Date.parse('2026-03-01T12:00:00Z')
const inMinutes = (minutes: number) => new Date(now + minutes * 60_000).toISOString()
const roles: TrayRole[] = [
  { role: 'billing', active: false, hasAccessKey: false, requiresMfa: false, consoleAccess: true, session: null },
  { role: 'dev', active: true, hasAccessKey: true, requiresMfa: true, consoleAccess: true, session: { expiration: inMinutes(680), state: 'valid' } },
  { role: 'ops', active: false, hasAccessKey: true, requiresMfa: true, consoleAccess: true, session: { expiration: inMinutes(-5), state: 'expired' } }
]

describe('the tray menu', () => {
  it('lists the roles with the active one checked and its time left; a click switches', () => {
    const items = trayMenuModel(roles, now).filter((item) => item.kind === 'item' && item.action?.kind === 'switch')
    expect(items).toEqual([
      { kind: 'item', label: 'billing · console only', checked: false, enabled: false, action: { kind: 'switch', role: 'billing' } },
      { kind: 'item', label: 'dev · 11 h 20 min left', checked: true, enabled: true, action: { kind: 'switch', role: 'dev' } },
      { kind: 'item', label: 'ops · session expired', checked: false, enabled: true, action: { kind: 'switch', role: 'ops' } }
    ])
  })

  it('opens any role with console access in the console, and keeps Open and Quit', () => {
    const labels = trayMenuModel(roles, now).map((item) => (item.kind === 'separator' ? '---' : item.label))
    expect(labels).toEqual([
      'Open Cairn',
      '---',
      'Active role for AWS_PROFILE=cairn',
      'billing · console only',
      'dev · 11 h 20 min left',
      'ops · session expired',
      '---',
      'Open console as billing',
      'Open console as dev',
      'Open console as ops',
      '---',
      'Quit Cairn'
    ])
  })

  it("uses the Profiles screen's words for a session ending soon and one not started", () => {
    const labels = trayMenuModel(
      [
        { role: 'dev', active: true, hasAccessKey: true, requiresMfa: true, consoleAccess: true, session: { expiration: inMinutes(4.5), state: 'valid' } },
        { role: 'ops', active: false, hasAccessKey: true, requiresMfa: true, consoleAccess: true, session: null },
        { role: 'ci', active: false, hasAccessKey: true, requiresMfa: false, consoleAccess: false, session: null }
      ],
      now
    ).flatMap((item) => (item.kind === 'item' && item.action?.kind === 'switch' ? [item.label] : []))
    // The listed state ('valid') is older than the clock: the label follows the clock.
    expect(labels).toEqual(['dev · 4 min left, ending soon', 'ops · no session yet', 'ci'])
  })

  it('says there are no roles yet before setup', () => {
    const labels = trayMenuModel([], now).map((item) => (item.kind === 'separator' ? '---' : item.label))
    expect(labels).toEqual(['Open Cairn', '---', 'No roles yet: finish setup in Cairn', '---', 'Quit Cairn'])
  })
})
