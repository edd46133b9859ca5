import type { SetupSpec } from '../../shared/domain/schemas'
import type { SecretStore } from '../vault/secret-store'
import type { RegisteredRole } from './account-registry'

/**
 * The roles a setup made, as the registry records them. Whether a role has an access key is
 * read from the keychain rather than the plan: a blocked or failed run may not have made it.
 */
export async function rolesAfterSetup(setup: SetupSpec, vault: SecretStore, accountId: string): Promise<RegisteredRole[]> {
  if (setup.layout === 'roles') return []
  return Promise.all(
    setup.roles.map(async (spec) => {
      const secrets = await vault.get({ accountId, role: spec.role }).catch(() => null)
      return {
        role: spec.role,
        userName: spec.userName,
        requiresMfa: spec.requireMfaForApi,
        hasAccessKey: spec.accessKey && secrets?.accessKey !== undefined,
        consoleAccess: spec.consoleAccess.enabled
      }
    })
  )
}
