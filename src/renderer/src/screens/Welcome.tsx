import { useId, useState } from 'react'
import type { AppInfo, PracticeStatus } from '../../../shared/contract'
import { useCall, type CallState } from '../use-call'
import { useJourney } from '../journey/journey-context'
import { ScreenHeading } from '../ui/ScreenHeading'
import { ErrorNotice } from '../ui/ErrorNotice'
import { useAction } from '../ui/use-action'

type AccountChoice = 'practice' | 'real'

const whatWillHappen = [
  'Secure the root user: MFA on, no access keys, then stop using it.',
  'Connect with a temporary key and see your account’s security status.',
  'Plan and create billing, dev and ops users in the Finance, Developers and Operations groups.',
  'Add an MFA device for each user and let IAM users see billing.',
  'From then on: one click to be billing, dev or ops in the AWS CLI and the console.'
]

export function Welcome() {
  const [info, retry] = useCall(() => window.cairn.app.info())
  const [practice] = useCall(() => window.cairn.practice.status())
  const journey = useJourney()
  const [choice, setChoice] = useState<AccountChoice>(journey.state.account ?? 'practice')
  const [starting, start] = useAction(async () => {
    // Choosing the other account starts that account's journey; the same one continues where it was.
    if (journey.state.account === choice && journey.state.reached !== 'welcome') await journey.go(journey.state.reached)
    else await journey.start(choice)
    return { ok: true as const, value: null }
  })
  const headingId = useId()

  return (
    <section aria-labelledby={headingId} className="welcome">
      <ScreenHeading id={headingId}>Secure your AWS account, calmly.</ScreenHeading>
      <p className="lede">
        Cairn walks you from a brand-new AWS account to a secured one, checks every step really happened, and then makes switching between your billing, dev and
        ops identities one click.
      </p>

      <h2>What will happen</h2>
      <ol className="journey">
        {whatWillHappen.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>

      <h2>What stays on this machine</h2>
      <p>
        Every access key secret, password and session Cairn handles goes straight into your operating system’s keychain. Nothing is sent anywhere but AWS, and
        no secret is ever written to your <code>~/.aws</code> files.
      </p>
      <p className="aside">
        AWS recommends IAM Identity Center for people. It needs AWS Organizations; for a single account, MFA-protected IAM users in groups — what Cairn sets up
        — is the common, sound starting point.
      </p>

      <fieldset className="account-choice">
        <legend>Where do you want to start?</legend>
        <label className={choice === 'practice' ? 'choice selected' : 'choice'}>
          <input type="radio" name="account" value="practice" checked={choice === 'practice'} onChange={() => setChoice('practice')} />
          <span>
            <strong>Practice account</strong> <span className="badge">Recommended first</span>
            <span className="choice-detail">A local stand-in for AWS running inside Cairn. Rehearse the whole journey; nothing touches a real account.</span>
            <PracticeLine practice={practice} />
          </span>
        </label>
        <label className={choice === 'real' ? 'choice selected' : 'choice'}>
          <input type="radio" name="account" value="real" checked={choice === 'real'} onChange={() => setChoice('real')} />
          <span>
            <strong>My AWS account</strong>
            <span className="choice-detail">You will sign in to the AWS console as root for the steps only root can do.</span>
          </span>
        </label>
      </fieldset>

      {choice === 'real' && journey.state.account === 'practice' ? (
        <p className="aside">Your practice run stays in the practice account; the real account starts its own journey from the first step.</p>
      ) : null}
      <button type="button" className="primary" disabled={starting.status === 'running'} onClick={() => void start()}>
        {journey.state.account === choice && journey.state.reached !== 'welcome'
          ? 'Continue where you left off'
          : choice === 'practice'
            ? 'Start with the practice account'
            : 'Start with my AWS account'}
      </button>
      {starting.status === 'failed' ? <ErrorNotice error={starting.error} /> : null}

      <SystemStatus info={info} retry={retry} />
    </section>
  )
}

function PracticeLine({ practice }: { practice: CallState<PracticeStatus> }) {
  if (practice.status === 'loading') return null
  if (practice.status === 'failed') return <span className="choice-detail problem">{practice.error.message}</span>
  const { value } = practice
  if (!value.running) return <span className="choice-detail problem">{value.message}</span>
  return (
    <span className="choice-detail" data-testid="practice-status">
      Ready: practice account <span className="mono">{value.accountId}</span>
      {value.persisted ? ', kept between sessions' : ''}
    </span>
  )
}

function SystemStatus({ info, retry }: { info: CallState<AppInfo>; retry: () => void }) {
  if (info.status === 'loading') {
    return (
      <p className="system-status" role="status">
        Checking this machine…
      </p>
    )
  }
  if (info.status === 'failed') {
    return (
      <div className="system-status" role="alert">
        <p>{info.error.message}</p>
        <button type="button" onClick={retry}>
          Check again
        </button>
      </div>
    )
  }
  const { value } = info
  return (
    <dl className="system-status" aria-label="This machine" data-testid="system-status">
      <div>
        <dt>Cairn</dt>
        <dd data-testid="app-version">{value.version}</dd>
      </div>
      <div>
        <dt>System</dt>
        <dd data-testid="app-platform">
          {value.platform} ({value.arch})
        </dd>
      </div>
      <div>
        <dt>Keychain</dt>
        <dd data-testid="keychain-status" className={value.keychain.available ? 'ok' : 'problem'}>
          {value.keychain.available ? `${value.keychain.backend}: ready` : `${value.keychain.backend}: not available`}
        </dd>
      </div>
      {!value.keychain.available && value.keychain.message ? (
        <div className="problem-detail" role="alert">
          <dt>What to do</dt>
          <dd>
            {value.keychain.message}{' '}
            <button type="button" onClick={retry}>
              Check again
            </button>
          </dd>
        </div>
      ) : null}
    </dl>
  )
}
