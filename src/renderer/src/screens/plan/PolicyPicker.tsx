import { useId, useMemo, useRef, useState } from 'react'
import type { ManagedPolicyPayload } from '../../../../shared/contract'
import type { CallState } from '../../use-call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { policyNameOf } from './role-words'

type Filter = 'job-function' | 'all'

/** IAM's quota of managed policies on one group. */
export const POLICIES_PER_GROUP = 10
/** Enough to scan by eye; the search narrows the rest (a real account has over a thousand). */
const SHOWN = 50

interface Props {
  roleLabel: string
  chosen: readonly string[]
  onChange(arns: string[]): void
  policies: CallState<ManagedPolicyPayload[]>
  retry(): void
  describedBy?: string
  invalid: boolean
}

/**
 * The role's managed policies as removable chips, and a picker over the account's AWS managed
 * policies: the job-function ones first (AWS's policies written for a job), all of them on
 * request, and a search by name. A list of checkboxes, so Tab, Space and a screen reader work
 * as everywhere else.
 */
export function PolicyPicker({ roleLabel, chosen, onChange, policies, retry, describedBy, invalid }: Props) {
  const [open, setOpen] = useState(false)
  const [filter, setFilter] = useState<Filter>('job-function')
  const [search, setSearch] = useState('')
  const toggleRef = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const searchId = useId()
  const noteId = useId()
  const countId = useId()
  const all = useMemo(() => (policies.status === 'done' ? policies.value : []), [policies])
  const byArn = useMemo(() => new Map(all.map((p) => [p.arn, p])), [all])

  const term = search.trim().toLowerCase()
  const matching = (p: ManagedPolicyPayload) => term === '' || p.name.toLowerCase().includes(term)
  const shown = all.filter((p) => (filter === 'all' || p.jobFunction) && matching(p))
  const elsewhere = filter === 'job-function' && term !== '' ? all.filter((p) => !p.jobFunction && matching(p)).length : 0
  const full = chosen.length >= POLICIES_PER_GROUP

  const remove = (arn: string) => {
    onChange(chosen.filter((a) => a !== arn))
    // The chip and its button are gone; the picker's button is the nearest sensible place.
    toggleRef.current?.focus()
  }
  const toggle = (arn: string, on: boolean) => onChange(on ? [...chosen, arn] : chosen.filter((a) => a !== arn))

  return (
    <fieldset className="policy-field" aria-describedby={describedBy}>
      <legend>Policies</legend>
      {chosen.length === 0 ? (
        <p className="muted">No policy yet: {roleLabel} could do nothing.</p>
      ) : (
        <ul className="chips" aria-label={`Policies for ${roleLabel}`}>
          {chosen.map((arn) => {
            const name = byArn.get(arn)?.name ?? policyNameOf(arn)
            return (
              <li key={arn} className={invalid ? 'chip chip-invalid' : 'chip'}>
                <span className="mono">{name}</span>
                <button type="button" className="chip-remove" aria-label={`Remove ${name}`} onClick={() => remove(arn)}>
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <button type="button" ref={toggleRef} className="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((o) => !o)}>
        {open ? 'Close the policy list' : 'Choose policies'}
      </button>
      <div id={panelId} className="picker" hidden={!open}>
        {open ? (
          <>
            <fieldset className="picker-filter">
              <legend>Show</legend>
              <label>
                <input type="radio" name={`${panelId}-filter`} checked={filter === 'job-function'} onChange={() => setFilter('job-function')} />
                AWS managed — job function
              </label>
              <label>
                <input type="radio" name={`${panelId}-filter`} checked={filter === 'all'} onChange={() => setFilter('all')} />
                All AWS managed
              </label>
            </fieldset>
            <p id={noteId} className="field-hint">
              Job-function policies are AWS’s policies written for a job, such as Billing or SystemAdministrator. PowerUserAccess, AdministratorAccess and
              ReadOnlyAccess are AWS managed too but not job-function policies: choose “All AWS managed”, or search for them by name.
            </p>
            <div className="field">
              <label htmlFor={searchId}>Search by name</label>
              <input
                id={searchId}
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                aria-describedby={`${noteId} ${countId}`}
                autoComplete="off"
                spellCheck={false}
              />
            </div>
            {policies.status === 'loading' ? <p role="status">Reading the AWS managed policies…</p> : null}
            {policies.status === 'failed' ? (
              <ErrorNotice error={policies.error} title="The policy list did not load">
                <button type="button" onClick={retry}>
                  Try again
                </button>
              </ErrorNotice>
            ) : null}
            {policies.status === 'done' ? (
              <>
                <p id={countId} className="muted" role="status">
                  {shown.length === 0
                    ? 'No policy matches.'
                    : shown.length > SHOWN
                      ? `Showing ${SHOWN} of ${shown.length}; type to narrow them down.`
                      : `${shown.length} ${shown.length === 1 ? 'policy' : 'policies'}.`}
                  {full ? ` ${roleLabel} has ${POLICIES_PER_GROUP}, IAM’s limit for a group: remove one to add another.` : ''}
                </p>
                {shown.length === 0 && elsewhere > 0 ? (
                  <p>
                    No job-function policy is called that; {elsewhere} other AWS managed {elsewhere === 1 ? 'policy is' : 'policies are'}.{' '}
                    <button type="button" className="link" onClick={() => setFilter('all')}>
                      Show all AWS managed
                    </button>
                  </p>
                ) : null}
                <ul className="picker-list" aria-label={`AWS managed policies for ${roleLabel}`}>
                  {shown.slice(0, SHOWN).map((p) => {
                    const on = chosen.includes(p.arn)
                    return (
                      <li key={p.arn}>
                        <label className="picker-option">
                          <input type="checkbox" checked={on} disabled={!on && full} onChange={(e) => toggle(p.arn, e.target.checked)} />
                          <span>
                            <span className="mono picker-name">{p.name}</span>
                            {p.jobFunction ? <span className="badge">job function</span> : null}
                            {p.description ? <span className="picker-description">{p.description}</span> : null}
                          </span>
                        </label>
                      </li>
                    )
                  })}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </div>
    </fieldset>
  )
}
