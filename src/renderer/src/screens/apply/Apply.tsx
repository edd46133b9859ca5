import { useEffect, useRef } from 'react'
import type { PlanPayload } from '../../../../shared/contract'
import { useJourney } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { RequireConnection } from '../../ui/RequireConnection'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { ApplySummary, RollbackSummary } from './ApplySummary'
import { LastRunNotice } from './LastRunNotice'
import { ProgressRows } from './ProgressRows'
import { RollbackConfirm } from './RollbackConfirm'
import { useApplyRun } from './use-apply-run'
import type { NextMfa } from './what-is-left'
import './apply.css'

export default function Apply() {
  return (
    <section className="apply-screen">
      <ScreenHeading>{stepInfo('apply').label}</ScreenHeading>
      <p className="screen-intro">
        Cairn now makes the groups, users and roles of your plan, one AWS call per row. Console passwords and access keys go straight into your keychain: this
        window never sees them.
      </p>
      <RequireConnection>{() => <ApplyRun />}</RequireConnection>
    </section>
  )
}

function ApplyRun() {
  const journey = useJourney()
  const run = useApplyRun(journey.plannedSetup)
  const { loaded, source, view, doTitle, undoTitle } = run
  const { running, outcome, error, confirmingRollback, announcement } = run.run
  const summaryHeading = useRef<HTMLHeadingElement>(null)
  const planned = journey.plannedSetup
  // Whose MFA is next: the roles layout's sign-in, or each user.
  const next: NextMfa =
    planned?.layout === 'roles'
      ? { layout: 'roles', userName: planned.signIn.userName }
      : !planned && source?.kind === 'journal' && source.lastRun.layout === 'roles'
        ? { layout: 'roles', userName: null }
        : { layout: 'users' }

  // The button that started the operation is gone when it ends: the summary takes focus.
  useEffect(() => {
    if (outcome) summaryHeading.current?.focus()
  }, [outcome])

  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="apply-announcement">
        {announcement}
      </p>
      {loaded.status === 'loading' ? <p role="status">Reading what there is to apply…</p> : null}
      {loaded.status === 'failed' ? (
        <ErrorNotice error={loaded.error} title="Cairn could not read the plan">
          <button type="button" onClick={run.reload}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {source?.kind === 'nothing' ? (
        <div className="notice" data-testid="apply-nothing">
          <p className="notice-title">Nothing to apply yet</p>
          <p>
            Cairn keeps the plan in this window only, so it is gone after a restart, and there is no stopped apply to resume. Make the plan again; it takes a
            moment.
          </p>
          <button type="button" className="primary" onClick={() => void journey.go('plan')}>
            Go to Plan
          </button>
        </div>
      ) : null}
      {view.lastRunNotice ? <LastRunNotice lastRun={view.lastRunNotice} onPlan={() => void journey.go('plan')} /> : null}
      {view.planOverview ? <PlanOverview plan={view.planOverview} /> : null}

      {run.rows.length > 0 ? (
        <section className="op-section" aria-labelledby="op-title">
          <h2 id="op-title">{view.rollingBack ? 'Rolling back' : 'Steps'}</h2>
          <ProgressRows rows={run.rows} id="apply" label={view.rollingBack ? 'Rollback progress' : 'Apply progress'} />
        </section>
      ) : null}

      {error ? <ErrorNotice error={error} /> : null}
      {outcome?.op === 'rollback' ? (
        <RollbackSummary ref={summaryHeading} report={outcome.report} title={undoTitle} />
      ) : outcome ? (
        <ApplySummary ref={summaryHeading} report={outcome.report} title={doTitle} next={next} />
      ) : null}

      {confirmingRollback ? (
        <RollbackConfirm
          changes={run.changesToUndo}
          count={view.journalRun?.steps.created ?? 0}
          busy={view.busy}
          onConfirm={run.rollBack}
          onCancel={run.keepChanges}
        />
      ) : null}

      <div className="apply-actions">
        {view.offers.apply ? (
          <button type="button" className="primary" onClick={run.apply} disabled={view.busy}>
            {running === 'apply' ? 'Applying…' : 'Apply'}
          </button>
        ) : null}
        {view.offers.resume ? (
          <button type="button" className="primary" onClick={run.resume} disabled={view.busy}>
            {running === 'resume' ? 'Resuming…' : 'Resume'}
          </button>
        ) : null}
        {view.offers.rollBack ? (
          <button type="button" className="secondary" onClick={run.askRollback} disabled={view.busy}>
            {running === 'rollback' ? 'Rolling back…' : view.rollbackFailed ? 'Roll back again' : 'Roll back'}
          </button>
        ) : null}
        {view.offers.planAgain ? (
          <button type="button" className="primary" onClick={() => void journey.go('plan')}>
            Plan again
          </button>
        ) : null}
      </div>

      <StepActions step="apply" canContinue={view.canContinue} blockedReason={view.blockedReason} />
    </>
  )
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
