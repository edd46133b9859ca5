import { useId, useRef, useState, type KeyboardEvent } from 'react'
import type { IpcResult } from '../../../../shared/errors'
import { useJourney } from '../../journey/journey-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useAction } from '../../ui/use-action'

export interface SessionStarted {
  role: string
  expiration: string
}

const CODE_LENGTH = 6

/**
 * One box for the authenticator app's 6 digits: it sends itself once all six are typed (or on
 * Enter), and after a refusal it empties and keeps focus so the next code can go straight in.
 */
export function SessionCodePrompt({
  role,
  onStarted,
  onCancel,
  signIn,
  autoFocus = true
}: {
  role: string
  onStarted(started: SessionStarted): void
  /** Absent: the prompt stays (the roles layout's "Not signed in today"), with no Cancel. */
  onCancel?: () => void
  /** The roles layout: the code signs this user in for the day (profiles.signIn), and every role with it. */
  signIn?: { userName: string }
  autoFocus?: boolean
}) {
  const [code, setCode] = useState('')
  const [tooShort, setTooShort] = useState(false)
  const [state, refresh] = useAction(async (digits: string): Promise<IpcResult<SessionStarted>> => {
    if (!signIn) return window.cairn.profiles.refreshSession({ role, code: digits })
    const day = await window.cairn.profiles.signIn({ code: digits })
    return day.ok ? { ok: true, value: { role: day.value.userName, expiration: day.value.expiration } } : day
  })
  const who = signIn ? signIn.userName : role
  const input = useRef<HTMLInputElement>(null)
  const journey = useJourney()
  const hintId = useId()
  const problemId = useId()

  const send = async (digits: string) => {
    const started = await refresh(digits)
    if (started) return onStarted(started)
    setCode('')
    input.current?.focus()
  }

  const type = (value: string) => {
    const digits = value.replace(/\D/g, '').slice(0, CODE_LENGTH)
    setCode(digits)
    setTooShort(false)
    if (digits.length === CODE_LENGTH && state.status !== 'running') void send(digits)
  }

  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onCancel) {
      event.preventDefault()
      onCancel()
    }
  }

  const invalid = tooShort || state.status === 'failed'
  return (
    <form
      className="code-prompt"
      // Cairn says what is missing itself; the browser's own bubble would stop Enter silently.
      noValidate
      onKeyDown={cancelOnEscape}
      onSubmit={(event) => {
        event.preventDefault()
        if (code.length === CODE_LENGTH) void send(code)
        else setTooShort(true)
      }}
    >
      <div className="field">
        <label htmlFor={`${hintId}-code`}>MFA code for {who}</label>
        <span className="field-hint" id={hintId}>
          {signIn
            ? `The 6 digits your authenticator app shows for ${who}. One code signs you in for the day, for every role; Cairn sends it as soon as you type the sixth.`
            : `The 6 digits your authenticator app shows for ${role}. Cairn starts the session as soon as you type the sixth.`}
        </span>
        <input
          ref={input}
          id={`${hintId}-code`}
          className="code-input mono"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={CODE_LENGTH}
          spellCheck={false}
          // The prompt opens because the user asked for it: the code goes here next.
          autoFocus={autoFocus}
          value={code}
          // Read-only rather than disabled while AWS answers: a disabled box would lose the focus.
          readOnly={state.status === 'running'}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${hintId} ${problemId}` : hintId}
          onChange={(event) => type(event.target.value)}
        />
        {tooShort ? (
          <span className="field-error" id={problemId}>
            Type all 6 digits ({code.length} so far).
          </span>
        ) : null}
      </div>
      {state.status === 'failed' ? (
        <div id={problemId}>
          <ErrorNotice error={state.error}>
            {state.error.code === 'MFA_DEVICE_UNKNOWN' ? (
              // The MFA step lists the user's devices and records one, or sets one up.
              <button type="button" onClick={() => void journey.go('mfa')}>
                Go to the MFA step
              </button>
            ) : null}
          </ErrorNotice>
        </div>
      ) : null}
      <div className="code-prompt-actions">
        <button type="submit" className="primary" aria-disabled={state.status === 'running' || undefined}>
          {state.status === 'running' ? (signIn ? 'Signing in…' : 'Starting the session…') : signIn ? 'Sign in for the day' : 'Start session'}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  )
}
