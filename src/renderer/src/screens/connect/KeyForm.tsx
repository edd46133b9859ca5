import { useId, useState } from 'react'
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

  const set = (field: keyof KeyForm) => (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm((f) => ({ ...f, [field]: event.target.value }))

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

  /** The hint, and the problem when there is one, read out with the field. */
  const describedBy = (id: string, problem: string | undefined) => (problem ? `${id}-hint ${id}-error` : `${id}-hint`)

  return (
    <form
      className="key-form card"
      aria-label="Access key"
      onSubmit={(event) => {
        event.preventDefault()
        if (ready) void submit()
      }}
    >
      <div className="field">
        <label htmlFor={ids.id}>Access key ID</label>
        <input
          id={ids.id}
          className="mono"
          autoComplete="off"
          spellCheck={false}
          value={form.accessKeyId}
          onChange={set('accessKeyId')}
          aria-invalid={problems.accessKeyId ? true : undefined}
          aria-describedby={describedBy(ids.id, problems.accessKeyId)}
        />
        <span className="field-hint" id={`${ids.id}-hint`}>
          20 characters, starting with AKIA (or ASIA for temporary credentials).
        </span>
        {problems.accessKeyId ? (
          <span className="field-error" id={`${ids.id}-error`}>
            {problems.accessKeyId}
          </span>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={ids.secret}>Secret access key</label>
        <div className="secret-row">
          <input
            id={ids.secret}
            className="mono"
            type={showSecret ? 'text' : 'password'}
            autoComplete="off"
            spellCheck={false}
            value={form.secretAccessKey}
            onChange={set('secretAccessKey')}
            aria-invalid={problems.secretAccessKey ? true : undefined}
            aria-describedby={describedBy(ids.secret, problems.secretAccessKey)}
          />
          <button type="button" className="secondary" aria-pressed={showSecret} onClick={() => setShowSecret((s) => !s)}>
            {showSecret ? 'Hide' : 'Show'}
            <span className="visually-hidden"> the secret access key</span>
          </button>
        </div>
        <span className="field-hint" id={`${ids.secret}-hint`}>
          40 characters. Kept in memory only, never saved.
        </span>
        {problems.secretAccessKey ? (
          <span className="field-error" id={`${ids.secret}-error`}>
            {problems.secretAccessKey}
          </span>
        ) : null}
      </div>
      {temporary ? (
        <div className="field">
          <label htmlFor={ids.token}>Session token</label>
          <textarea
            id={ids.token}
            className="mono token"
            rows={3}
            spellCheck={false}
            value={form.sessionToken}
            onChange={set('sessionToken')}
            aria-invalid={problems.sessionToken ? true : undefined}
            aria-describedby={describedBy(ids.token, problems.sessionToken)}
          />
          <span className="field-hint" id={`${ids.token}-hint`}>
            Temporary credentials come with one; they expire by themselves.
          </span>
          {problems.sessionToken ? (
            <span className="field-error" id={`${ids.token}-error`}>
              {problems.sessionToken}
            </span>
          ) : null}
        </div>
      ) : null}
      <details className="advanced">
        <summary>Advanced: another endpoint</summary>
        <div className="field">
          <label htmlFor={ids.endpoint}>IAM and STS endpoint</label>
          <input
            id={ids.endpoint}
            className="mono"
            autoComplete="off"
            spellCheck={false}
            value={form.endpoint}
            onChange={set('endpoint')}
            aria-invalid={problems.endpoint ? true : undefined}
            aria-describedby={describedBy(ids.endpoint, problems.endpoint)}
          />
          <span className="field-hint" id={`${ids.endpoint}-hint`}>
            Leave empty for AWS. For testing against an IAM-compatible service, such as the practice account run with `cairn practice`.
          </span>
          {problems.endpoint ? (
            <span className="field-error" id={`${ids.endpoint}-error`}>
              {problems.endpoint}
            </span>
          ) : null}
        </div>
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
