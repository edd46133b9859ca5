import type { ProfileRole } from '../../../../shared/contract'
import { sessionSummary, type SessionStanding } from '../../../../shared/session-time'
import { StatusBadge, type Status } from '../../ui/StatusBadge'

const badge: Record<SessionStanding, Status> = {
  valid: 'pass',
  expiring: 'warn',
  expired: 'fail',
  none: 'unknown',
  'starts-on-use': 'unknown',
  'console-only': 'unknown'
}

const capitalised = (words: string) => words.charAt(0).toUpperCase() + words.slice(1)

/** What the session means for the AWS CLI right now, and what to do about it. */
function advice(role: ProfileRole, standing: SessionStanding): string | null {
  // The roles layout: each role's hour-long session starts from the day's sign-in, no code of its own.
  if (role.roleArn !== undefined && standing !== 'console-only') {
    if (standing === 'valid') return `AWS CLI commands as ${role.role} work until then; Cairn starts the next session from your sign-in for the day.`
    if (standing === 'expiring') return `Cairn starts the next session from your sign-in for the day when the AWS CLI asks.`
    return `Cairn starts a session when the AWS CLI asks, while you are signed in for the day.`
  }
  switch (standing) {
    case 'valid':
      return `AWS CLI commands as ${role.role} work without an MFA code until then.`
    case 'expiring':
      return `Refresh it now so AWS CLI commands as ${role.role} keep working.`
    case 'expired':
    case 'none':
      return `The AWS CLI cannot act as ${role.role} until you refresh the session with an MFA code.`
    case 'starts-on-use':
      return `${role.role} needs no MFA code: Cairn starts a session the first time the AWS CLI asks.`
    case 'console-only':
      // The card's AWS CLI line already says why.
      return null
  }
}

/** The session's time left to the minute, in the tray menu's words, with a badge that is not colour alone. */
export function SessionLine({ role, now }: { role: ProfileRole; now: number }) {
  const { standing, words } = sessionSummary(role, now)
  const next = advice(role, standing)
  return (
    <div className="session-line" data-testid={`session-${role.role}`}>
      <StatusBadge status={badge[standing]} label={capitalised(words)} />
      {next ? <span className="muted">{next}</span> : null}
    </div>
  )
}
