import type { BillingAccessState } from '../../shared/channels/guide'
import { CairnError } from '../../shared/errors'
import { practiceBillingAccess, rootConsole, type PracticeAccess } from '../connect/practice-bootstrap'

/**
 * "IAM user and role access to Billing information" is a root-only console setting with no
 * API on an existing account. The practice account plays the console page, so there Cairn
 * can read it and flip it; on a real account it can only say how to look.
 */
const howToConfirm = [
  'Sign in to the AWS console as the billing user (the Profiles step opens it for you).',
  'Open "Billing and Cost Management".',
  'If the bills show, IAM access to billing is on. "Access denied" means it is still off, or the user lacks the Billing policy.'
]

const messages: Record<BillingAccessState['state'], string> = {
  on: 'IAM access to billing is on: users with billing permissions, such as the billing user, can open the Billing console.',
  off: 'IAM access to billing is off: even the billing user sees "access denied" in the Billing console until the root user turns it on.',
  unknown: 'The practice account did not say whether IAM access to billing is on. Restart Cairn if this repeats.'
}

const noPractice = () => new CairnError('NOT_FOUND', 'The practice account is not running. Restart Cairn; if it keeps failing, run `cairn doctor`.')

export async function checkBillingAccess(account: 'practice' | 'real', practice: PracticeAccess | null): Promise<BillingAccessState> {
  if (account === 'real') {
    return {
      state: 'unknown',
      message:
        'AWS offers no API to read this root-only setting on an existing account, so Cairn cannot check it for you. Confirm it as the billing user, as below.',
      howToConfirm
    }
  }
  if (!practice) throw noPractice()
  const state = await practiceBillingAccess(practice)
  return { state, message: messages[state], howToConfirm: state === 'unknown' ? howToConfirm : [] }
}

/** What the root user's "Activate IAM Access" + "Update" does, on the practice account. */
export async function activatePracticeBillingAccess(practice: PracticeAccess | null): Promise<BillingAccessState> {
  if (!practice) throw noPractice()
  try {
    await rootConsole(practice, 'PUT', '/_practice/account/billing-access', { enabled: true })
  } catch (error) {
    if (error instanceof CairnError) throw error
    throw new CairnError('ENDPOINT_UNREACHABLE', 'The practice account did not answer. Restart Cairn to start it again.')
  }
  // Read back rather than assume: the check is what the screen reports.
  return checkBillingAccess('practice', practice)
}
