import { readJournal } from './apply/journal'
import { defaultRoles, type RoleSpec } from './roles'
import { journalPath } from './setup-service'

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
