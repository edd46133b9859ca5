import type { RoleSpecPayload } from '../../../../shared/contract'
import { call } from '../../call'

export type RoleId = RoleSpecPayload['role']

/** A user the MFA step is about. requiresMfa null: unknown (only the journal's role names were left). */
export interface MfaUser {
  role: RoleId
  userName: string | null
  requiresMfa: boolean | null
  consoleAccess: boolean | null
}

const roleIds: readonly RoleId[] = ['billing', 'dev', 'ops', 'admin']
const isRoleId = (role: string): role is RoleId => (roleIds as readonly string[]).includes(role)

/**
 * The applied roles' users: as planned in this window, else as the profiles registry recorded
 * them when the apply finished, else the roles the setup journal names.
 */
export async function loadMfaUsers(planned: RoleSpecPayload[] | null): Promise<MfaUser[]> {
  if (planned) {
    return planned.map((spec) => ({ role: spec.role, userName: spec.userName, requiresMfa: spec.requireMfaForApi, consoleAccess: spec.consoleAccess.enabled }))
  }
  const overview = await call(window.cairn.profiles.list())
  const recorded = overview.roles.flatMap((r) =>
    isRoleId(r.role) ? [{ role: r.role, userName: r.userName, requiresMfa: r.requiresMfa, consoleAccess: r.consoleAccess }] : []
  )
  if (recorded.length > 0) return recorded
  const lastRun = await call(window.cairn.setup.lastRun())
  return (lastRun?.roles ?? []).map((role) => ({ role, userName: null, requiresMfa: null, consoleAccess: null }))
}

/** The request naming a user for the mfa.* channels. */
export const userRequest = (user: MfaUser) => ({ role: user.role, ...(user.userName ? { userName: user.userName } : {}) })
