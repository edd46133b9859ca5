import { useEffect, useRef, useState, type FormEvent } from 'react'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useAction } from '../../ui/use-action'
import { CodeBoxes } from './CodeBoxes'
import { codeProblems, hasProblems, noCodes, type CodeProblems, type Codes } from './codes'
import { userRequest, type MfaUser } from './mfa-users'

/** ResyncMFADevice for a device whose codes AWS refuses (a phone clock that drifted): two new codes. */
export function ResyncForm({ user, userName, onClose }: { user: MfaUser; userName: string; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null)
  const [codes, setCodes] = useState<Codes>(noCodes)
  const [errors, setErrors] = useState<CodeProblems>({})
  const [state, resync] = useAction((typed: Codes) => window.cairn.mfa.resync({ ...userRequest(user), ...typed }))
  useEffect(() => heading.current?.focus(), [])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems = codeProblems(codes)
    setErrors(problems)
    if (hasProblems(problems)) return
    // Refused codes are spent: the next try needs two new ones.
    if (!(await resync(codes))) setCodes(noCodes)
  }

  return (
    <div className="resync" role="group" aria-labelledby={`resync-${user.role}-title`}>
      <h3 id={`resync-${user.role}-title`} ref={heading} tabIndex={-1}>
        Resync {userName}’s device
      </h3>
      <p className="muted">
        When AWS refuses codes that your app shows, its clock has drifted. Set the phone’s time to update automatically, then enter two codes in a row.
      </p>
      {state.status === 'done' ? (
        <p className="notice notice-ok" role="status">
          {state.value.message}
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
