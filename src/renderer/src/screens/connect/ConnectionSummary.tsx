import type { ConnectionInfo } from '../../../../shared/contract'

/** Who Cairn is connected as, in words: the account, and root or which IAM user. */
export function ConnectionSummary({ info }: { info: ConnectionInfo }) {
  return (
    <dl className="connection-summary" data-testid="connection-summary">
      <div>
        <dt>Account</dt>
        <dd className="mono">{info.accountId}</dd>
      </div>
      <div>
        <dt>Signed in as</dt>
        <dd>{info.isRoot ? 'The root user, with a temporary key (deleted in the Billing access step)' : `IAM user ${info.userName ?? info.arn}`}</dd>
      </div>
      <div>
        <dt>Kind of account</dt>
        <dd>{info.practice ? 'Practice account (on this computer)' : 'AWS account'}</dd>
      </div>
    </dl>
  )
}
