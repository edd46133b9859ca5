import type { ProfileRole, ResponseOf, RoleSpecPayload } from '../../../../shared/contract'
import type { IpcResult } from '../../../../shared/errors'
import { roleIds, type RoleId } from '../../../../shared/domain/words'

export type { RoleId }

/** A user the MFA step is about. requiresMfa null: unknown (only the journal's role names were left). */
export interface MfaUser {
  role: RoleId
  userName: string | null
  requiresMfa: boolean | null
  consoleAccess: boolean | null
}

const isRoleId = (role: string): role is RoleId => (roleIds as readonly string[]).includes(role)

/** The users as planned in this window. */
export const usersFromPlan = (planned: readonly RoleSpecPayload[]): MfaUser[] =>
  planned.map((spec) => ({ role: spec.role, userName: spec.userName, requiresMfa: spec.requireMfaForApi, consoleAccess: spec.consoleAccess.enabled }))

/** The users as the profiles registry recorded them when the apply finished (roles Cairn does not make are left out). */
export const usersFromProfiles = (overview: { roles: ReadonlyArray<Pick<ProfileRole, 'role' | 'userName' | 'requiresMfa' | 'consoleAccess'>> }): MfaUser[] =>
  overview.roles.flatMap((r) => (isRoleId(r.role) ? [{ role: r.role, userName: r.userName, requiresMfa: r.requiresMfa, consoleAccess: r.consoleAccess }] : []))

/** Only the roles the setup journal names: who the users are and what they need is not known. */
export const usersFromJournal = (lastRun: ResponseOf<'setup.lastRun'>): MfaUser[] =>
  (lastRun?.roles ?? []).map((role) => ({ role, userName: null, requiresMfa: null, consoleAccess: null }))

/**
 * The applied roles' users: as planned in this window, else as the profiles registry recorded
 * them when the apply finished, else the roles the setup journal names.
 */
export async function loadMfaUsers(planned: RoleSpecPayload[] | null): Promise<IpcResult<MfaUser[]>> {
  if (planned) return { ok: true, value: usersFromPlan(planned) }
  const overview = await window.cairn.profiles.list()
  if (!overview.ok) return overview
  const recorded = usersFromProfiles(overview.value)
  if (recorded.length > 0) return { ok: true, value: recorded }
  const lastRun = await window.cairn.setup.lastRun()
  return lastRun.ok ? { ok: true, value: usersFromJournal(lastRun.value) } : lastRun
}

/** The request naming a user for the mfa.* channels. */
export const userRequest = (user: MfaUser) => ({ role: user.role, ...(user.userName ? { userName: user.userName } : {}) })
