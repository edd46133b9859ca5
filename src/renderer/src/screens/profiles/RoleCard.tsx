import { useRef, useState } from 'react'
import type { SignInOverview } from '../../../../shared/channels/profiles'
import type { ConsoleOpened, ProfileRole, ProfilesOverview } from '../../../../shared/contract'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useAction } from '../../ui/use-action'
import { clockTime } from './clock-time'
import { ConsoleOutcome } from './ConsoleOutcome'
import { SessionCodePrompt, type SessionStarted } from './SessionCodePrompt'
import { SessionLine } from './SessionLine'
import { needsSignIn } from './sign-in-words'

interface RoleCardProps {
  role: ProfileRole
  now: number
  /** The roles layout's sign-in (null in the guide's layout): its day session opens every role's console. */
  signIn?: SignInOverview
  /** profiles.switch answered with the new overview. */
  onSwitched(overview: ProfilesOverview): void
  /** Something changed that profiles.list should be read again for. */
  onChanged(): void
}

/** One role: who AWS sees, whether the AWS CLI acts as it, its session, and the console. */
export function RoleCard({ role, now, signIn = null, onSwitched, onChanged }: RoleCardProps) {
  const headingId = `role-${role.role}`
  const [switching, makeActive] = useAction(() => window.cairn.profiles.switch({ role: role.role }))
  const [opening, openConsole, resetOpening] = useAction(() => window.cairn.profiles.openConsole({ role: role.role }))
  const [opened, setOpened] = useState<{ opened: ConsoleOpened; at: number } | null>(null)
  const [prompting, setPrompting] = useState(false)
  const [news, setNews] = useState<{ about: 'switch' | 'session'; text: string } | null>(null)
  const refreshButton = useRef<HTMLButtonElement>(null)
  const consoleButton = useRef<HTMLButtonElement>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const inRolesLayout = signIn !== null
  // The day's sign-in is over: one code, then the console opens.
  const signInFirst = signIn !== null && opening.status === 'failed' && needsSignIn(opening.error, inRolesLayout)

  const open = async () => {
    setOpened(null)
    const answer = await openConsole()
    if (answer) setOpened({ opened: answer, at: Date.now() })
  }

  const closePrompt = () => {
    setPrompting(false)
    refreshButton.current?.focus()
  }

  return (
    <li className="card role-card" aria-labelledby={headingId} data-testid={`role-card-${role.role}`}>
      <div className="role-card-head">
        <h3 id={headingId} ref={heading} tabIndex={-1}>
          {role.role}
        </h3>
        {role.active ? <span className="badge badge-active">Active</span> : null}
        {role.isDefault ? <span className="badge">[default]</span> : null}
      </div>
      <p className="role-session">
        <SessionLine role={role} now={now} />
      </p>
      <details className="role-details">
        <summary>
          Details<span className="visually-hidden"> of {role.role}</span>
        </summary>
        <dl className="role-facts">
          <div>
            <dt>{inRolesLayout ? 'Signs in as' : 'User'}</dt>
            <dd>{role.userName}</dd>
          </div>
          <div>
            <dt>{role.roleArn ? 'Role ARN' : 'ARN'}</dt>
            <dd className="mono">{role.roleArn ?? role.arn}</dd>
          </div>
          <div>
            <dt>Profile</dt>
            <dd className="mono">{role.profile}</dd>
          </div>
          <div>
            <dt>AWS CLI</dt>
            <dd>
              {role.active
                ? `Active: the AWS CLI acts as ${role.role} wherever AWS_PROFILE=cairn.`
                : role.hasAccessKey
                  ? `Reachable with --profile ${role.profile}; make it active to use it with AWS_PROFILE=cairn.`
                  : `Cannot be the AWS CLI role: ${role.userName} has no access key, so the AWS CLI and SDKs cannot act as ${role.role}. It is for the AWS console.`}
            </dd>
          </div>
        </dl>
      </details>

      <div className="role-actions">
        {!role.active && role.hasAccessKey ? (
          <button
            type="button"
            className="primary"
            aria-disabled={switching.status === 'running' || undefined}
            onClick={async () => {
              const overview = await makeActive()
              if (!overview) return
              onSwitched(overview)
              setNews({ about: 'switch', text: `${role.role} is now the active role for the AWS CLI.` })
              // The button goes away once the role is active; the card's heading keeps the keyboard's place.
              heading.current?.focus()
            }}
          >
            Make active<span className="visually-hidden"> ({role.role})</span>
          </button>
        ) : null}
        {role.consoleAccess || role.hasAccessKey || inRolesLayout ? (
          <button type="button" ref={consoleButton} aria-disabled={opening.status === 'running' || undefined} onClick={() => void open()}>
            {opening.status === 'running' ? 'Opening the console…' : 'Open console'}
            <span className="visually-hidden"> as {role.role}</span>
          </button>
        ) : null}
        {role.requiresMfa && role.hasAccessKey && !inRolesLayout ? (
          <button
            type="button"
            ref={refreshButton}
            aria-expanded={prompting}
            onClick={() => {
              setNews(null)
              setPrompting((open) => !open)
            }}
          >
            Refresh session<span className="visually-hidden"> for {role.role}</span>
          </button>
        ) : null}
      </div>

      {prompting ? (
        <SessionCodePrompt
          role={role.role}
          onCancel={closePrompt}
          onStarted={(session: SessionStarted) => {
            setNews({ about: 'session', text: `New session for ${session.role} started: it lasts until ${clockTime(session.expiration)}.` })
            closePrompt()
            onChanged()
          }}
        />
      ) : null}
      <p role="status" className="role-status">
        {/* Said while it is still true: once another role is made active, this card's switch news is old. */}
        {news && (news.about === 'session' || role.active) ? news.text : ''}
      </p>
      {switching.status === 'failed' ? <ErrorNotice error={switching.error} /> : null}
      {signInFirst && signIn ? (
        <div className="sign-in-first" data-testid={`sign-in-first-${role.role}`}>
          <p>Your sign-in for the day is over. One MFA code signs you in again, for every role; then the console opens as {role.role}.</p>
          <SessionCodePrompt
            role={signIn.userName}
            signIn={{ userName: signIn.userName }}
            onCancel={() => {
              resetOpening()
              consoleButton.current?.focus()
            }}
            onStarted={() => {
              onChanged()
              void open()
            }}
          />
        </div>
      ) : opening.status === 'failed' ? (
        <ErrorNotice error={opening.error} />
      ) : null}
      {opened ? <ConsoleOutcome opened={opened.opened} openedAt={opened.at} now={now} /> : null}
    </li>
  )
}
