import { signInId, type StepOwner } from '../../shared/domain/words'
import { readJournal } from './apply/journal'
import { defaultRoles, type RoleSpec } from './roles'
import { signInGroupName } from './roles-layout'
import { journalPath } from './setup-service'

/** A user whose MFA device Cairn manages: a role's, or the roles layout's sign-in. */
export type MfaIdentity = Pick<RoleSpec, 'userName' | 'groupName' | 'requireMfaForApi'> & { role: StepOwner }

/**
 * The roles as the account's last apply set them up (group names, whether API calls need
 * MFA), falling back to Cairn's defaults for roles that run did not include.
 */
export async function appliedRoles(dataDir: string, accountId: string | null): Promise<RoleSpec[]> {
  const defaults = defaultRoles({ includeAdmin: true })
  if (!accountId) return defaults
  const run = await readJournal(journalPath(dataDir, accountId))
  if (!run) return defaults
  const applied = new Map(run.roles.map((spec) => [spec.role, spec]))
  return [...run.roles, ...defaults.filter((spec) => !applied.has(spec.role))]
}

/**
 * The users MFA is set up for: the roles layout's sign-in when the last apply made one (its
 * roles have no users), and the roles' users as appliedRoles tells them.
 */
export async function appliedMfaIdentities(dataDir: string, accountId: string | null): Promise<MfaIdentity[]> {
  const roles: MfaIdentity[] = await appliedRoles(dataDir, accountId)
  const run = accountId ? await readJournal(journalPath(dataDir, accountId)) : null
  if (run?.layout !== 'roles' || !run.signIn) return roles
  return [{ role: signInId, userName: run.signIn.userName, groupName: signInGroupName, requireMfaForApi: false }, ...roles]
}
