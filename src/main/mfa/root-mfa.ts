import { GetAccountSummaryCommand, type IAMClient } from '@aws-sdk/client-iam'
import type { RootMfaStatus } from '../../shared/channels/mfa'
import { awsFailure } from '../aws/classify-aws-error'

/** "Check again": root MFA cannot be set through any API, but GetAccountSummary tells whether it is on. */
export async function checkRootMfa(iam: IAMClient): Promise<RootMfaStatus> {
  let summary: Record<string, number>
  try {
    summary = (await iam.send(new GetAccountSummaryCommand({}))).SummaryMap ?? {}
  } catch (error) {
    throw awsFailure(error, "read the account summary (GetAccountSummary) to see the root user's MFA")
  }
  const accountMfaEnabled = summary['AccountMFAEnabled'] === 1
  const rootAccessKeysPresent = summary['AccountAccessKeysPresent'] ?? 0
  const message = accountMfaEnabled
    ? 'It worked: AWS reports an MFA device on the root user (AccountMFAEnabled = 1).'
    : 'Not yet: AWS reports no MFA device on the root user (AccountMFAEnabled = 0). If you have just chosen "Add MFA", wait a few seconds and check again; otherwise follow the steps above.'
  return { accountMfaEnabled, rootAccessKeysPresent, message }
}
