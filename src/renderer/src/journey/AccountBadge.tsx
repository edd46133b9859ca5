import { useCall } from '../use-call'

/**
 * Which account the journey is about, always in view: the practice account is labelled as such
 * on every screen, so nobody mistakes a rehearsal for their real account (or the reverse).
 */
export function AccountBadge({ account }: { account: 'practice' | 'real' }) {
  const [connection] = useCall(() => window.cairn.connect.status())
  const accountId = connection.status === 'done' && connection.value.connected ? connection.value.accountId : null
  if (account === 'practice') {
    return (
      <span className="account-badge practice" data-testid="account-badge">
        Practice account{accountId ? <span className="mono"> {accountId}</span> : null}
        <span className="account-badge-note"> — nothing here touches AWS</span>
      </span>
    )
  }
  return (
    <span className="account-badge real" data-testid="account-badge">
      AWS account{accountId ? <span className="mono"> {accountId}</span> : null}
    </span>
  )
}
