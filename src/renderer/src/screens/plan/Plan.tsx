import { useEffect, useId, useMemo, useState } from 'react'
import type { IamRoleSpecPayload, SetupRequestPayload } from '../../../../shared/channels/setup'
import type { RoleSpecPayload } from '../../../../shared/contract'
import { call, type CallError } from '../../call'
import { useJourney, usersLayoutRoles } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { useCall } from '../../use-call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { RequireConnection } from '../../ui/RequireConnection'
import { StepActions } from '../../ui/StepActions'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { asCallError, useAction } from '../../ui/use-action'
import { IamRoleCard, SignInCard } from './IamRoleCard'
import { layoutChoices, layoutOf, type Layout } from './layout-words'
import { conflictsBySetup, noFeedback, type SetupFeedback } from './plan-feedback'
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

type Draft<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: CallError }
type RolesLayoutDraft = { signIn: { userName: string }; roles: IamRoleSpecPayload[] }

const defaults = (includeAdmin: boolean) => call(window.cairn.setup.defaults({ includeAdmin }))
const rolesDefaults = (includeAdmin: boolean) => call(window.cairn.setup.rolesLayoutDefaults({ includeAdmin }))

/** Loads a draft's suggestion while it is 'loading'; `attempt` asks again. */
function useDraftLoader<T>(draft: Draft<T>, set: (draft: Draft<T>) => void, load: () => Promise<T>, attempt: number, wanted: boolean) {
  useEffect(() => {
    if (draft.status !== 'loading' || !wanted) return undefined
    let current = true
    load().then(
      (value) => current && set({ status: 'ready', value }),
      (error: unknown) => current && set({ status: 'failed', error: asCallError(error) })
    )
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft.status, attempt, wanted])
}

function PlanEditor() {
  const journey = useJourney()
  const planned = journey.plannedSetup
  const [layout, setLayout] = useState<Layout>(layoutOf(planned) ?? 'users')
  const [users, setUsers] = useState<Draft<RoleSpecPayload[]>>(() => {
    const roles = usersLayoutRoles(planned)
    return roles ? { status: 'ready', value: roles } : { status: 'loading' }
  })
  const [rolesDraft, setRolesDraft] = useState<Draft<RolesLayoutDraft>>(() =>
    planned?.layout === 'roles' ? { status: 'ready', value: { signIn: planned.signIn, roles: planned.roles } } : { status: 'loading' }
  )
  const [attempt, setAttempt] = useState(0)
  const [policies, retryPolicies] = useCall(() => window.cairn.policies.list())
  const adminId = useId()
  // What the box was just set to, shown while the admin role's defaults are on their way.
  const [adminWanted, setAdminWanted] = useState(false)

  // Back from Apply, the plan as it was; otherwise the article's roles (or the roles layout's, once chosen).
  useDraftLoader(users, setUsers, () => defaults(false), attempt, layout === 'users')
  useDraftLoader(rolesDraft, setRolesDraft, () => rolesDefaults(false), attempt, layout === 'roles')

  const request = useMemo<SetupRequestPayload | null>(() => {
    if (layout === 'users') return users.status === 'ready' ? { roles: users.value } : null
    return rolesDraft.status === 'ready' ? { layout: 'roles', signIn: rolesDraft.value.signIn, roles: rolesDraft.value.roles } : null
  }, [layout, users, rolesDraft])
  const { check, lastPlan, retry: recheck } = usePlanCheck(request)

  const [adminToggle, toggleAdmin] = useAction(async (on: boolean) => {
    if (layout === 'users') {
      if (users.status !== 'ready') return { ok: true as const, value: null }
      const roles = users.value.filter((r) => r.role !== 'admin')
      const admin = on ? (await defaults(true)).find((r) => r.role === 'admin') : undefined
      setUsers({ status: 'ready', value: admin ? [...roles, admin] : roles })
      return { ok: true as const, value: null }
    }
    if (rolesDraft.status !== 'ready') return { ok: true as const, value: null }
    const roles = rolesDraft.value.roles.filter((r) => r.role !== 'admin')
    const admin = on ? (await rolesDefaults(true)).roles.find((r) => r.role === 'admin') : undefined
    setRolesDraft({ status: 'ready', value: { ...rolesDraft.value, roles: admin ? [...roles, admin] : roles } })
    return { ok: true as const, value: null }
  })

  const draft = layout === 'users' ? users : rolesDraft
  const chooser = <LayoutChooser layout={layout} onChange={setLayout} />

  if (draft.status === 'loading')
    return (
      <>
        {chooser}
        <p role="status">Reading the suggested roles…</p>
      </>
    )
  if (draft.status === 'failed') {
    return (
      <>
        {chooser}
        <ErrorNotice error={draft.error} title="The suggested roles did not load">
          <button
            type="button"
            onClick={() => {
              if (layout === 'users') setUsers({ status: 'loading' })
              else setRolesDraft({ status: 'loading' })
              setAttempt((n) => n + 1)
            }}
          >
            Try again
          </button>
        </ErrorNotice>
      </>
    )
  }

  const feedback: SetupFeedback = check.status === 'planned' ? conflictsBySetup(check.plan) : check.status === 'invalid' ? check.feedback : noFeedback
  const roleIds =
    layout === 'users'
      ? (users.status === 'ready' ? users.value : []).map((r) => r.role)
      : rolesDraft.status === 'ready'
        ? rolesDraft.value.roles.map((r) => r.role)
        : []
  const hasAdmin = roleIds.includes('admin')
  const blocked = blockedReason(check)
  const signInName = rolesDraft.status === 'ready' ? rolesDraft.value.signIn.userName : ''

  return (
    <>
      {chooser}
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
            {layout === 'users' ? 'Also an admin user' : 'Also an admin IAM role'}
            <span className="field-hint">
              {layout === 'users'
                ? ' An Administrators group with AdministratorAccess, console only, for the rare task the others may not do.'
                : ' An IAM role with AdministratorAccess, for the rare task the others may not do.'}
            </span>
          </span>
        </label>
        <button
          type="button"
          className="link"
          onClick={() => {
            journey.setPlannedSetup(null)
            setUsers({ status: 'loading' })
            setRolesDraft({ status: 'loading' })
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

      {layout === 'users' && users.status === 'ready' ? (
        <>
          <h2>Users and groups</h2>
          {users.value.map((spec) => (
            <RoleCard
              key={spec.role}
              spec={spec}
              onChange={(next) => setUsers({ status: 'ready', value: users.value.map((r) => (r.role === next.role ? next : r)) })}
              feedback={feedback.roles}
              policies={policies}
              retryPolicies={retryPolicies}
            />
          ))}
        </>
      ) : null}
      {layout === 'roles' && rolesDraft.status === 'ready' ? (
        <>
          <h2>Sign-in</h2>
          <SignInCard
            userName={rolesDraft.value.signIn.userName}
            messages={feedback.signIn}
            onChange={(userName) => setRolesDraft({ status: 'ready', value: { ...rolesDraft.value, signIn: { userName } } })}
          />
          <h2>IAM roles</h2>
          {rolesDraft.value.roles.map((spec) => (
            <IamRoleCard
              key={spec.role}
              spec={spec}
              onChange={(next) =>
                setRolesDraft({ status: 'ready', value: { ...rolesDraft.value, roles: rolesDraft.value.roles.map((r) => (r.role === next.role ? next : r)) } })
              }
              feedback={feedback.roles}
              policies={policies}
              retryPolicies={retryPolicies}
            />
          ))}
        </>
      ) : null}

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
        <PlanDiff
          plan={check.status === 'planned' ? check.plan : lastPlan}
          roles={layout === 'roles' ? ['sign-in', ...roleIds] : roleIds}
          stale={check.status === 'checking'}
          {...(layout === 'roles' ? { signInName } : {})}
        />
      ) : check.status === 'checking' ? (
        <p role="status">Checking the plan against the account…</p>
      ) : null}

      <StepActions
        step="plan"
        canContinue={blocked === null}
        blockedReason={blocked ?? undefined}
        continueLabel={`Continue to ${stepInfo('apply').label}`}
        // Apply runs exactly the setup this plan was checked for.
        onContinue={() => journey.setPlannedSetup(request)}
      />
    </>
  )
}

/** The layout, the user's choice: the two side by side, each in plain words. Nothing changes in AWS until Apply. */
function LayoutChooser({ layout, onChange }: { layout: Layout; onChange(layout: Layout): void }) {
  const id = useId()
  return (
    <fieldset className="layout-chooser">
      <legend>How you sign in to AWS</legend>
      <div className="layout-options">
        {layoutChoices.map((choice) => (
          <div key={choice.layout} className={`card layout-option${choice.layout === layout ? ' layout-chosen' : ''}`} data-layout={choice.layout}>
            <label className="layout-title">
              <input
                type="radio"
                name={`${id}-layout`}
                value={choice.layout}
                checked={choice.layout === layout}
                aria-describedby={`${id}-${choice.layout}`}
                onChange={() => onChange(choice.layout)}
              />
              <span>{choice.title}</span>
            </label>
            <div id={`${id}-${choice.layout}`}>
              <p className="muted">{choice.summary}</p>
              <dl className="layout-facts">
                <dt>A stolen password and phone reach</dt>
                <dd>{choice.stolen}</dd>
                <dt>MFA codes a day</dt>
                <dd>{choice.codes}</dd>
                <dt>The console</dt>
                <dd>{choice.console}</dd>
              </dl>
            </div>
          </div>
        ))}
      </div>
      <p className="field-hint">The guide’s layout is the default. You can change your mind until you press Apply.</p>
    </fieldset>
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
