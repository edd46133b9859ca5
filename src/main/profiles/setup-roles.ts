import type { SetupSpec } from '../../shared/domain/schemas'
import { signInId } from '../../shared/domain/words'
import { DEFAULT_PARTITION, type Partition } from '../aws/partition'
import { roleArnOf } from '../setup/roles-layout'
import type { SecretStore } from '../vault/secret-store'
import type { RegisteredRole } from './account-registry'

/**
 * The roles a setup made, as the registry records them. Whether a role has an access key is
 * read from the keychain rather than the plan: a blocked or failed run may not have made it.
 */
export async function rolesAfterSetup(
  setup: SetupSpec,
  vault: SecretStore,
  accountId: string,
  partition: Partition = DEFAULT_PARTITION
): Promise<RegisteredRole[]> {
  if (setup.layout === 'roles') {
    // Every role starts from the sign-in's day session, so what the CLI can do is the sign-in's key.
    const signIn = await vault.get({ accountId, role: signInId }).catch(() => null)
    const hasAccessKey = signIn?.accessKey !== undefined
    return setup.roles.map((spec) => ({
      role: spec.role,
      userName: setup.signIn.userName,
      requiresMfa: true,
      hasAccessKey,
      consoleAccess: true,
      roleArn: roleArnOf(partition, accountId, spec.roleName)
    }))
  }
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
