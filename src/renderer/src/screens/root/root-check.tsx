import type { RootMfaStatus } from '../../../../shared/contract'
import { StatusBadge } from '../../ui/StatusBadge'

/** What GetAccountSummary said: root MFA, and how many root access keys exist. */
export function RootCheckResult({ status, practice }: { status: RootMfaStatus; practice: boolean }) {
  return (
    <div className="root-check" data-testid="root-check" role="status">
      <p>
        <StatusBadge status={status.accountMfaEnabled ? 'pass' : 'fail'} label={status.accountMfaEnabled ? 'MFA on' : 'MFA off'} />{' '}
        {status.accountMfaEnabled
          ? 'AWS reports MFA on the root user (AccountMFAEnabled = 1).'
          : 'AWS does not report MFA on the root user yet (AccountMFAEnabled = 0).'}
      </p>
      <p>
        <StatusBadge status={status.rootAccessKeysPresent === 0 ? 'pass' : 'warn'} label={`Root access keys: ${status.rootAccessKeysPresent}`} />{' '}
        {status.rootAccessKeysPresent === 0
          ? 'No root access keys, as it should be.'
          : practice
            ? 'Root access keys must be 0 in the end. This one is the key Cairn rehearses with; the Billing access step deletes it.'
            : 'Root access keys must be 0 in the end. If one is the temporary key you connect Cairn with, Cairn deletes it on the Billing access step; delete any other in the console.'}
      </p>
      <p className="muted">{status.message}</p>
    </div>
  )
}
