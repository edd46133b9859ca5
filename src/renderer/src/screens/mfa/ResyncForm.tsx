import { useEffect, useRef, useState, type FormEvent } from 'react'
import { call, type CallError } from '../../call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { asCallError } from '../../ui/use-action'
import { CodeBoxes, type Codes } from './CodeBoxes'
import { userRequest, type MfaUser } from './mfa-users'

const sixDigits = /^\d{6}$/

/** ResyncMFADevice for a device whose codes AWS refuses (a phone clock that drifted): two new codes. */
export function ResyncForm({ user, userName, onClose }: { user: MfaUser; userName: string; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null)
  const [codes, setCodes] = useState<Codes>({ code1: '', code2: '' })
  const [errors, setErrors] = useState<Partial<Record<keyof Codes, string>>>({})
  const [state, setState] = useState<{ status: 'idle' | 'running' } | { status: 'done'; message: string } | { status: 'failed'; error: CallError }>({ status: 'idle' })
  useEffect(() => heading.current?.focus(), [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems: Partial<Record<keyof Codes, string>> = {}
    if (!sixDigits.test(codes.code1)) problems.code1 = 'Enter the 6 digits your app shows now.'
    if (!sixDigits.test(codes.code2)) problems.code2 = 'Enter the 6 digits your app shows next.'
    setErrors(problems)
    if (problems.code1 || problems.code2) return
    setState({ status: 'running' })
    try {
      const { message } = await call(window.cairn.mfa.resync({ ...userRequest(user), ...codes }))
      setState({ status: 'done', message })
    } catch (failure) {
      setCodes({ code1: '', code2: '' })
      setState({ status: 'failed', error: asCallError(failure) })
    }
  }

  return (
    <div className="resync" role="group" aria-labelledby={`resync-${user.role}-title`}>
      <h3 id={`resync-${user.role}-title`} ref={heading} tabIndex={-1}>
        Resync {userName}’s device
      </h3>
      <p className="muted">When AWS refuses codes that your app shows, its clock has drifted. Set the phone’s time to update automatically, then enter two codes in a row.</p>
      {state.status === 'done' ? (
        <p className="notice notice-ok" role="status">
          {state.message}
        </p>
      ) : null}
      {state.status === 'failed' ? <ErrorNotice error={state.error} /> : null}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <CodeBoxes id={`resync-${user.role}`} codes={codes} onChange={setCodes} errors={errors} disabled={state.status === 'running'} />
        <div className="enroll-actions">
          <button type="submit" className="primary" disabled={state.status === 'running'}>
            {state.status === 'running' ? 'Resyncing…' : 'Resync'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </div>
  )
}
