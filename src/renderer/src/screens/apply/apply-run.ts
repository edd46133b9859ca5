import type { ApplyReportPayload, PlanPayload, ResponseOf, RollbackReportPayload } from '../../../../shared/contract'
import type { CallError } from '../../call'
import { applyAnnouncement, rollbackAnnouncement } from './announcements'
import { settleRows, type Row } from './operation-rows'
import { doWords, type StepSubject } from './step-words'

export type LastRun = NonNullable<ResponseOf<'setup.lastRun'>>

/** What the screen starts from: the planned roles, or (after a restart) the setup journal. */
export type Source = { kind: 'plan'; plan: PlanPayload } | { kind: 'journal'; lastRun: LastRun } | { kind: 'nothing' }

export type Operation = 'apply' | 'resume' | 'rollback'
export type Outcome = { op: 'apply' | 'resume'; report: ApplyReportPayload } | { op: 'rollback'; report: RollbackReportPayload }

/** One apply, resume or rollback at a time, what the last one ended with, and what the live region says. */
export interface ApplyRun {
  running: Operation | null
  outcome: Outcome | null
  /** The latest apply's report: what a rollback would take back. */
  lastApply: ApplyReportPayload | null
  /** The operation did not start (its call failed), as opposed to steps that failed. */
  error: CallError | null
  confirmingRollback: boolean
  announcement: string
}

export type ApplyRunAction =
  /** `steps`: how many rows the operation starts with (the apply says so). */
  | { type: 'started'; op: Operation; steps: number }
  | { type: 'applied'; op: 'apply' | 'resume'; report: ApplyReportPayload }
  | { type: 'rolled-back'; report: RollbackReportPayload }
  | { type: 'failed'; op: Operation; error: CallError }
  | { type: 'rollback-asked' }
  | { type: 'rollback-kept' }

export const notStarted: ApplyRun = { running: null, outcome: null, lastApply: null, error: null, confirmingRollback: false, announcement: '' }

const startWords = (op: Operation, steps: number): string =>
  op === 'apply' ? `Applying ${steps} steps.` : op === 'resume' ? 'Resuming the apply.' : 'Rolling back the last apply.'

const failedWords: Record<Operation, string> = { apply: 'The apply', resume: 'Resume', rollback: 'The rollback' }

export function applyRun(state: ApplyRun, action: ApplyRunAction): ApplyRun {
  switch (action.type) {
    case 'started':
      return { ...state, error: null, outcome: null, confirmingRollback: false, running: action.op, announcement: startWords(action.op, action.steps) }
    case 'applied':
      return {
        ...state,
        running: null,
        lastApply: action.report,
        outcome: { op: action.op, report: action.report },
        announcement: applyAnnouncement(action.report)
      }
    case 'rolled-back':
      return {
        ...state,
        running: null,
        // A rollback that stopped can be run again: it still needs the apply's report.
        lastApply: action.report.outcome === 'failed' ? state.lastApply : null,
        outcome: { op: 'rollback', report: action.report },
        announcement: rollbackAnnouncement(action.report)
      }
    case 'failed':
      return { ...state, running: null, error: action.error, announcement: `${failedWords[action.op]} did not start: ${action.error.message}` }
    case 'rollback-asked':
      return { ...state, confirmingRollback: true }
    case 'rollback-kept':
      return { ...state, confirmingRollback: false }
  }
}

/** The journal's last run, when there is something left to do with it (resume, roll back, or continue). */
export function sourceFromJournal(lastRun: ResponseOf<'setup.lastRun'>): Source {
  if (!lastRun || lastRun.state === 'rolled-back' || (lastRun.state !== 'finished' && !lastRun.canResume && !lastRun.canRollBack)) return { kind: 'nothing' }
  return { kind: 'journal', lastRun }
}

/** What the plan says each step is about, to name rows in progress events. */
export const planSubjects = (source: Source | null): Map<string, StepSubject> =>
  new Map(source?.kind === 'plan' ? source.plan.steps.map((s) => [s.id, { action: s.action, target: s.target }]) : [])

/** One waiting row per planned step, before anything runs. */
export const planRows = (source: Source | null): Row[] =>
  source?.kind === 'plan'
    ? source.plan.steps.map((s) => ({ id: s.id, title: doWords(s), state: 'waiting', ...(s.deferredUntilMfa ? { deferred: true } : {}) }))
    : []

export const deferredIds = (rows: readonly Row[]): Set<string> => new Set(rows.filter((row) => row.deferred).map((row) => row.id))

/** The rows once an apply or resume answered, in plan order, still marking what waits for MFA. */
export const settleApplyRows = (rows: readonly Row[], report: ApplyReportPayload, title: (id: string) => string, deferred: ReadonlySet<string>): Row[] =>
  settleRows(rows, report.steps, title, true).map((row) => (deferred.has(row.id) ? { ...row, deferred: true } : row))

/** A resume starts from the last apply's steps. */
export const resumeRows = (lastApply: ApplyReportPayload | null, title: (id: string) => string, deferred: ReadonlySet<string>): Row[] =>
  (lastApply?.steps ?? []).map((s) => ({ id: s.id, title: title(s.id), state: 'waiting', ...(deferred.has(s.id) ? { deferred: true } : {}) }))

/** Exactly what the last apply made, as a rollback will take it back (dependents first). */
export const createdIds = (lastApply: ApplyReportPayload | null): string[] | null =>
  lastApply
    ? lastApply.steps
        .filter((s) => s.created)
        .map((s) => s.id)
        .reverse()
    : null

export const rollbackRows = (ids: readonly string[] | null, title: (id: string) => string): Row[] =>
  (ids ?? []).map((id) => ({ id, title: title(id), state: 'waiting' }))

/** What the screen shows and offers, from where it started and what has run since. */
export interface ApplyRunView {
  busy: boolean
  journalRun: LastRun | null
  applied: boolean
  applyFailed: boolean
  rollbackFailed: boolean
  rolledBack: boolean
  /** The rows follow an operation (running or ended), not the plan. */
  showsOperation: boolean
  rollingBack: boolean
  /** The journal's last run, told before anything runs in this window. */
  lastRunNotice: LastRun | null
  /** The plan's overview, before anything runs. */
  planOverview: PlanPayload | null
  offers: { apply: boolean; resume: boolean; rollBack: boolean; planAgain: boolean }
  canContinue: boolean
  blockedReason: string
}

export function applyRunView(source: Source | null, run: ApplyRun): ApplyRunView {
  const { running, outcome, lastApply } = run
  const busy = running !== null
  const applyOutcome = outcome && outcome.op !== 'rollback' ? outcome.report.outcome : null
  const applyFailed = applyOutcome === 'failed'
  const rollbackFailed = outcome?.op === 'rollback' && outcome.report.outcome === 'failed'
  const rolledBack = outcome?.op === 'rollback' && !rollbackFailed
  const journalRun = source?.kind === 'journal' ? source.lastRun : null
  const applied = applyOutcome === 'done' || (!outcome && journalRun?.state === 'finished')
  const canResume = applyFailed || (!outcome && journalRun?.canResume === true)
  const created = createdIds(lastApply)
  const canRollBack = applyFailed || rollbackFailed || (!outcome && journalRun?.canRollBack === true) || (applied && created !== null && created.length > 0)
  return {
    busy,
    journalRun,
    applied,
    applyFailed,
    rollbackFailed,
    rolledBack,
    showsOperation: busy || outcome !== null,
    rollingBack: running === 'rollback' || outcome?.op === 'rollback',
    lastRunNotice: !outcome && !busy ? journalRun : null,
    planOverview: source?.kind === 'plan' && !outcome && !busy ? source.plan : null,
    offers: {
      apply: source?.kind === 'plan' && !applied && !applyFailed && !rolledBack && !rollbackFailed,
      resume: canResume && !rollbackFailed,
      rollBack: canRollBack && !run.confirmingRollback,
      planAgain: rolledBack
    },
    canContinue: applied && !busy,
    blockedReason: blockedReason(source, outcome, busy)
  }
}

function blockedReason(source: Source | null, outcome: Outcome | null, busy: boolean): string {
  if (busy) return 'Wait for the apply to finish.'
  if (outcome?.op === 'rollback') return 'The setup was rolled back; plan and apply again to continue.'
  if (outcome?.report.outcome === 'failed') return 'Resume or roll back first.'
  if (outcome?.report.outcome === 'blocked') return 'Resolve the conflicts on the Plan screen first.'
  if (source?.kind === 'journal') return 'Resume or roll back the last apply first.'
  return 'Apply the plan first.'
}
