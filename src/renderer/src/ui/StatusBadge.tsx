export type Status = 'pass' | 'warn' | 'fail' | 'unknown' | 'running' | 'waiting' | 'done' | 'failed' | 'skipped' | 'retrying'

const words: Record<Status, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
  unknown: 'Unknown',
  running: 'Running',
  waiting: 'Waiting',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
  retrying: 'Retrying'
}

/** Colour plus a word and a shape, so status never depends on colour alone. */
export function StatusBadge({ status, label }: { status: Status; label?: string }) {
  return (
    <span className={`status-badge status-${status}`}>
      <span aria-hidden="true" className="status-icon" />
      {label ?? words[status]}
    </span>
  )
}
