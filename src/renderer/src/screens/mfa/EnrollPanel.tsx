import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { MfaConfirmation, MfaEnrollment } from '../../../../shared/contract'
import { call, type CallError } from '../../call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { asCallError } from '../../ui/use-action'
import { CodeBoxes, type Codes } from './CodeBoxes'
import { tryAgainWords } from './confirm-words'

type Enabled = Extract<MfaConfirmation, { result: 'enabled' }>
type TryAgain = Extract<MfaConfirmation, { result: 'try-again' }>

const sixDigits = /^\d{6}$/
const empty: Codes = { code1: '', code2: '' }

/** Groups of four, whatever main's spacing: easier to read aloud and to type into an app. */
const inFours = (secret: string) => secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? ''

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
  const [secret, setSecret] = useState<string | null>(null)
  const [secretError, setSecretError] = useState<CallError | null>(null)
  const [codes, setCodes] = useState<Codes>(empty)
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Codes, string>>>({})
  const [confirming, setConfirming] = useState(false)
  const [tryAgain, setTryAgain] = useState<TryAgain | null>(null)
  const [error, setError] = useState<CallError | null>(null)
  const [checks, setChecks] = useState(0)

  useEffect(() => heading.current?.focus(), [])
  // A try-again empties the boxes: the next attempt needs two new codes, typed from the first box.
  useEffect(() => {
    if (checks > 0) firstBox.current?.focus()
  }, [checks])

  const showSecret = async () => {
    setSecretError(null)
    try {
      const { secretGrouped } = await call(window.cairn.mfa.showSecret({ enrollmentId: enrollment.enrollmentId }))
      setSecret(inFours(secretGrouped))
    } catch (failure) {
      setSecretError(asCallError(failure))
    }
  }

  const confirm = async (event: FormEvent) => {
    event.preventDefault()
    const problems: Partial<Record<keyof Codes, string>> = {}
    if (!sixDigits.test(codes.code1)) problems.code1 = 'Enter the 6 digits your app shows now.'
    if (!sixDigits.test(codes.code2)) problems.code2 = 'Enter the 6 digits your app shows next.'
    setFieldErrors(problems)
    if (problems.code1 || problems.code2) {
      ;(problems.code1 ? firstBox : secondBox).current?.focus()
      return
    }
    setConfirming(true)
    setError(null)
    try {
      const result = await call(window.cairn.mfa.confirm({ enrollmentId: enrollment.enrollmentId, ...codes }))
      if (result.result === 'enabled') {
        setSecret(null)
        onEnabled(result)
        return
      }
      setTryAgain(result)
      setCodes(empty)
      setChecks((n) => n + 1)
    } catch (failure) {
      setError(asCallError(failure))
    } finally {
      setConfirming(false)
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
          <img src={enrollment.qrDataUrl} width={264} height={264} alt={`QR code for your authenticator app. It adds the entry ${enrollment.label}.`} data-testid="mfa-qr" />
        </div>
        <div className="enroll-steps">
          <ol>
            <li>In your authenticator app, add an account and scan this QR code.</li>
            <li>
              The app lists it as <strong className="mono">{enrollment.label}</strong>.
            </li>
            <li>Enter the code it shows, wait for the next one, and enter that too.</li>
          </ol>
          <p className="muted">This code works until {expires}. Each user needs their own entry; an older AWS entry for {userName} will not do.</p>
          {secret ? (
            <div className="secret-key">
              <p id={`${id}-secret-label`}>Secret key (for apps that cannot scan; type it as a time-based key):</p>
              <p className="mono secret-value" aria-labelledby={`${id}-secret-label`} data-testid="mfa-secret">
                {secret}
              </p>
              <button type="button" className="secondary" onClick={() => setSecret(null)}>
                Hide secret key
              </button>
            </div>
          ) : (
            <button type="button" className="secondary" onClick={() => void showSecret()}>
              Show secret key
            </button>
          )}
          {secretError ? <ErrorNotice error={secretError} /> : null}
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
        <CodeBoxes id={id} codes={codes} onChange={setCodes} errors={fieldErrors} disabled={confirming} firstRef={firstBox} secondRef={secondBox} after={submit} />
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
