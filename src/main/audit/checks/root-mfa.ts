import type { CheckResult } from '../check-result'
import type { AccountSnapshot } from '../snapshot'

const title = 'The root user signs in with MFA'

export function rootMfa(snapshot: AccountSnapshot): CheckResult {
  const enabled = snapshot.summary.AccountMFAEnabled
  if (enabled === undefined) {
    return { id: 'root-mfa', title, status: 'unknown', evidence: 'The account summary did not say whether the root user has MFA.' }
  }
  if (enabled >= 1) {
    return { id: 'root-mfa', title, status: 'pass', evidence: 'The root user has an MFA device.' }
  }
  return {
    id: 'root-mfa',
    title,
    status: 'fail',
    // AWS offers no API for root MFA, so there is no fix to offer here: the console steps are.
    evidence:
      'The root user has no MFA device: anyone with its password controls the whole account. ' +
      'Assign one in the console under Security credentials > Multi-factor authentication (MFA).'
  }
}
