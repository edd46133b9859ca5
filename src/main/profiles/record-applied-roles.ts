import type { RoleSpec } from '../setup/roles'
import type { SecretStore } from '../vault/secret-store'
import type { ProfilesService } from './profiles-service'
import { rolesAfterSetup } from './setup-roles'

/** After an apply, the roles it made become the profiles' roles (the registry holds no secret). */
export async function recordAppliedRoles(
  profiles: Pick<ProfilesService, 'registerAccount'>,
  applied: { roles: RoleSpec[]; accountId: string; endpoint: string | undefined; vault: SecretStore }
): Promise<void> {
  await profiles.registerAccount({
    accountId: applied.accountId,
    ...(applied.endpoint ? { endpoint: applied.endpoint } : {}),
    roles: await rolesAfterSetup(applied.roles, applied.vault, applied.accountId)
  })
}
