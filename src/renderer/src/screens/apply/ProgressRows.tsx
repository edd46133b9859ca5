import { StatusBadge } from '../../ui/StatusBadge'
import { isFinished, type Row } from './operation-rows'

/** Every step as a row with its state in words (never colour alone), and a bar of how many have finished. */
export function ProgressRows({ rows, label, id }: { rows: readonly Row[]; label: string; id: string }) {
  const finished = rows.filter(isFinished).length
  const failed = rows.filter((row) => row.state === 'failed').length
  return (
    <div className="op-progress">
      <div className="op-bar">
        <label htmlFor={`${id}-bar`}>{label}</label>
        <progress id={`${id}-bar`} max={rows.length} value={finished} data-testid={`${id}-bar`} />
        <span className="muted" aria-hidden="true">
          {finished} of {rows.length} finished{failed > 0 ? `, ${failed} failed` : ''}
        </span>
      </div>
      <ol className="op-rows" aria-label={label} data-testid={`${id}-rows`}>
        {rows.map((row) => (
          <li key={row.id} className={`op-row op-row-${row.state}`} data-step={row.id} data-state={row.state}>
            <span className="op-row-title">{row.title}</span>
            <RowBadge row={row} />
            {row.message && row.state !== 'done' ? (
              <p className="op-row-message">
                {row.message}
                {row.code ? <span className="op-row-code"> (code: {row.code})</span> : null}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  )
}

function RowBadge({ row }: { row: Row }) {
  if (row.state === 'retrying') return <StatusBadge status="retrying" label={`Retrying${row.attempt ? ` (attempt ${row.attempt})` : ''}`} />
  if (row.state === 'skipped' && row.deferred) return <StatusBadge status="skipped" label="Waits for MFA" />
  return <StatusBadge status={row.state} />
}
