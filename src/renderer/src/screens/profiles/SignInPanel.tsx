import { useId, useState } from 'react'
import type { SignInOverview } from '../../../../shared/channels/profiles'
import { StatusBadge } from '../../ui/StatusBadge'
import { clockTime } from './clock-time'
import { SessionCodePrompt } from './SessionCodePrompt'
import { signInLine } from './sign-in-words'

/**
 * The roles layout's day: "Signed in as me until 20:14", or "Not signed in today" with one code
 * box that signs in for the day and starts every role's session (profiles.signIn).
 */
export function SignInPanel({ signIn, now, onSignedIn }: { signIn: NonNullable<SignInOverview>; now: number; onSignedIn(): void }) {
  const headingId = useId()
  const line = signInLine(signIn, now)
  const [news, setNews] = useState('')
  return (
    <section className="card sign-in-panel" aria-labelledby={headingId} data-testid="sign-in-panel" data-signed-in={line.signedIn}>
      <h2 id={headingId}>Your sign-in for the day</h2>
      <p className="sign-in-line" data-testid="sign-in-line">
        <StatusBadge status={line.signedIn ? 'pass' : 'unknown'} label={line.signedIn ? 'Signed in' : 'Not signed in'} />
        <span>{line.text}</span>
      </p>
      <p className="muted">
        Every role starts its sessions from this sign-in: one MFA code a day, then each role’s console opens in one click.{' '}
        <span className="mono">{signIn.arn}</span>
      </p>
      {line.signedIn ? null : (
        <SessionCodePrompt
          role={signIn.userName}
          signIn={{ userName: signIn.userName }}
          autoFocus={false}
          onStarted={(started) => {
            setNews(`Signed in as ${signIn.userName} until ${clockTime(started.expiration)}: every role’s session has started.`)
            onSignedIn()
          }}
        />
      )}
      <p role="status" className="role-status">
        {news}
      </p>
    </section>
  )
}
