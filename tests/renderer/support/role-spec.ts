import type { RoleSpecPayload } from '../../../src/shared/contract'

/** A planned role as the Plan screen sends it: its own user and group, console and key, MFA for API calls. */
export const roleSpec = (role: RoleSpecPayload['role'], over: Partial<RoleSpecPayload> = {}): RoleSpecPayload => ({
  role,
  userName: role,
  groupName: `${role}-group`,
  policyArns: [],
  consoleAccess: { enabled: true, passwordResetRequired: false },
  accessKey: true,
  requireMfaForApi: true,
  ...over
})
