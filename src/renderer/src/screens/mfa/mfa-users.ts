import type { SetupRequestPayload } from '../../../../shared/channels/setup'
import type { ProfileRole, ProfilesOverview, ResponseOf, RoleSpecPayload } from '../../../../shared/contract'
import type { IpcResult } from '../../../../shared/errors'
import { roleIds, type RoleId as JobRoleId } from '../../../../shared/domain/words'

/** Whom the mfa.* channels name: a role's user, or 'sign-in', the roles layout's one user. */
export type RoleId = JobRoleId | 'sign-in'

export const SIGN_IN = 'sign-in' as const

/** A user the MFA step is about. requiresMfa null: unknown (only the journal's role names were left). */
export interface MfaUser {
  role: RoleId
  userName: string | null
  requiresMfa: boolean | null
  consoleAccess: boolean | null
}

const isRoleId = (role: string): role is JobRoleId => (roleIds as readonly string[]).includes(role)

/** The users as planned in this window. */
export const usersFromPlan = (planned: readonly RoleSpecPayload[]): MfaUser[] =>
  planned.map((spec) => ({ role: spec.role, userName: spec.userName, requiresMfa: spec.requireMfaForApi, consoleAccess: spec.consoleAccess.enabled }))

/** The users as the profiles registry recorded them when the apply finished (roles Cairn does not make are left out). */
export const usersFromProfiles = (overview: { roles: ReadonlyArray<Pick<ProfileRole, 'role' | 'userName' | 'requiresMfa' | 'consoleAccess'>> }): MfaUser[] =>
  overview.roles.flatMap((r) => (isRoleId(r.role) ? [{ role: r.role, userName: r.userName, requiresMfa: r.requiresMfa, consoleAccess: r.consoleAccess }] : []))

/** Only the roles the setup journal names: who the users are and what they need is not known. */
export const usersFromJournal = (lastRun: ResponseOf<'setup.lastRun'>): MfaUser[] =>
  (lastRun?.roles ?? []).map((role) => ({ role, userName: null, requiresMfa: null, consoleAccess: null }))

/** The roles layout's one user to protect: the sign-in, whose device guards every role (its name may be unknown). */
export const signInUser = (userName: string | null): MfaUser => ({ role: SIGN_IN, userName, requiresMfa: true, consoleAccess: true })

/** The users a planned setup makes: each role's in the guide's layout, only the sign-in in the roles layout. */
export const usersFromSetup = (planned: SetupRequestPayload): MfaUser[] =>
  planned.layout === 'roles' ? [signInUser(planned.signIn.userName)] : usersFromPlan(planned.roles)

/** The profiles registry's users: the sign-in alone when it records the roles layout. */
export const usersFromOverview = (
  overview: Pick<ProfilesOverview, 'signIn'> & { roles: ReadonlyArray<Pick<ProfileRole, 'role' | 'userName' | 'requiresMfa' | 'consoleAccess'>> }
): MfaUser[] => (overview.signIn ? [signInUser(overview.signIn.userName)] : usersFromProfiles(overview))

/**
 * The applied setup's users: as planned in this window, else as the profiles registry recorded
 * them when the apply finished, else what the setup journal names (its layout, or its roles).
 */
export async function loadMfaUsers(planned: SetupRequestPayload | null): Promise<IpcResult<MfaUser[]>> {
  if (planned) return { ok: true, value: usersFromSetup(planned) }
  const overview = await window.cairn.profiles.list()
  if (!overview.ok) return overview
  const recorded = usersFromOverview(overview.value)
  if (recorded.length > 0) return { ok: true, value: recorded }
  const lastRun = await window.cairn.setup.lastRun()
  if (!lastRun.ok) return lastRun
  return { ok: true, value: lastRun.value?.layout === 'roles' ? [signInUser(null)] : usersFromJournal(lastRun.value) }
}

/** The request naming a user for the mfa.* channels. */
export const userRequest = (user: MfaUser) => ({ role: user.role, ...(user.userName ? { userName: user.userName } : {}) })
