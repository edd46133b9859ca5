import type { PlanPayload } from '../../../../shared/contract'
import { StatusBadge, type Status } from '../../ui/StatusBadge'
import { describeStep, roleLabel, statusWords, type PlanStep, type RoleId } from './role-words'

const badge: Record<PlanStep['status'], Status> = { exists: 'pass', create: 'running', update: 'warn', conflict: 'fail' }

function StepLine({ step }: { step: PlanStep }) {
  const deferred = step.deferredUntilMfa === true && step.status !== 'conflict'
  return (
    <li className={`diff-step diff-${step.status}`} data-step-id={step.id}>
      <StatusBadge status={deferred ? 'waiting' : badge[step.status]} label={deferred ? 'After MFA' : statusWords[step.status]} />
      <span className="diff-what">
        {describeStep(step)}
        {step.reason ? <span className="diff-reason muted">{step.reason}</span> : null}
      </span>
    </li>
  )
}

export function summaryWords(summary: PlanPayload['summary']): string {
  const n = (k: PlanStep['status']) => summary[k] ?? 0
  const parts = [`${n('create')} to create`, `${n('exists')} already there`]
  if (n('update') > 0) parts.push(`${n('update')} to update`)
  if (n('conflict') > 0) parts.push(`${n('conflict')} in conflict`)
  return parts.join(', ')
}

/** Whom a step is for: a role, or the roles layout's sign-in user. */
export type StepOwner = RoleId | 'sign-in'

/**
 * What Apply would do, role by role (the roles layout's sign-in first, on its own): what exists, what will be created or updated, and what
 * conflicts with the account and why. Read from setup.plan; nothing has changed in AWS.
 */
export function PlanDiff({ plan, roles, stale, signInName }: { plan: PlanPayload; roles: readonly StepOwner[]; stale: boolean; signInName?: string }) {
  const ownerLabel = (owner: StepOwner) => (owner === 'sign-in' ? `Your sign-in${signInName ? ` (${signInName})` : ''}` : roleLabel[owner])
  return (
    <div className="plan-diff" aria-busy={stale} data-testid="plan-diff">
      <p className="diff-summary">
        <strong>{summaryWords(plan.summary)}</strong>
        {stale ? <span className="muted"> (checking your latest change…)</span> : null}
      </p>
      {roles.map((role) => {
        const steps = plan.steps.filter((s) => s.role === role)
        const conflicts = plan.conflicts.filter((c) => c.role === role)
        if (steps.length === 0 && conflicts.length === 0) return null
        return (
          <section key={role} className="diff-role" aria-label={`${ownerLabel(role)}: what changes`} data-owner={role}>
            <h3>{ownerLabel(role)}</h3>
            <ul className="diff-steps">
              {steps.map((step) => (
                <StepLine key={step.id} step={step} />
              ))}
            </ul>
            {conflicts.map((conflict) => (
              <div key={`${conflict.kind}:${conflict.message}`} className={conflict.blocking ? 'notice notice-problem' : 'notice notice-warn'}>
                <p className="notice-title">{conflict.blocking ? 'Conflict: Apply cannot do this' : 'Good to know'}</p>
                <p>{conflict.message}</p>
              </div>
            ))}
          </section>
        )
      })}
    </div>
  )
}
