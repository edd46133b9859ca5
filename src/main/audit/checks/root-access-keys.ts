import type { CheckResult } from '../check-result'
import { isRootRow, reportAccessKeys } from '../credential-report'
import type { AccountSnapshot } from '../snapshot'

const title = 'The root user has no access keys'

/** The journey step that deletes Cairn's temporary root key (steps.ts names it so). */
const deletionStep = 'Billing access'

/** Active root keys by the credential report; null when there is no report to ask. */
function activeRootKeyCount(snapshot: AccountSnapshot): number | null {
  const row = snapshot.credentialReport?.find(isRootRow)
  if (!row) return null
  return reportAccessKeys(row).filter((key) => key.active).length
}

export function rootAccessKeys(snapshot: AccountSnapshot): CheckResult {
  const present = snapshot.summary.AccountAccessKeysPresent
  if (present === undefined) {
    return { id: 'root-access-keys', title, status: 'unknown', evidence: 'The account summary did not say whether the root user has access keys.' }
  }
  if (present === 0) {
    return { id: 'root-access-keys', title, status: 'pass', evidence: 'The root user has no access keys.' }
  }
  const count = activeRootKeyCount(snapshot)
  const connectedKey = snapshot.caller.accessKeyId
  // Cairn's own key is a long-term root key (AKIA…); a root session (ASIA…) is not one to delete.
  if (snapshot.caller.isRoot && connectedKey.startsWith('AKIA')) {
    if (count === null || count <= 1) {
      // The bootstrap key is expected, and its deletion is a step of its own: amber, not red.
      return {
        id: 'root-access-keys',
        title,
        status: 'warn',
        evidence: `Only the temporary key Cairn is connected with (${connectedKey}); it is deleted in the ${deletionStep} step.`
      }
    }
    return {
      id: 'root-access-keys',
      title,
      status: 'fail',
      evidence:
        `The root user has ${count} access keys: ${connectedKey}, the temporary key Cairn is connected with (deleted in the ${deletionStep} step), ` +
        'and another one, which you should delete in the console under Security credentials > Access keys.'
    }
  }
  const howMany = count === null || count <= 1 ? 'an access key' : `${count} access keys`
  return {
    id: 'root-access-keys',
    title,
    status: 'fail',
    evidence:
      `The root user has ${howMany}: it can do anything in the account and cannot be limited. ` +
      'Delete it in the console under Security credentials > Access keys.'
  }
}
