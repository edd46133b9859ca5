import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applySetup } from '../../../../src/main/setup/apply/apply-setup'
import { readJournal } from '../../../../src/main/setup/apply/journal'
import { defaultRoles } from '../../../../src/main/setup/roles'
import { KeychainUnavailableError, type SecretStore } from '../../../../src/main/vault/secret-store'
import { accountShape, practiceSetup, vaultProblems, type PracticeSetup } from './practice-setup'

const roles = defaultRoles({ includeAdmin: false })
let setup: PracticeSetup
beforeEach(async () => {
  setup = await practiceSetup()
})
afterEach(async () => {
  await setup.close()
})

/** The real keychain, refusing to save an access key for one role. */
function refusingKeysFor(vault: SecretStore, role: string): SecretStore {
  return {
    ...vault,
    update: async (key, change) => {
      if (key.role === role) {
        const next = await change(await vault.get(key))
        if (next.accessKey) throw new KeychainUnavailableError('save', key, 'linux')
      }
      return vault.update(key, change)
    }
  }
}

describe('when the keychain refuses an access key’s secret', () => {
  it('deletes the new key again and fails that step loudly; the rest of the setup goes on', async () => {
    const report = await applySetup({ ...setup.options(roles), vault: refusingKeysFor(setup.vault, 'dev') })

    expect(report.outcome).toBe('failed')
    expect(report.failures).toHaveLength(1)
    expect(report.failures[0]).toMatchObject({ stepId: 'access-key:dev', code: 'KEYCHAIN_UNAVAILABLE' })
    expect(report.failures[0]?.message).toMatch(/was deleted again, so no key exists without its secret/)
    expect(setup.server.state.users['dev']?.accessKeys).toEqual([])
    expect(accountShape(setup.server).users['ops']).toEqual({ groups: ['Operations'], loginProfile: true, keys: 1 })
    expect((await readJournal(setup.journalPath))?.state).toBe('failed')
  })

  it('applying again once the keychain works finishes the setup', async () => {
    await applySetup({ ...setup.options(roles), vault: refusingKeysFor(setup.vault, 'dev') })
    const report = await applySetup(setup.options(roles))
    expect(report).toMatchObject({ outcome: 'done', resumed: true })
    expect(await vaultProblems(setup, roles)).toEqual([])
  })

  it('fails the password step before anything is sent when the password cannot be saved', async () => {
    const vault: SecretStore = {
      ...setup.vault,
      update: async (key) => {
        throw new KeychainUnavailableError('save', key, 'linux')
      }
    }
    const report = await applySetup({ ...setup.options(roles), vault })
    expect(report.failures.map((f) => f.stepId).sort()).toEqual([
      'access-key:dev',
      'access-key:ops',
      'login-profile:billing',
      'login-profile:dev',
      'login-profile:ops'
    ])
    expect(Object.values(setup.server.state.users).every((u) => u.loginProfile === null && u.accessKeys.length === 0)).toBe(true)
  })
})
