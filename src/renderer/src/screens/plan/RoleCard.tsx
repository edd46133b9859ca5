import { useId } from 'react'
import type { ManagedPolicyPayload, RoleSpecPayload } from '../../../../shared/contract'
import type { CallState } from '../../use-call'
import { describedBy, FieldMessages, hasBlocking } from './FieldMessages'
import { messagesFor, type RoleFeedback, type RoleField } from './plan-feedback'
import { PolicyPicker } from './PolicyPicker'
import { roleDuty, roleLabel } from './role-words'

interface Props {
  spec: RoleSpecPayload
  onChange(spec: RoleSpecPayload): void
  feedback: RoleFeedback
  policies: CallState<ManagedPolicyPayload[]>
  retryPolicies(): void
}

/** The contract's own limit; AWS's (64 for a user, 128 for a group) is said by setup.plan as the user types. */
const NAME_INPUT_MAX = 200

/** One role: its user, its group and what the group may do, and how the user signs in. */
export function RoleCard({ spec, onChange, feedback, policies, retryPolicies }: Props) {
  const id = useId()
  const label = roleLabel[spec.role]
  const at = (field: RoleField) => messagesFor(feedback, spec.role, field)
  const set = (patch: Partial<RoleSpecPayload>) => onChange({ ...spec, ...patch })
  const ids = (field: RoleField) => ({ hint: `${id}-${field}-hint`, messages: `${id}-${field}-messages` })

  const user = at('userName')
  const group = at('groupName')
  const policyMessages = at('policyArns')
  const access = [...at('consoleAccess'), ...at('accessKey')]
  const whole = at('role')

  return (
    <section className="card role-card" aria-labelledby={`${id}-title`} data-role={spec.role}>
      <h3 id={`${id}-title`} className="role-title">
        {label}
      </h3>
      <p className="muted role-duty">{roleDuty[spec.role]}</p>
      <FieldMessages id={`${id}-role-messages`} messages={whole} />

      <div className="role-names">
        <div className="field">
          <label htmlFor={`${id}-user`}>User name</label>
          <input
            id={`${id}-user`}
            type="text"
            value={spec.userName}
            maxLength={NAME_INPUT_MAX}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={hasBlocking(user)}
            aria-describedby={describedBy(ids('userName').hint, ids('userName').messages, user)}
            onChange={(e) => set({ userName: e.target.value })}
          />
          <span id={ids('userName').hint} className="field-hint">
            Up to 64 letters, digits and + = , . @ _ -
          </span>
          <FieldMessages id={ids('userName').messages} messages={user} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-group`}>Group name</label>
          <input
            id={`${id}-group`}
            type="text"
            value={spec.groupName}
            maxLength={NAME_INPUT_MAX}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={hasBlocking(group)}
            aria-describedby={describedBy(ids('groupName').hint, ids('groupName').messages, group)}
            onChange={(e) => set({ groupName: e.target.value })}
          />
          <span id={ids('groupName').hint} className="field-hint">
            Up to 128 of the same characters. The user’s permissions come only from this group.
          </span>
          <FieldMessages id={ids('groupName').messages} messages={group} />
        </div>
      </div>

      <PolicyPicker
        roleLabel={label}
        chosen={spec.policyArns}
        onChange={(policyArns) => set({ policyArns })}
        policies={policies}
        retry={retryPolicies}
        invalid={hasBlocking(policyMessages)}
        {...(policyMessages.length > 0 ? { describedBy: ids('policyArns').messages } : {})}
      />
      <FieldMessages id={ids('policyArns').messages} messages={policyMessages} />

      <fieldset className="role-access" aria-describedby={access.length > 0 ? ids('consoleAccess').messages : undefined}>
        <legend>How {spec.userName || 'the user'} signs in</legend>
        <label className="check-option">
          <input
            type="checkbox"
            checked={spec.consoleAccess.enabled}
            onChange={(e) => set({ consoleAccess: { ...spec.consoleAccess, enabled: e.target.checked } })}
          />
          <span>
            Console access
            <span className="field-hint"> Cairn makes a strong password and keeps it in your keychain.</span>
          </span>
        </label>
        <label className="check-option nested">
          <input
            type="checkbox"
            checked={spec.consoleAccess.passwordResetRequired}
            disabled={!spec.consoleAccess.enabled}
            onChange={(e) => set({ consoleAccess: { ...spec.consoleAccess, passwordResetRequired: e.target.checked } })}
          />
          <span>Must create a new password at next sign-in</span>
        </label>
        <label className="check-option">
          <input type="checkbox" checked={spec.accessKey} onChange={(e) => set({ accessKey: e.target.checked })} />
          <span>
            Programmatic access key
            <span className="field-hint"> For the AWS CLI and SDKs; the secret goes straight to your keychain.</span>
          </span>
        </label>
        <label className="check-option">
          <input type="checkbox" checked={spec.requireMfaForApi} onChange={(e) => set({ requireMfaForApi: e.target.checked })} />
          <span>
            Require MFA for API calls
            <span className="field-hint"> Calls without an MFA-backed session are denied (an inline policy on the group, put on once the user has MFA).</span>
          </span>
        </label>
        <FieldMessages id={ids('consoleAccess').messages} messages={access} />
      </fieldset>
    </section>
  )
}
