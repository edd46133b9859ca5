import { useEffect, useRef } from 'react'

/**
 * "Roll back" asks first, listing exactly what goes: the changes this run made (from its
 * report), or their number when the report is gone (after a restart, only the journal knows).
 */
export function RollbackConfirm({
  changes,
  count,
  busy,
  onConfirm,
  onCancel
}: {
  changes: string[] | null
  count: number
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  const total = changes?.length ?? count
  return (
    <div className="card rollback-confirm" role="group" aria-labelledby="rollback-confirm-title" data-testid="rollback-confirm">
      <h2 id="rollback-confirm-title" ref={heading} tabIndex={-1}>
        Roll back the last apply?
      </h2>
      {total === 0 ? (
        <p>This apply made nothing that is still there. Rolling back checks what its unfinished calls may have left, and deletes only that.</p>
      ) : (
        <p>
          Cairn takes back {total === 1 ? 'the one change' : `the ${total} changes`} this apply made, and nothing else: groups, users and policies that were
          already in the account stay. Passwords and access keys it put in your keychain are removed with them.
        </p>
      )}
      {changes ? (
        <ul className="rollback-list">
          {changes.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      ) : null}
      <div className="rollback-actions">
        <button type="button" className="primary danger" onClick={onConfirm} disabled={busy}>
          {total === 0 ? 'Roll back' : total === 1 ? 'Delete it' : `Delete these ${total}`}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Keep them
        </button>
      </div>
    </div>
  )
}
