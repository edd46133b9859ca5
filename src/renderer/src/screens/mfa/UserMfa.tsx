import { useEffect, useRef } from 'react'
import { useJourney } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { RequireConnection } from '../../ui/RequireConnection'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { mfaProgress, userCard } from './enrollment-flow'
import { MfaUserCard } from './MfaUserCard'
import { useEnrollmentFlow } from './use-enrollment-flow'
import './mfa.css'

export default function UserMfa() {
  return (
    <section className="mfa-screen">
      <ScreenHeading>{stepInfo('mfa').label}</ScreenHeading>
      <p className="screen-intro">
        Each user gets their own entry in an authenticator app on your phone. Users whose API calls need MFA can only get sessions once they have a device; for
        console users it guards the sign-in.
      </p>
      <RequireConnection>{() => <MfaUsers />}</RequireConnection>
    </section>
  )
}

function MfaUsers() {
  const journey = useJourney()
  const mfa = useEnrollmentFlow(journey.plannedSetup)
  const { users, flow } = mfa
  const resultHeading = useRef<HTMLParagraphElement>(null)

  useEffect(() => {
    if (flow.lastEnabled) resultHeading.current?.focus()
  }, [flow.lastEnabled])

  if (users.status === 'loading') return <p role="status">Finding the users Cairn set up…</p>
  if (users.status === 'failed') {
    return (
      <ErrorNotice error={users.error} title="Cairn could not tell which users to set up">
        <button type="button" onClick={mfa.retryUsers}>
          Try again
        </button>
      </ErrorNotice>
    )
  }
  if (users.value.length === 0) {
    return (
      <>
        <div className="notice" data-testid="mfa-no-users">
          <p className="notice-title">No users yet</p>
          <p>Cairn has not set up any users in this account. Apply the plan first; this step then lists each user.</p>
          <button type="button" className="primary" onClick={() => void journey.go('apply')}>
            Go to Apply
          </button>
        </div>
        <StepActions step="mfa" canContinue={false} blockedReason="Apply the plan first." />
      </>
    )
  }

  const progress = mfaProgress(flow, users.value)

  return (
    <>
      <ul className="mfa-users" aria-label="Users">
        {users.value.map((user) => (
          <MfaUserCard key={user.role} user={user} card={userCard(flow, user)} cancelling={flow.cancelling} resultHeading={resultHeading} actions={mfa} />
        ))}
      </ul>
      {flow.open ? (
        <p id="mfa-one-at-a-time" className="muted">
          One set-up at a time: finish or cancel the open one first.
        </p>
      ) : null}

      {progress.offersLater ? (
        <div className="notice notice-warn mfa-later">
          <label className="mfa-later-choice">
            <input type="checkbox" checked={flow.later} onChange={(event) => mfa.setLater(event.target.checked)} />
            <span>I’ll set up MFA for {progress.missingNames} later</span>
          </label>
          <p>
            Until then Cairn cannot get sessions for {progress.missingNames}: {progress.missing === 1 ? 'its' : 'their'} profiles use MFA-backed sessions, so
            the command line and console sign-in as {progress.missing === 1 ? 'that role' : 'those roles'} will not work. Come back to this step at any time.
          </p>
        </div>
      ) : null}

      <StepActions step="mfa" canContinue={progress.canContinue} blockedReason={progress.blockedReason} />
    </>
  )
}
