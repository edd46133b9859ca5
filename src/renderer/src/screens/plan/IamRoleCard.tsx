import { useId } from 'react'
import type { IamRoleSpecPayload } from '../../../../shared/channels/setup'
import type { ManagedPolicyPayload } from '../../../../shared/contract'
import type { CallState } from '../../use-call'
import { describedBy, FieldMessages, hasBlocking } from './FieldMessages'
import { maxSessionHint } from './layout-words'
import { messagesFor, type FieldMessage, type RoleFeedback, type RoleField } from './plan-feedback'
import { PolicyPicker } from './PolicyPicker'
import { roleDuty, roleLabel } from './role-words'

/** The contract's own limit; AWS's (64 for a role name) is said by setup.plan as the user types. */
const NAME_INPUT_MAX = 200

interface Props {
  spec: IamRoleSpecPayload
  onChange(spec: IamRoleSpecPayload): void
  feedback: RoleFeedback
  policies: CallState<ManagedPolicyPayload[]>
  retryPolicies(): void
}

/** One job in the roles layout: an IAM role, its policies, and how long its sessions may last. */
export function IamRoleCard({ spec, onChange, feedback, policies, retryPolicies }: Props) {
  const id = useId()
  const label = roleLabel[spec.role]
  const at = (field: RoleField) => messagesFor(feedback, spec.role, field)
  const set = (patch: Partial<IamRoleSpecPayload>) => onChange({ ...spec, ...patch })
  const ids = (field: RoleField) => ({ hint: `${id}-${field}-hint`, messages: `${id}-${field}-messages` })

  const name = at('roleName')
  const policyMessages = at('policyArns')
  const hours = at('maxSessionHours')

  return (
    <section className="card role-card" aria-labelledby={`${id}-title`} data-role={spec.role}>
      <h3 id={`${id}-title`} className="role-title">
        {label}
      </h3>
      <p className="muted role-duty">{roleDuty[spec.role]}</p>
      <FieldMessages id={`${id}-role-messages`} messages={at('role')} />

      <div className="role-names">
        <div className="field">
          <label htmlFor={`${id}-name`}>Role name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={spec.roleName}
            maxLength={NAME_INPUT_MAX}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={hasBlocking(name)}
            aria-describedby={describedBy(ids('roleName').hint, ids('roleName').messages, name)}
            onChange={(e) => set({ roleName: e.target.value })}
          />
          <span id={ids('roleName').hint} className="field-hint">
            Up to 64 letters, digits and + = , . @ _ -. Only your sign-in may assume it, and only with MFA.
          </span>
          <FieldMessages id={ids('roleName').messages} messages={name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-hours`}>Maximum session (hours)</label>
          <input
            id={`${id}-hours`}
            type="number"
            className="hours-input"
            min={1}
            max={12}
            step={1}
            inputMode="numeric"
            value={Number.isNaN(spec.maxSessionHours) ? '' : spec.maxSessionHours}
            aria-invalid={hasBlocking(hours)}
            aria-describedby={describedBy(ids('maxSessionHours').hint, ids('maxSessionHours').messages, hours)}
            onChange={(e) => set({ maxSessionHours: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
          />
          <span id={ids('maxSessionHours').hint} className="field-hint">
            {maxSessionHint}
          </span>
          <FieldMessages id={ids('maxSessionHours').messages} messages={hours} />
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
    </section>
  )
}

/** The roles layout's person: one IAM user that may only manage its own MFA and assume the roles. */
export function SignInCard({ userName, onChange, messages }: { userName: string; onChange(userName: string): void; messages: readonly FieldMessage[] }) {
  const id = useId()
  return (
    <section className="card role-card sign-in-card" aria-labelledby={`${id}-title`} data-role="sign-in">
      <h3 id={`${id}-title`} className="role-title">
        Your sign-in
      </h3>
      <p className="muted role-duty">
        One IAM user for you, in the group People: a console password and an access key in your keychain, an MFA device, and permission to assume the roles
        below and nothing else.
      </p>
      <div className="field">
        <label htmlFor={`${id}-user`}>Sign-in user name</label>
        <input
          id={`${id}-user`}
          type="text"
          value={userName}
          maxLength={NAME_INPUT_MAX}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={hasBlocking(messages)}
          aria-describedby={describedBy(`${id}-hint`, `${id}-messages`, messages)}
          onChange={(e) => onChange(e.target.value)}
        />
        <span id={`${id}-hint`} className="field-hint">
          Up to 64 letters, digits and + = , . @ _ -. AWS shows it in every role session: assumed-role/dev/{userName || 'NAME'}.
        </span>
        <FieldMessages id={`${id}-messages`} messages={messages} />
      </div>
    </section>
  )
}
