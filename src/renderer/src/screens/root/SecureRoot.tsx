import { useEffect, useState } from 'react'
import type { ConnectionStatus, RootMfaStatus } from '../../../../shared/contract'
import { IllustratedGuide } from '../../console-art/IllustratedGuide'
import { stepInfo } from '../../journey/steps'
import { useJourney } from '../../journey/journey-context'
import { useCall } from '../../use-call'
import { call } from '../../call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { OpenInBrowser } from '../../ui/OpenInBrowser'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { useAction } from '../../ui/use-action'
import { RehearseRootMfa } from './rehearse-root-mfa'
import { RootCheckResult } from './root-check'
import './root.css'

export default function SecureRoot() {
  const journey = useJourney()
  const practice = journey.state.account === 'practice'
  const [guide, retryGuide] = useCall(() => window.cairn.guide.rootMfa())
  const [connection, setConnection] = useState<ConnectionStatus | null>(null)
  const [checking, check] = useAction((account: 'practice' | 'connected') => window.cairn.mfa.rootCheck({ account }))
  const [skipped, setSkipped] = useState(false)
  // Rehearsed on this visit: the rehearsal keeps saying so, rather than "already has MFA".
  const [rehearsedNow, setRehearsedNow] = useState(false)

  useEffect(() => {
    void call(window.cairn.connect.status()).then(setConnection, () => setConnection({ connected: false }))
  }, [])
  const connectedReal = connection?.connected === true && !connection.practice
  // The practice account can always be read; a real one only once Connect has a key.
  const checkAccount: 'practice' | 'connected' | null = practice ? 'practice' : connectedReal ? 'connected' : null

  useEffect(() => {
    if (checkAccount) void check(checkAccount)
    // Runs once the connection is known; `check` is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [checkAccount])

  const status: RootMfaStatus | null = checking.status === 'done' ? checking.value : null
  const verified = status?.accountMfaEnabled === true
  const canContinue = !practice || verified || skipped

  return (
    <section className="secure-root">
      <ScreenHeading>{stepInfo('root').label}</ScreenHeading>
      <p className="lede">
        The root user can do anything in the account, including closing it and changing how it is paid for, and no policy can limit it. A password alone can be
        guessed or phished; MFA means a second thing only you hold.
      </p>

      {guide.status === 'failed' ? (
        <ErrorNotice error={guide.error}>
          <button type="button" onClick={retryGuide}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {guide.status === 'done' ? (
        <>
          <h2>Before you start</h2>
          <ul>
            {guide.value.beforeYouStart.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <h2>{practice ? 'On your real account, in the AWS console' : 'In the AWS console'}</h2>
          <p>Root MFA is set up in the console only: AWS offers no API for it. These are today’s pages, drawn.</p>
          <IllustratedGuide guide={guide.value} />
          <OpenInBrowser url={guide.value.consoleUrl}>Open the AWS console</OpenInBrowser>
          <h3 className="afterwards-heading">Afterwards</h3>
          <ul>
            {guide.value.afterwards.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      ) : guide.status === 'loading' ? (
        <p role="status">Loading the steps…</p>
      ) : null}

      {practice ? (
        <>
          <h2>Rehearse it on the practice account</h2>
          {verified && !rehearsedNow ? (
            <p>The practice root user already has MFA. Nothing to rehearse.</p>
          ) : (
            <RehearseRootMfa
              onEnabled={() => {
                setRehearsedNow(true)
                void check('practice')
              }}
            />
          )}
        </>
      ) : null}

      <h2>Check again</h2>
      {checkAccount ? (
        <>
          <button type="button" onClick={() => void check(checkAccount)} disabled={checking.status === 'running'}>
            Check again
          </button>
          {checking.status === 'running' ? <p role="status">Asking AWS…</p> : null}
          {status ? <RootCheckResult status={status} practice={practice} /> : null}
          {checking.status === 'failed' ? <ErrorNotice error={checking.error} /> : null}
        </>
      ) : (
        <div className="notice" data-testid="not-verified">
          <p className="notice-title">Not verified yet</p>
          <p>
            Cairn has no connection to your account before the next step, so it cannot read this yet. Once you connect, Cairn checks root MFA and root access
            keys (they must be 0) on the Security status step.
          </p>
        </div>
      )}

      <StepActions
        step="root"
        canContinue={canContinue}
        blockedReason="Finish the rehearsal, or skip it."
        continueLabel={!practice && !verified ? 'Continue (not verified yet)' : 'Continue'}
      >
        {practice && !verified && !skipped ? (
          <button type="button" className="secondary" onClick={() => setSkipped(true)}>
            Skip the rehearsal
          </button>
        ) : null}
      </StepActions>
    </section>
  )
}
