import { useEffect, useReducer, useRef, type FormEvent } from 'react'
import type { MfaConfirmation, MfaEnrollment } from '../../../../shared/contract'
import { call } from '../../call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { asCallError, useAction } from '../../ui/use-action'
import { codeEntry, noEntry } from './code-entry'
import { CodeBoxes } from './CodeBoxes'
import { codeProblems, hasProblems } from './codes'
import { tryAgainWords } from './confirm-words'

type Enabled = Extract<MfaConfirmation, { result: 'enabled' }>

/** Groups of four, whatever main's spacing: easier to read aloud and to type into an app. */
const inFours = (secret: string) =>
  secret
    .replace(/\s+/g, '')
    .match(/.{1,4}/g)
    ?.join(' ') ?? ''

/**
 * One open MFA set-up: the QR code (on a white tile with a quiet zone, so it scans in the dark
 * theme too), the entry's label, the secret key on demand, and two codes. The secret lives in
 * this component's state only, and goes when it is hidden or the panel closes.
 */
export function EnrollPanel({
  userName,
  enrollment,
  onEnabled,
  onCancel,
  onRestart,
  cancelling
}: {
  userName: string
  enrollment: MfaEnrollment
  onEnabled: (result: Enabled) => void
  onCancel: () => void
  onRestart: () => void
  cancelling: boolean
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  const firstBox = useRef<HTMLInputElement>(null)
  const secondBox = useRef<HTMLInputElement>(null)
  const submit = useRef<HTMLButtonElement>(null)
  const [entry, dispatch] = useReducer(codeEntry, noEntry)
  const { codes, problems, confirming, tryAgain, error, checks } = entry
  const [revealed, reveal, hideSecret] = useAction(() => window.cairn.mfa.showSecret({ enrollmentId: enrollment.enrollmentId }))
  const secret = revealed.status === 'done' ? inFours(revealed.value.secretGrouped) : null

  useEffect(() => heading.current?.focus(), [])
  // A try-again empties the boxes: the next attempt needs two new codes, typed from the first box.
  useEffect(() => {
    if (checks > 0) firstBox.current?.focus()
  }, [checks])

  const confirm = async (event: FormEvent) => {
    event.preventDefault()
    const found = codeProblems(codes)
    if (hasProblems(found)) {
      dispatch({ type: 'refused-here', problems: found })
      ;(found.code1 ? firstBox : secondBox).current?.focus()
      return
    }
    dispatch({ type: 'confirming' })
    try {
      const result = await call(window.cairn.mfa.confirm({ enrollmentId: enrollment.enrollmentId, ...codes }))
      dispatch({ type: 'answered', result })
      if (result.result === 'enabled') {
        // The secret leaves the screen with the set-up.
        hideSecret()
        onEnabled(result)
      }
    } catch (failure) {
      dispatch({ type: 'failed', error: asCallError(failure) })
    }
  }

  const expires = new Date(enrollment.expiresAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
  const words = tryAgain ? tryAgainWords(tryAgain) : null
  const id = `mfa-${enrollment.enrollmentId}`

  return (
    <div className="enroll-panel" role="group" aria-labelledby={`${id}-title`} data-testid="enroll-panel">
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Set up MFA for {userName}
      </h3>
      <div className="enroll-layout">
        <div className="qr-tile">
          <img
            src={enrollment.qrDataUrl}
            width={264}
            height={264}
            alt={`QR code for your authenticator app. It adds the entry ${enrollment.label}.`}
            data-testid="mfa-qr"
          />
        </div>
        <div className="enroll-steps">
          <ol>
            <li>In your authenticator app, add an account and scan this QR code.</li>
            <li>
              The app lists it as <strong className="mono">{enrollment.label}</strong>.
            </li>
            <li>Enter the code it shows, wait for the next one, and enter that too.</li>
          </ol>
          <p className="muted">
            This code works until {expires}. Each user needs their own entry; an older AWS entry for {userName} will not do.
          </p>
          {secret ? (
            <div className="secret-key">
              <p id={`${id}-secret-label`}>Secret key (for apps that cannot scan; type it as a time-based key):</p>
              <p className="mono secret-value" aria-labelledby={`${id}-secret-label`} data-testid="mfa-secret">
                {secret}
              </p>
              <button type="button" className="secondary" onClick={hideSecret}>
                Hide secret key
              </button>
            </div>
          ) : (
            <button type="button" className="secondary" onClick={() => void reveal()}>
              Show secret key
            </button>
          )}
          {revealed.status === 'failed' ? <ErrorNotice error={revealed.error} /> : null}
        </div>
      </div>

      {tryAgain && words ? (
        <div className="notice notice-problem" role="alert" data-testid="mfa-try-again" data-kind={tryAgain.check.kind}>
          <p className="notice-title">{words.headline}</p>
          <p>{tryAgain.message}</p>
          {words.detail ? <p>{words.detail}</p> : null}
        </div>
      ) : null}
      {error ? (
        <ErrorNotice error={error}>
          <button type="button" onClick={onRestart}>
            Start the set-up again
          </button>
        </ErrorNotice>
      ) : null}

      <form onSubmit={(event) => void confirm(event)} noValidate>
        <CodeBoxes
          id={id}
          codes={codes}
          onChange={(typed) => dispatch({ type: 'typed', codes: typed })}
          errors={problems}
          disabled={confirming}
          firstRef={firstBox}
          secondRef={secondBox}
          after={submit}
        />
        <div className="enroll-actions">
          <button ref={submit} type="submit" className="primary" disabled={confirming || cancelling}>
            {confirming ? 'Checking…' : 'Add MFA'}
          </button>
          <button type="button" className="secondary" onClick={onCancel} disabled={confirming || cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      </form>
    </div>
  )
}
