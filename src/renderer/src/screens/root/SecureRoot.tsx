import { useEffect, useRef, useState } from 'react'
import type { ConnectionStatus, RootMfaStatus } from '../../../../shared/contract'
import { IllustratedGuide } from '../../console-art/IllustratedGuide'
import { PagedGuide } from '../../console-art/PagedGuide'
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

  // A check the user asked for takes the focus with its result, since its button is disabled while it runs.
  const focusResult = useRef(false)
  const resultRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!focusResult.current || (checking.status !== 'done' && checking.status !== 'failed')) return
    focusResult.current = false
    resultRef.current?.focus()
  }, [checking.status])

  const status: RootMfaStatus | null = checking.status === 'done' ? checking.value : null
  const verified = status?.accountMfaEnabled === true
  const canContinue = !practice || verified || skipped

  // The real account's guide: in the practice account it folds away, for a real one it is the action.
  const realGuide =
    guide.status === 'done' ? (
      <>
        <h2>Before you start</h2>
        <ul>
          {guide.value.beforeYouStart.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <h2>{practice ? 'On your real account, in the AWS console' : 'In the AWS console'}</h2>
        <div className="console-intro">
          <p>Root MFA is set up in the console only: AWS offers no API for it. These are today’s pages, drawn.</p>
          <OpenInBrowser url={guide.value.consoleUrl}>Open the AWS console</OpenInBrowser>
        </div>
        {practice ? <IllustratedGuide guide={guide.value} /> : <PagedGuide guide={guide.value} />}
        <h3 className="afterwards-heading">Afterwards</h3>
        <ul>
          {guide.value.afterwards.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </>
    ) : guide.status === 'loading' ? (
      <p role="status">Loading the steps…</p>
    ) : null

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
      ) : (
        realGuide
      )}

      <h2>Check again</h2>
      {checkAccount ? (
        <div className="root-check-area">
          <button
            type="button"
            onClick={() => {
              focusResult.current = true
              void check(checkAccount)
            }}
            disabled={checking.status === 'running'}
          >
            Check again
          </button>
          {checking.status === 'running' ? <p role="status">Asking AWS…</p> : null}
          <div ref={resultRef} tabIndex={-1} className="root-check-result">
            {status ? <RootCheckResult status={status} practice={practice} /> : null}
            {checking.status === 'failed' ? <ErrorNotice error={checking.error} /> : null}
          </div>
        </div>
      ) : (
        <div className="notice" data-testid="not-verified">
          <p className="notice-title">Not verified yet</p>
          <p>
            Cairn has no connection to your account before the next step, so it cannot read this yet. Once you connect, Cairn checks root MFA and root access
            keys (they must be 0) on the Security status step.
          </p>
        </div>
      )}

      {practice ? (
        <details className="real-account-guide" data-testid="real-account-guide">
          <summary>How this looks on your real account</summary>
          {realGuide}
        </details>
      ) : null}

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
