import { useEffect, useMemo, useRef, useState } from 'react'
import type { ApplyReportPayload, PlanPayload, ResponseOf, RoleSpecPayload, RollbackReportPayload } from '../../../../shared/contract'
import type { CallError } from '../../call'
import { call } from '../../call'
import { useJourney } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { RequireConnection } from '../../ui/RequireConnection'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { asCallError } from '../../ui/use-action'
import { ApplySummary, applyAnnouncement, RollbackSummary, rollbackAnnouncement } from './ApplySummary'
import { LastRunNotice } from './LastRunNotice'
import { settleRows, type Row } from './operation-rows'
import { ProgressRows } from './ProgressRows'
import { RollbackConfirm } from './RollbackConfirm'
import { doWords, stepTitle, undoWords, type StepSubject } from './step-words'
import { useOperation } from './use-operation'
import './apply.css'

type LastRun = NonNullable<ResponseOf<'setup.lastRun'>>

/** What the screen starts from: the planned roles, or (after a restart) the setup journal. */
type Source =
  | { kind: 'loading' }
  | { kind: 'plan'; plan: PlanPayload }
  | { kind: 'journal'; lastRun: LastRun }
  | { kind: 'nothing' }
  | { kind: 'failed'; error: CallError }

type Operation = 'apply' | 'resume' | 'rollback'
type Outcome = { op: 'apply' | 'resume'; report: ApplyReportPayload } | { op: 'rollback'; report: RollbackReportPayload }

export default function Apply() {
  return (
    <section className="apply-screen">
      <ScreenHeading>{stepInfo('apply').label}</ScreenHeading>
      <p className="screen-intro">
        Cairn now makes the groups and users of your plan, one AWS call per row. Console passwords and access keys go straight into your keychain: this
        window never sees them.
      </p>
      <RequireConnection>{() => <ApplyRun />}</RequireConnection>
    </section>
  )
}

function ApplyRun() {
  const journey = useJourney()
  const roles = journey.plannedRoles
  const [source, setSource] = useState<Source>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const operation = useOperation()
  const [running, setRunning] = useState<Operation | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  /** The latest apply's report: what a rollback would take back. */
  const [lastApply, setLastApply] = useState<ApplyReportPayload | null>(null)
  const [error, setError] = useState<CallError | null>(null)
  const [confirmingRollback, setConfirmingRollback] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const summaryHeading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    let current = true
    load(roles).then(
      (loaded) => current && setSource(loaded),
      (failure: unknown) => current && setSource({ kind: 'failed', error: asCallError(failure) })
    )
    return () => {
      current = false
    }
  }, [roles, attempt])

  // The button that started the operation is gone when it ends: the summary takes focus.
  useEffect(() => {
    if (outcome) summaryHeading.current?.focus()
  }, [outcome])

  const subjects = useMemo(() => new Map<string, StepSubject>(source.kind === 'plan' ? source.plan.steps.map((s) => [s.id, { action: s.action, target: s.target }]) : []), [source])
  const doTitle = (id: string) => stepTitle(id, subjects, doWords)
  const undoTitle = (id: string) => stepTitle(id, subjects, undoWords)
  const planRows: Row[] =
    source.kind === 'plan' ? source.plan.steps.map((s) => ({ id: s.id, title: doWords(s), state: 'waiting', ...(s.deferredUntilMfa ? { deferred: true } : {}) })) : []
  const deferred = new Set(planRows.filter((row) => row.deferred).map((row) => row.id))

  const begin = (op: Operation, words: string) => {
    setError(null)
    setOutcome(null)
    setConfirmingRollback(false)
    setRunning(op)
    setAnnouncement(words)
  }

  const finishApply = (op: 'apply' | 'resume', report: ApplyReportPayload) => {
    operation.setRows((rows) => settleRows(rows, report.steps, doTitle, true).map((row) => (deferred.has(row.id) ? { ...row, deferred: true } : row)))
    setLastApply(report)
    setOutcome({ op, report })
    setAnnouncement(applyAnnouncement(report))
  }

  const fail = (failure: unknown, what: string) => {
    const callError = asCallError(failure)
    setError(callError)
    setAnnouncement(`${what} did not start: ${callError.message}`)
  }

  const startApply = async () => {
    if (!roles) return
    begin('apply', `Applying ${planRows.length} steps.`)
    try {
      const { summary } = await operation.run(planRows, doTitle, (operationId) => window.cairn.setup.apply({ operationId, roles }))
      finishApply('apply', summary)
    } catch (failure) {
      fail(failure, 'The apply')
    } finally {
      setRunning(null)
    }
  }

  const startResume = async () => {
    begin('resume', 'Resuming the apply.')
    const initial: Row[] = (lastApply?.steps ?? []).map((s) => ({ id: s.id, title: doTitle(s.id), state: 'waiting', ...(deferred.has(s.id) ? { deferred: true } : {}) }))
    try {
      const { summary } = await operation.run(initial, doTitle, (operationId) => window.cairn.setup.resume({ operationId }))
      finishApply('resume', summary)
    } catch (failure) {
      fail(failure, 'Resume')
    } finally {
      setRunning(null)
    }
  }

  /** Exactly what the last apply made, as a rollback will take it back (dependents first). */
  const createdIds = lastApply ? lastApply.steps.filter((s) => s.created).map((s) => s.id).reverse() : null

  const startRollback = async () => {
    begin('rollback', 'Rolling back the last apply.')
    const initial: Row[] = (createdIds ?? []).map((id) => ({ id, title: undoTitle(id), state: 'waiting' }))
    try {
      const { summary } = await operation.run(initial, undoTitle, (operationId) => window.cairn.setup.rollback({ operationId }))
      operation.setRows((rows) => settleRows(rows, summary.steps, undoTitle))
      if (summary.outcome !== 'failed') setLastApply(null)
      setOutcome({ op: 'rollback', report: summary })
      setAnnouncement(rollbackAnnouncement(summary))
    } catch (failure) {
      fail(failure, 'The rollback')
    } finally {
      setRunning(null)
    }
  }

  const busy = running !== null
  const applyFailed = outcome && outcome.op !== 'rollback' && outcome.report.outcome === 'failed'
  const rollbackFailed = outcome?.op === 'rollback' && outcome.report.outcome === 'failed'
  const rolledBack = outcome?.op === 'rollback' && !rollbackFailed
  const journalRun = source.kind === 'journal' ? source.lastRun : null
  const applied = (outcome && outcome.op !== 'rollback' && outcome.report.outcome === 'done') || (!outcome && journalRun?.state === 'finished')
  const canResume = applyFailed || (!outcome && journalRun?.canResume === true)
  const canRollBack = applyFailed || rollbackFailed || (!outcome && journalRun?.canRollBack === true) || (applied && lastApply !== null && createdIds !== null && createdIds.length > 0)
  const rows = running || outcome ? operation.rows : planRows

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="apply-announcement">
        {announcement}
      </p>
      {source.kind === 'loading' ? <p role="status">Reading what there is to apply…</p> : null}
      {source.kind === 'failed' ? (
        <ErrorNotice error={source.error} title="Cairn could not read the plan">
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {source.kind === 'nothing' ? (
        <div className="notice" data-testid="apply-nothing">
          <p className="notice-title">Nothing to apply yet</p>
          <p>Cairn keeps the plan in this window only, so it is gone after a restart, and there is no stopped apply to resume. Make the plan again; it takes a moment.</p>
          <button type="button" className="primary" onClick={() => void journey.go('plan')}>
            Go to Plan
          </button>
        </div>
      ) : null}
      {journalRun && !outcome && !busy ? <LastRunNotice lastRun={journalRun} onPlan={() => void journey.go('plan')} /> : null}
      {source.kind === 'plan' && !outcome && !busy ? <PlanOverview plan={source.plan} /> : null}

      {rows.length > 0 ? (
        <section className="op-section" aria-labelledby="op-title">
          <h2 id="op-title">{running === 'rollback' || outcome?.op === 'rollback' ? 'Rolling back' : 'Steps'}</h2>
          <ProgressRows rows={rows} id="apply" label={running === 'rollback' || outcome?.op === 'rollback' ? 'Rollback progress' : 'Apply progress'} />
        </section>
      ) : null}

      {error ? <ErrorNotice error={error} /> : null}
      {outcome?.op === 'rollback' ? (
        <RollbackSummary ref={summaryHeading} report={outcome.report} title={undoTitle} />
      ) : outcome ? (
        <ApplySummary ref={summaryHeading} report={outcome.report} title={doTitle} />
      ) : null}

      {confirmingRollback ? (
        <RollbackConfirm
          changes={createdIds ? createdIds.map(undoTitle) : null}
          count={journalRun?.steps.created ?? 0}
          busy={busy}
          onConfirm={() => void startRollback()}
          onCancel={() => setConfirmingRollback(false)}
        />
      ) : null}

      <div className="apply-actions">
        {source.kind === 'plan' && !applied && !applyFailed && !rolledBack && !rollbackFailed ? (
          <button type="button" className="primary" onClick={() => void startApply()} disabled={busy}>
            {running === 'apply' ? 'Applying…' : 'Apply'}
          </button>
        ) : null}
        {canResume && !rollbackFailed ? (
          <button type="button" className="primary" onClick={() => void startResume()} disabled={busy}>
            {running === 'resume' ? 'Resuming…' : 'Resume'}
          </button>
        ) : null}
        {canRollBack && !confirmingRollback ? (
          <button type="button" className="secondary" onClick={() => setConfirmingRollback(true)} disabled={busy}>
            {running === 'rollback' ? 'Rolling back…' : rollbackFailed ? 'Roll back again' : 'Roll back'}
          </button>
        ) : null}
        {rolledBack ? (
          <button type="button" className="primary" onClick={() => void journey.go('plan')}>
            Plan again
          </button>
        ) : null}
      </div>

      <StepActions step="apply" canContinue={Boolean(applied) && !busy} blockedReason={blockedReason(source, outcome, busy)} />
    </>
  )
}

async function load(roles: RoleSpecPayload[] | null): Promise<Source> {
  if (roles) return { kind: 'plan', plan: await call(window.cairn.setup.plan({ roles })) }
  const lastRun = await call(window.cairn.setup.lastRun())
  if (!lastRun || lastRun.state === 'rolled-back' || (lastRun.state !== 'finished' && !lastRun.canResume && !lastRun.canRollBack)) return { kind: 'nothing' }
  return { kind: 'journal', lastRun }
}

function blockedReason(source: Source, outcome: Outcome | null, busy: boolean): string {
  if (busy) return 'Wait for the apply to finish.'
  if (outcome?.op === 'rollback') return 'The setup was rolled back; plan and apply again to continue.'
  if (outcome?.report.outcome === 'failed') return 'Resume or roll back first.'
  if (outcome?.report.outcome === 'blocked') return 'Resolve the conflicts on the Plan screen first.'
  if (source.kind === 'journal') return 'Resume or roll back the last apply first.'
  return 'Apply the plan first.'
}

/** Before anything runs: how much is new, and any conflict the user already saw on Plan. */
function PlanOverview({ plan }: { plan: PlanPayload }) {
  const toDo = (plan.summary.create ?? 0) + (plan.summary.update ?? 0)
  const blocking = plan.conflicts.filter((c) => c.blocking)
  return (
    <div className="notice" data-testid="apply-plan-overview">
      <p className="notice-title">
        {toDo === 0 ? 'Everything in the plan is already in the account' : `${toDo} ${toDo === 1 ? 'change' : 'changes'} to make`}
        {plan.summary.exists ? `, ${plan.summary.exists} already there` : ''}
      </p>
      <p>Apply runs them in order and retries what AWS asks to retry. If something fails you can resume, or roll back exactly what this run made.</p>
      {blocking.length > 0 ? (
        <ul>
          {blocking.map((c) => (
            <li key={`${c.kind}:${c.role}`}>{c.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
