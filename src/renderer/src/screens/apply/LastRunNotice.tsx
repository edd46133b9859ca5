import type { ResponseOf } from '../../../../shared/contract'

type LastRun = NonNullable<ResponseOf<'setup.lastRun'>>

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** After a restart the plan is gone; the setup journal still says how the last apply ended. */
export function LastRunNotice({ lastRun, onPlan }: { lastRun: LastRun; onPlan: () => void }) {
  const { steps } = lastRun
  // The roles layout's run made IAM roles and the sign-in user; the guide's, a user per role.
  const roles = `${lastRun.roles.join(', ')}${lastRun.layout === 'roles' ? ' (IAM roles behind one sign-in)' : ''}`
  if (lastRun.state === 'finished') {
    return (
      <div className="notice notice-ok" data-testid="last-run">
        <p className="notice-title">The last apply finished</p>
        <p>
          It set up {roles} on {when(lastRun.updatedAt)}. Continue to the next step, or roll back what it created
          {steps.created > 0 ? ` (${steps.created} ${steps.created === 1 ? 'change' : 'changes'})` : ''}.
        </p>
        <button type="button" className="link" onClick={onPlan}>
          Change the plan instead
        </button>
      </div>
    )
  }
  if (lastRun.state === 'rolling-back') {
    return (
      <div className="notice notice-warn" data-testid="last-run">
        <p className="notice-title">A rollback did not finish</p>
        <p>
          Rolling back the apply of {when(lastRun.startedAt)} stopped after {steps.undone} {steps.undone === 1 ? 'change' : 'changes'} undone. Roll back again
          to finish it; what is undone is not touched twice.
        </p>
      </div>
    )
  }
  return (
    <div className="notice notice-warn" data-testid="last-run">
      <p className="notice-title">The last apply did not finish</p>
      <p>
        The apply of {roles} started {when(lastRun.startedAt)} stopped{lastRun.state === 'running' ? ' part-way (Cairn was closed)' : ''}: {steps.done} steps
        done, {steps.failed} failed. Resume runs the rest with the same roles; what is done stays done. Roll back deletes what it created
        {steps.created > 0 ? ` (${steps.created} ${steps.created === 1 ? 'change' : 'changes'})` : ''}, and nothing else.
      </p>
    </div>
  )
}
