import { useEffect, useId, useRef, useState } from 'react'
import type { MfaConfirmation, MfaEnrollment } from '../../../../shared/contract'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useAction } from '../../ui/use-action'

const sixDigits = /^\d{6}$/

/**
 * The console's QR-code page, played by the practice account: a real device is created, the
 * user scans it with a real authenticator app and types two codes, as on AWS. The secret
 * key is shown only on request and forgotten with the screen.
 */
export function RehearseRootMfa({ onEnabled }: { onEnabled: () => void }) {
  const [enrollment, setEnrollment] = useState<MfaEnrollment | null>(null)
  const [secret, setSecret] = useState<string | null>(null)
  const [code1, setCode1] = useState('')
  const [code2, setCode2] = useState('')
  const [result, setResult] = useState<MfaConfirmation | null>(null)
  const [starting, start] = useAction(() => window.cairn.mfa.practiceRootEnroll())
  const [revealing, reveal] = useAction((enrollmentId: string) => window.cairn.mfa.showSecret({ enrollmentId }))
  const [confirming, confirm] = useAction((request: { enrollmentId: string; code1: string; code2: string }) => window.cairn.mfa.practiceRootConfirm(request))
  const open = useRef<string | null>(null)
  const code1Id = useId()
  const code2Id = useId()
  const scanId = useId()
  // What appears next takes the focus: the QR-code page, the result, or Start again after Cancel.
  const pageRef = useRef<HTMLDivElement>(null)
  const doneRef = useRef<HTMLDivElement>(null)
  const startRef = useRef<HTMLButtonElement>(null)
  const [focusNext, setFocusNext] = useState<'page' | 'done' | 'start' | null>(null)
  useEffect(() => {
    if (!focusNext) return
    const target = { page: pageRef, done: doneRef, start: startRef }[focusNext].current
    if (!target) return
    setFocusNext(null)
    target.focus()
  }, [focusNext, enrollment, result])

  // Leaving the screen mid-way cancels the set-up: the unused device goes, and its secret with it.
  useEffect(
    () => () => {
      if (open.current) void window.cairn.mfa.abandon({ enrollmentId: open.current })
    },
    []
  )

  async function begin() {
    setResult(null)
    const created = await start()
    if (!created) return
    open.current = created.enrollmentId
    setEnrollment(created)
    setFocusNext('page')
  }

  async function cancel() {
    if (open.current) await window.cairn.mfa.abandon({ enrollmentId: open.current })
    open.current = null
    setEnrollment(null)
    setSecret(null)
    setCode1('')
    setCode2('')
    setFocusNext('start')
  }

  async function showSecret() {
    if (!enrollment) return
    const shown = await reveal(enrollment.enrollmentId)
    if (shown) setSecret(shown.secretGrouped)
  }

  async function addMfa() {
    if (!enrollment) return
    const answer = await confirm({ enrollmentId: enrollment.enrollmentId, code1, code2 })
    if (!answer) return
    setResult(answer)
    if (answer.result === 'enabled') {
      open.current = null
      setEnrollment(null)
      setSecret(null)
      setCode1('')
      setCode2('')
      setFocusNext('done')
      onEnabled()
    }
  }

  const codesValid = sixDigits.test(code1) && sixDigits.test(code2)

  if (!enrollment) {
    return (
      <div className={result?.result === 'enabled' ? 'rehearsal rehearsal-finished' : 'rehearsal'}>
        {result?.result === 'enabled' ? (
          <div className="notice notice-ok" role="status" tabIndex={-1} ref={doneRef} data-testid="rehearsal-done">
            <p className="notice-title">Rehearsal done</p>
            <p>{result.message}</p>
          </div>
        ) : (
          <>
            <p>Play the console’s QR-code page here, with your own authenticator app. The practice account checks the codes exactly as AWS does.</p>
            <button type="button" className="primary" ref={startRef} disabled={starting.status === 'running'} onClick={() => void begin()}>
              Start the rehearsal
            </button>
          </>
        )}
        {starting.status === 'failed' ? <ErrorNotice error={starting.error} /> : null}
      </div>
    )
  }

  return (
    <div className="rehearsal" data-testid="rehearsal" role="group" aria-labelledby={scanId} tabIndex={-1} ref={pageRef}>
      <div className="rehearsal-qr">
        <img
          src={enrollment.qrDataUrl}
          alt={`QR code for ${enrollment.label}: scan it with your authenticator app`}
          className="qr-code"
          data-testid="root-qr"
        />
        <div>
          <p id={scanId}>
            Scan the code with your authenticator app. It appears as <strong>{enrollment.label}</strong>.
          </p>
          {secret ? (
            <p>
              Secret key:{' '}
              <span className="mono secret-key" data-testid="root-secret">
                {secret}
              </span>
            </p>
          ) : (
            <button type="button" className="link" onClick={() => void showSecret()} disabled={revealing.status === 'running'}>
              Show secret key
            </button>
          )}
          {revealing.status === 'failed' ? <ErrorNotice error={revealing.error} /> : null}
          <form
            className="mfa-codes"
            onSubmit={(event) => {
              event.preventDefault()
              if (codesValid) void addMfa()
            }}
          >
            <div className="field">
              <label htmlFor={code1Id}>MFA code 1</label>
              <input
                id={code1Id}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                value={code1}
                onChange={(e) => setCode1(e.target.value.replace(/\D/g, ''))}
              />
            </div>
            <div className="field">
              <label htmlFor={code2Id}>MFA code 2</label>
              <input
                id={code2Id}
                inputMode="numeric"
                autoComplete="off"
                maxLength={6}
                value={code2}
                onChange={(e) => setCode2(e.target.value.replace(/\D/g, ''))}
              />
              <span className="field-hint">The next code your app shows, after the first one changes.</span>
            </div>
            <div className="rehearsal-actions">
              <button type="submit" className="primary" disabled={!codesValid || confirming.status === 'running'}>
                Add MFA
              </button>
              <button type="button" className="secondary" onClick={() => void cancel()}>
                Cancel the rehearsal
              </button>
            </div>
          </form>
          {result?.result === 'try-again' ? (
            <div className="notice notice-warn" role="alert">
              <p className="notice-title">{result.awsRefused ? 'The practice account refused those codes' : 'Those codes did not fit'}</p>
              <p>{result.message}</p>
            </div>
          ) : null}
          {confirming.status === 'failed' ? <ErrorNotice error={confirming.error} /> : null}
        </div>
      </div>
    </div>
  )
}
