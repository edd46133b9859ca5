import type { AppliedSetup } from '../setup/setup-service'
import type { ProfilesService } from './profiles-service'
import { rolesAfterSetup } from './setup-roles'

/** After an apply, the roles it made become the profiles' roles (the registry holds no secret). */
export async function recordAppliedRoles(profiles: Pick<ProfilesService, 'registerAccount'>, applied: AppliedSetup): Promise<void> {
  await profiles.registerAccount({
    accountId: applied.accountId,
    partition: applied.partition,
    ...(applied.endpoint ? { endpoint: applied.endpoint } : {}),
    ...(applied.practice ? { practice: true } : {}),
    ...(applied.setup.layout === 'roles' ? { signIn: { userName: applied.setup.signIn.userName } } : {}),
    roles: await rolesAfterSetup(applied.setup, applied.vault, applied.accountId, applied.partition)
  })
}
