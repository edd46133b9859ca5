import { useId } from 'react'
import type { ProfilesOverview } from '../../../../shared/contract'
import { useJourney } from '../../journey/journey-context'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { CliProfiles } from './CliProfiles'
import { DefaultFollowsActive } from './DefaultFollowsActive'
import { RemoveProfiles } from './RemoveProfiles'
import { RoleCard } from './RoleCard'
import { SignInPanel } from './SignInPanel'
import { useNow } from './use-now'
import { useOverview } from './use-overview'
import './profiles.css'

/**
 * The home screen once the journey is done: which role the AWS CLI acts as, each role's
 * session, the console as any role, and Cairn's profiles in the AWS config file. It works from
 * the keychain and the role registry, so it needs no bootstrap connection.
 */
export default function Profiles() {
  const journey = useJourney()
  const headingId = useId()
  const profiles = useOverview()
  const now = useNow()
  const { overview, error } = profiles
  const changed = () => void profiles.refresh()

  return (
    <section aria-labelledby={headingId} className="profiles">
      <ScreenHeading id={headingId}>Profiles</ScreenHeading>
      {journey.state.rootKeyKept ? <RootKeyKept onDelete={() => void journey.go('billing')} /> : null}
      {overview === null ? (
        error ? (
          <ErrorNotice error={error}>
            <button type="button" onClick={changed}>
              Try again
            </button>
          </ErrorNotice>
        ) : (
          <p role="status">Reading your roles…</p>
        )
      ) : overview.roles.length === 0 ? (
        <NoRolesYet />
      ) : (
        <>
          <Lede overview={overview} />
          {error ? <ErrorNotice error={error} title="Cairn could not read the roles again; what you see may be out of date" /> : null}
          {overview.warnings.map((warning) => (
            <div key={warning} className="notice notice-warn">
              <p>{warning}</p>
            </div>
          ))}
          {overview.signIn ? <SignInPanel signIn={overview.signIn} now={now} onSignedIn={changed} /> : null}
          <h2>{overview.signIn ? 'Your IAM roles' : 'Your identities'}</h2>
          <ul className="role-cards">
            {overview.roles.map((role) => (
              <RoleCard key={role.role} role={role} now={now} signIn={overview.signIn} onSwitched={profiles.replace} onChanged={changed} />
            ))}
          </ul>
          {/* The daily things above; what is set once (the shell line, [default], removal) in settings. */}
          <details className="profiles-settings" data-testid="profiles-settings">
            <summary>Settings: the AWS CLI and SDKs, [default], removing Cairn’s profiles</summary>
            <CliProfiles overview={overview} onChanged={changed} />
            <DefaultFollowsActive overview={overview} onChanged={changed} />
            <RemoveProfiles overview={overview} onChanged={changed} />
          </details>
        </>
      )}
    </section>
  )
}

function Lede({ overview }: { overview: ProfilesOverview }) {
  return (
    <p className="lede">
      {overview.activeRole ? `The AWS CLI acts as ${overview.activeRole}. ` : 'No role is active for the AWS CLI yet. '}
      Make another role active, or open the AWS console as any role, each in a window of its own
      {overview.accountId ? (
        <>
          {' '}
          (account <span className="mono">{overview.accountId}</span>
          {overview.practice ? ', the practice account' : ''})
        </>
      ) : null}
      . The tray menu does the same.
    </p>
  )
}

/** "Keep it for now" on Billing access: the warning stays here until the key is deleted. */
function RootKeyKept({ onDelete }: { onDelete(): void }) {
  return (
    <div className="notice notice-warn" role="status" data-testid="root-key-kept">
      <p className="notice-title">A root access key is still alive</p>
      <p>
        You kept the temporary root access key Cairn was connected with. It can do anything in your account, and MFA does not protect it. Delete it as soon as
        you can.
      </p>
      <button type="button" onClick={onDelete}>
        Delete it on Billing access
      </button>
    </div>
  )
}

function NoRolesYet() {
  const journey = useJourney()
  return (
    <div className="notice" data-testid="no-roles">
      <p className="notice-title">No roles yet</p>
      <p>Cairn lists billing, dev and ops here once it has made them. Plan the roles, then apply the plan; come back here when Apply has finished.</p>
      <div className="empty-actions">
        <button type="button" className="primary" onClick={() => void journey.go('plan')}>
          Go to Plan
        </button>
        <button type="button" onClick={() => void journey.go('apply')}>
          Go to Apply
        </button>
      </div>
    </div>
  )
}
