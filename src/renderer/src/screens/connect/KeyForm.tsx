import { useId, useState, type ReactNode } from 'react'
import type { ConnectionInfo } from '../../../../shared/contract'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useAction } from '../../ui/use-action'
import { isTemporaryKeyId, keyFormComplete, keyFormProblems, type KeyForm } from './key-form-rules'

const empty: KeyForm = { accessKeyId: '', secretAccessKey: '', sessionToken: '', endpoint: '' }

/**
 * The bootstrap key, typed or pasted. The secret (and a session token) leave React state as
 * soon as they are sent, whatever AWS answers: main holds them in memory from then on.
 */
export function KeyFormPanel({ onConnected, blockedReason }: { onConnected: (info: ConnectionInfo) => void; blockedReason?: string }) {
  const [form, setForm] = useState<KeyForm>(empty)
  const [showSecret, setShowSecret] = useState(false)
  const [connecting, connect] = useAction((request: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; endpoint?: string }) =>
    window.cairn.connect.withKeys(request)
  )
  const ids = { id: useId(), secret: useId(), token: useId(), endpoint: useId() }
  const problems = keyFormProblems(form)
  const temporary = isTemporaryKeyId(form.accessKeyId)
  const ready = keyFormComplete(form) && !blockedReason

  const set = (field: keyof KeyForm) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setForm((f) => ({ ...f, [field]: event.target.value }))

  async function submit() {
    const request = {
      accessKeyId: form.accessKeyId.trim(),
      secretAccessKey: form.secretAccessKey.trim(),
      ...(temporary ? { sessionToken: form.sessionToken.trim() } : {}),
      ...(form.endpoint.trim() ? { endpoint: form.endpoint.trim() } : {})
    }
    const pending = connect(request)
    // Sent: the secret and token are no longer this screen's to keep, success or not.
    setForm((f) => ({ ...f, secretAccessKey: '', sessionToken: '' }))
    setShowSecret(false)
    const info = await pending
    if (info) onConnected(info)
  }

  return (
    <form
      className="key-form card"
      aria-label="Access key"
      onSubmit={(event) => {
        event.preventDefault()
        if (ready) void submit()
      }}
    >
      <Field id={ids.id} label="Access key ID" hint="20 characters, starting with AKIA (or ASIA for temporary credentials)." problem={problems.accessKeyId}>
        {(aria) => <input {...aria} className="mono" autoComplete="off" spellCheck={false} value={form.accessKeyId} onChange={set('accessKeyId')} />}
      </Field>
      <Field id={ids.secret} label="Secret access key" hint="40 characters. Kept in memory only, never saved." problem={problems.secretAccessKey}>
        {(aria) => (
          <div className="secret-row">
            <input
              {...aria}
              className="mono"
              type={showSecret ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={form.secretAccessKey}
              onChange={set('secretAccessKey')}
            />
            <button type="button" className="secondary" aria-pressed={showSecret} onClick={() => setShowSecret((s) => !s)}>
              {showSecret ? 'Hide' : 'Show'}
              <span className="visually-hidden"> the secret access key</span>
            </button>
          </div>
        )}
      </Field>
      {temporary ? (
        <Field id={ids.token} label="Session token" hint="Temporary credentials come with one; they expire by themselves." problem={problems.sessionToken}>
          {(aria) => <textarea {...aria} className="mono token" rows={3} spellCheck={false} value={form.sessionToken} onChange={set('sessionToken')} />}
        </Field>
      ) : null}
      <details className="advanced">
        <summary>Advanced: another endpoint</summary>
        <Field
          id={ids.endpoint}
          label="IAM and STS endpoint"
          hint="Leave empty for AWS. For testing against an IAM-compatible service, such as the practice account run with `cairn practice`."
          problem={problems.endpoint}
        >
          {(aria) => <input {...aria} className="mono" autoComplete="off" spellCheck={false} value={form.endpoint} onChange={set('endpoint')} />}
        </Field>
      </details>
      <div className="key-form-actions">
        <button type="submit" className="primary" disabled={!ready || connecting.status === 'running'}>
          Connect
        </button>
        {blockedReason ? <span className="muted">{blockedReason}</span> : null}
        {connecting.status === 'running' ? <span role="status">Asking AWS who this key belongs to…</span> : null}
      </div>
      {connecting.status === 'failed' ? <ErrorNotice error={connecting.error} /> : null}
    </form>
  )
}

interface FieldAria {
  id: string
  'aria-invalid': true | undefined
  'aria-describedby': string
}

/** A labelled field whose hint, and problem when there is one, are read out with the control. */
function Field({
  id,
  label,
  hint,
  problem,
  children
}: {
  id: string
  label: string
  hint: string
  problem: string | undefined
  children: (aria: FieldAria) => ReactNode
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': problem ? `${id}-hint ${id}-error` : `${id}-hint` })}
      <span className="field-hint" id={`${id}-hint`}>
        {hint}
      </span>
      {problem ? (
        <span className="field-error" id={`${id}-error`}>
          {problem}
        </span>
      ) : null}
    </div>
  )
}
