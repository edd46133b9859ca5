import type { CheckResult } from '../check-result'
import { isRootRow, reportAccessKeys } from '../credential-report'
import type { AccountSnapshot } from '../snapshot'

const title = 'The root user has no access keys'

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
  if (snapshot.caller.isRoot) {
    // The bootstrap key is the expected one: say so instead of alarming the user about it.
    const onlyTheBootstrapKey = count === null || count <= 1
    return {
      id: 'root-access-keys',
      title,
      status: 'fail',
      evidence: onlyTheBootstrapKey
        ? `The root user has one access key: ${connectedKey}, the key Cairn is connected with — Cairn deletes it at the end.`
        : `The root user has ${count} access keys: ${connectedKey}, the key Cairn is connected with — Cairn deletes it at the end — ` +
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
