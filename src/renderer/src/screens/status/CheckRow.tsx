import { useId } from 'react'
import type { CheckResultPayload } from '../../../../shared/contract'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { StatusBadge } from '../../ui/StatusBadge'
import { useAction } from '../../ui/use-action'
import { laterStep } from './check-guidance'

/**
 * One check: its status as a word and a shape, what Cairn saw, and the one-click fix where an
 * API allows one. A fix replaces the row with the check as it reads afterwards.
 */
export function CheckRow({ check, onFixed }: { check: CheckResultPayload; onFixed(check: CheckResultPayload): void }) {
  const titleId = useId()
  const [fixing, fix] = useAction((fixId: 'set-password-policy') => window.cairn.audit.fix({ fixId }))
  const later = check.status === 'pass' ? undefined : laterStep[check.id]
  return (
    <li className={`card check check-${check.status}`} data-check={check.id}>
      <div className="check-head">
        <StatusBadge status={check.status} />
        <h3 id={titleId} className="check-title">
          {check.title}
        </h3>
      </div>
      <p className="check-evidence">{check.evidence}</p>
      {later ? <p className="check-later muted">{later}</p> : null}
      {check.fix && check.status !== 'pass' ? (
        <button
          type="button"
          className="primary"
          disabled={fixing.status === 'running'}
          onClick={async () => {
            const fixed = await fix(check.fix!.id)
            if (fixed) onFixed(fixed)
          }}
        >
          {fixing.status === 'running' ? 'Fixing…' : check.fix.label}
        </button>
      ) : null}
      {fixing.status === 'failed' ? <ErrorNotice error={fixing.error} title="The fix did not go through" /> : null}
    </li>
  )
}
