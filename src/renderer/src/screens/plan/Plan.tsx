import { useEffect, useId, useState } from 'react'
import type { RoleSpecPayload } from '../../../../shared/contract'
import { call, type CallError } from '../../call'
import { useJourney } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { useCall } from '../../use-call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { RequireConnection } from '../../ui/RequireConnection'
import { StepActions } from '../../ui/StepActions'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { asCallError, useAction } from '../../ui/use-action'
import { conflictsByRole, type RoleFeedback } from './plan-feedback'
import { PlanDiff } from './PlanDiff'
import { RoleCard } from './RoleCard'
import { usePlanCheck, type PlanCheck } from './use-plan-check'
import './plan.css'

export default function Plan() {
  return (
    <section>
      <ScreenHeading>{stepInfo('plan').label}</ScreenHeading>
      <p className="lede">
        Who Cairn will create, in which groups, with which permissions. Every change is checked against AWS’s rules and your account as you type; nothing
        changes in AWS until you press Apply on the next step.
      </p>
      <RequireConnection>{() => <PlanEditor />}</RequireConnection>
    </section>
  )
}

type Roles = { status: 'loading' } | { status: 'ready'; roles: RoleSpecPayload[] } | { status: 'failed'; error: CallError }

const defaults = (includeAdmin: boolean) => call(window.cairn.setup.defaults({ includeAdmin }))

function PlanEditor() {
  const journey = useJourney()
  const [state, setState] = useState<Roles>(journey.plannedRoles ? { status: 'ready', roles: journey.plannedRoles } : { status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const [policies, retryPolicies] = useCall(() => window.cairn.policies.list())
  const roles = state.status === 'ready' ? state.roles : null
  const { check, lastPlan, retry: recheck } = usePlanCheck(roles)
  const adminId = useId()
  // What the box was just set to, shown while the admin role's defaults are on their way.
  const [adminWanted, setAdminWanted] = useState(false)

  // Back from Apply, the plan as it was; otherwise the article's roles.
  useEffect(() => {
    if (state.status !== 'loading') return undefined
    let current = true
    defaults(false).then(
      (value) => current && setState({ status: 'ready', roles: value }),
      (error: unknown) => current && setState({ status: 'failed', error: asCallError(error) })
    )
    return () => {
      current = false
    }
  }, [state.status, attempt])

  const [adminToggle, toggleAdmin] = useAction(async (on: boolean) => {
    if (!roles) return { ok: true as const, value: null }
    if (!on) {
      setState({ status: 'ready', roles: roles.filter((r) => r.role !== 'admin') })
      return { ok: true as const, value: null }
    }
    const admin = (await defaults(true)).find((r) => r.role === 'admin')
    if (admin) setState({ status: 'ready', roles: [...roles.filter((r) => r.role !== 'admin'), admin] })
    return { ok: true as const, value: null }
  })

  if (state.status === 'loading') return <p role="status">Reading the suggested roles…</p>
  if (state.status === 'failed') {
    return (
      <ErrorNotice error={state.error} title="The suggested roles did not load">
        <button type="button" onClick={() => (setState({ status: 'loading' }), setAttempt((n) => n + 1))}>
          Try again
        </button>
      </ErrorNotice>
    )
  }

  const current = state.roles
  const feedback: RoleFeedback = check.status === 'planned' ? conflictsByRole(check.plan) : check.status === 'invalid' ? check.feedback : {}
  const update = (next: RoleSpecPayload) => setState({ status: 'ready', roles: current.map((r) => (r.role === next.role ? next : r)) })
  const hasAdmin = current.some((r) => r.role === 'admin')
  const blocked = blockedReason(check)

  return (
    <>
      <div className="plan-options">
        <label className="check-option" htmlFor={adminId}>
          <input
            id={adminId}
            type="checkbox"
            checked={adminToggle.status === 'running' ? adminWanted : hasAdmin}
            disabled={adminToggle.status === 'running'}
            onChange={(e) => {
              setAdminWanted(e.target.checked)
              void toggleAdmin(e.target.checked)
            }}
          />
          <span>
            Also an admin role
            <span className="field-hint"> An Administrators group with AdministratorAccess, console only, for the rare task the others may not do.</span>
          </span>
        </label>
        <button
          type="button"
          className="link"
          onClick={() => {
            journey.setPlannedRoles(null)
            setState({ status: 'loading' })
            setAttempt((n) => n + 1)
          }}
        >
          Start again from the suggested roles
        </button>
      </div>
      {adminToggle.status === 'failed' ? <ErrorNotice error={adminToggle.error} /> : null}
      {policies.status === 'failed' ? (
        <p className="muted">The policy list did not load; the chosen policies still show by name. Open “Choose policies” to try again.</p>
      ) : null}

      <h2>Roles</h2>
      {current.map((spec) => (
        <RoleCard key={spec.role} spec={spec} onChange={update} feedback={feedback} policies={policies} retryPolicies={retryPolicies} />
      ))}

      <h2>What Apply will do</h2>
      {check.status === 'invalid' ? (
        <div className="notice notice-problem">
          <p className="notice-title">Some fields need a change</p>
          <p>AWS would refuse the fields marked “Needs a change”. Fix them and the plan appears here.</p>
        </div>
      ) : null}
      {check.status === 'failed' ? (
        <ErrorNotice error={check.error} title="The plan could not be checked against the account">
          <button type="button" onClick={recheck}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {lastPlan && check.status !== 'invalid' && check.status !== 'failed' ? (
        <PlanDiff plan={check.status === 'planned' ? check.plan : lastPlan} roles={current.map((r) => r.role)} stale={check.status === 'checking'} />
      ) : check.status === 'checking' ? (
        <p role="status">Checking the plan against the account…</p>
      ) : null}

      <StepActions
        step="plan"
        canContinue={blocked === null}
        blockedReason={blocked ?? undefined}
        continueLabel={`Continue to ${stepInfo('apply').label}`}
        // Apply runs exactly the roles this plan was checked for.
        onContinue={() => journey.setPlannedRoles(current)}
      />
    </>
  )
}

/** Why Continue waits, or null when the plan is checked and nothing blocks it. */
function blockedReason(check: PlanCheck): string | null {
  switch (check.status) {
    case 'checking':
      return 'Checking the plan…'
    case 'invalid':
      return 'Fix the fields marked “Needs a change” first.'
    case 'failed':
      return 'The plan could not be checked; try again.'
    case 'planned': {
      const blocking = check.plan.conflicts.find((c) => c.blocking)
      return blocking ? `A conflict stops Apply: ${blocking.message}` : null
    }
  }
}
