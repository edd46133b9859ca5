import type { EventPayloadOf } from '../../../../shared/contract'

export type Progress = EventPayloadOf<'progress'>
export type RowState = Progress['state']

/** One line of an apply, resume or rollback, as the user follows it. */
export interface Row {
  id: string
  title: string
  state: RowState
  /** 2 for the first retry, ... */
  attempt?: number
  /** Why it failed and what to do next, why it was skipped, or why it is retrying. */
  message?: string
  /** AWS's (or Cairn's) error code, as small print. */
  code?: string
  /** Left on purpose until the user has MFA: counts as done. */
  deferred?: boolean
}

/** A progress event applied to the rows; a step the rows did not list yet is added at the end. */
export function applyProgress(rows: readonly Row[], progress: Progress, title: (id: string) => string): Row[] {
  const { stepId, state } = progress
  const update = (row: Row): Row => ({
    ...row,
    state,
    ...(progress.attempt !== undefined ? { attempt: progress.attempt } : {}),
    // A new state's message replaces the old one; running has none, so the retry reason goes.
    message: progress.message,
    ...(state === 'failed' ? {} : { code: undefined })
  })
  if (!rows.some((row) => row.id === stepId)) return [...rows, update({ id: stepId, title: title(stepId), state })]
  return rows.map((row) => (row.id === stepId ? update(row) : row))
}

/** The final word on each step, from the operation's answer: events can arrive after it, or be missed. */
export function settleRows(
  rows: readonly Row[],
  outcomes: ReadonlyArray<{ id: string; outcome: 'done' | 'failed' | 'skipped'; message: string; code?: string | undefined }>,
  title: (id: string) => string,
  inOutcomeOrder = false
): Row[] {
  const byId = new Map(outcomes.map((o) => [o.id, o]))
  const settle = (row: Row): Row => {
    const outcome = byId.get(row.id)
    if (!outcome)
      return row.state === 'waiting' || row.state === 'running' || row.state === 'retrying' ? { ...row, state: 'skipped', message: 'Not started.' } : row
    return { ...row, state: outcome.outcome, message: outcome.message, code: outcome.outcome === 'failed' ? outcome.code : undefined }
  }
  const known = new Set(rows.map((row) => row.id))
  const added = outcomes.filter((o) => !known.has(o.id)).map((o) => settle({ id: o.id, title: title(o.id), state: 'waiting' }))
  const settled = [...rows.map(settle), ...added]
  if (!inOutcomeOrder) return settled
  // An apply's report lists steps in plan order (groups, then users, ...), easier to read than arrival order.
  const position = new Map(outcomes.map((o, index) => [o.id, index]))
  return settled.sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity))
}

/** Finished one way or another: what the progress bar counts (the summary says how). */
export const isFinished = (row: Row): boolean => row.state === 'done' || row.state === 'skipped' || row.state === 'failed'
