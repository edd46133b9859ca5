import type { CheckResult } from '../check-result'
import type { AccountSnapshot } from '../snapshot'

const title = 'IAM users can see billing'

const where = 'Account > IAM user and role access to Billing information > Edit > Activate IAM Access'

export function billingAccess(snapshot: AccountSnapshot): CheckResult {
  switch (snapshot.billingAccess) {
    case 'on':
      return { id: 'billing-access', title, status: 'pass', evidence: 'IAM users with billing permissions can open the Billing console.' }
    case 'off':
      return {
        id: 'billing-access',
        title,
        status: 'warn',
        evidence: `IAM access to billing is off, so even the billing user sees "access denied" there. Only the root user can turn it on: ${where}.`
      }
    case 'unknown':
      return {
        id: 'billing-access',
        title,
        status: 'unknown',
        evidence: `AWS offers no API to read this root-only setting. Check it signed in as the root user: ${where}.`
      }
  }
}
