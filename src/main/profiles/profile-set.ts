import { credentialProcessCommand, type CairnProfile } from './cairn-sections'
import { credentialProcessArgv } from './cairn-command'
import { currentAccount, sortRoles, type AccountRegistry } from './account-registry'

/** The profile that always acts as the active role: AWS_PROFILE=cairn. */
export const ACTIVE_PROFILE = 'cairn'

export const profileNameOf = (role: string) => `cairn-${role}`

/**
 * The sections Cairn wants in the AWS config file for the current account: one
 * `[profile cairn-<role>]` per role and `[profile cairn]` for the active role. `cairn` runs
 * `credential-process --active`, which reads the active role when the AWS CLI calls it, so a
 * switch takes effect in every shell at once without rewriting the file.
 */
export function cairnProfileSet(registry: AccountRegistry, cairn: readonly string[], platform: NodeJS.Platform = process.platform): CairnProfile[] {
  const account = currentAccount(registry)
  if (!account || account.roles.length === 0) return []
  const profile = (name: string, role: string): CairnProfile => ({
    name,
    credentialProcess: credentialProcessCommand(credentialProcessArgv(cairn, role), platform),
    region: account.region
  })
  return [...sortRoles(account.roles).map(({ role }) => profile(profileNameOf(role), role)), profile(ACTIVE_PROFILE, 'active')]
}

/** The opted-in `[default]`, only while it names one of the profiles being written. */
export function defaultProfileOf(registry: AccountRegistry, profiles: readonly CairnProfile[]): string | null {
  const wanted = registry.defaultProfile
  return wanted !== null && profiles.some((profile) => profile.name === wanted) ? wanted : null
}
