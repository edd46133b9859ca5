import { describe, expect, it } from 'vitest'
import type { AccountRegistry } from '../../../src/main/profiles/account-registry'
import { cairnProfileSet, defaultProfileOf } from '../../../src/main/profiles/profile-set'

const role = (name: string, hasAccessKey = true) => ({ role: name, userName: name, requiresMfa: true, hasAccessKey, consoleAccess: true })
const registry: AccountRegistry = {
  version: 1,
  accounts: [{ accountId: '111122223333', region: 'eu-west-1', sessionSeconds: 43_200, roles: [role('ops'), role('billing', false), role('dev')] }],
  currentAccountId: '111122223333',
  activeRole: 'dev',
  defaultProfile: 'cairn'
}

describe('the profiles Cairn writes', () => {
  it('has one profile per role and cairn for the active one, each running cairn credential-process', () => {
    expect(cairnProfileSet(registry, ['/usr/bin/node', '/home/me/My Apps/cairn.js'], 'linux')).toEqual([
      { name: 'cairn-billing', credentialProcess: "/usr/bin/node '/home/me/My Apps/cairn.js' credential-process billing", region: 'eu-west-1' },
      { name: 'cairn-dev', credentialProcess: "/usr/bin/node '/home/me/My Apps/cairn.js' credential-process dev", region: 'eu-west-1' },
      { name: 'cairn-ops', credentialProcess: "/usr/bin/node '/home/me/My Apps/cairn.js' credential-process ops", region: 'eu-west-1' },
      { name: 'cairn', credentialProcess: "/usr/bin/node '/home/me/My Apps/cairn.js' credential-process --active", region: 'eu-west-1' }
    ])
  })

  it('quotes for cmd.exe on Windows', () => {
    const [first] = cairnProfileSet(registry, ['C:\\Program Files\\nodejs\\node.exe', 'C:\\cairn\\bin\\cairn.js'], 'win32')
    expect(first?.credentialProcess).toBe('"C:\\Program Files\\nodejs\\node.exe" "C:\\cairn\\bin\\cairn.js" credential-process billing')
  })

  it('has nothing to write without a current account', () => {
    expect(cairnProfileSet({ ...registry, currentAccountId: null }, ['/n', '/c'])).toEqual([])
  })

  it('makes [default] a Cairn profile only while it is one of those written', () => {
    const profiles = cairnProfileSet(registry, ['/n', '/c'])
    expect(defaultProfileOf(registry, profiles)).toBe('cairn')
    expect(defaultProfileOf({ ...registry, defaultProfile: 'cairn-admin' }, profiles)).toBeNull()
  })
})
