import { useCallback, useEffect, useRef, useState } from 'react'
import type { MfaConfirmation, MfaEnrollment, ResponseOf } from '../../../../shared/contract'
import { call, type CallError } from '../../call'
import { useJourney } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { RequireConnection } from '../../ui/RequireConnection'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { StatusBadge } from '../../ui/StatusBadge'
import { StepActions } from '../../ui/StepActions'
import { asCallError } from '../../ui/use-action'
import { enabledNotes } from './confirm-words'
import { EnrollPanel } from './EnrollPanel'
import { ResyncForm } from './ResyncForm'
import { loadMfaUsers, userRequest, type MfaUser, type RoleId } from './mfa-users'
import './mfa.css'

type Enabled = Extract<MfaConfirmation, { result: 'enabled' }>
type Devices = ResponseOf<'mfa.devices'>
type DevicesState = { status: 'loading' } | { status: 'done'; value: Devices } | { status: 'failed'; error: CallError }
type UsersState = { status: 'loading' } | { status: 'done'; users: MfaUser[] } | { status: 'failed'; error: CallError }
interface Session {
  role: RoleId
  enrollment: MfaEnrollment
}

export default function UserMfa() {
  return (
    <section className="mfa-screen">
      <ScreenHeading>{stepInfo('mfa').label}</ScreenHeading>
      <p className="screen-intro">
        Each user gets their own entry in an authenticator app on your phone. Users whose API calls need MFA can only get sessions once they have a device;
        for console users it guards the sign-in.
      </p>
      <RequireConnection>{() => <MfaUsers />}</RequireConnection>
    </section>
  )
}

const names = (users: readonly string[]) => (users.length <= 1 ? (users[0] ?? '') : `${users.slice(0, -1).join(', ')} and ${users[users.length - 1]}`)

function MfaUsers() {
  const journey = useJourney()
  const [users, setUsers] = useState<UsersState>({ status: 'loading' })
  const [usersAttempt, setUsersAttempt] = useState(0)
  const [devices, setDevices] = useState<Partial<Record<RoleId, DevicesState>>>({})
  const [session, setSession] = useState<Session | null>(null)
  const [starting, setStarting] = useState<RoleId | null>(null)
  const [cancelling, setCancelling] = useState(false)
  const [startError, setStartError] = useState<{ role: RoleId; error: CallError } | null>(null)
  const [enabled, setEnabled] = useState<Partial<Record<RoleId, Enabled>>>({})
  const [cancelled, setCancelled] = useState<{ role: RoleId; message: string } | null>(null)
  const [later, setLater] = useState(false)
  const [resyncing, setResyncing] = useState<RoleId | null>(null)
  /** The set-up to abandon if the screen closes with it open (no device should wait unused). */
  const openEnrollment = useRef<string | null>(null)
  const resultHeading = useRef<HTMLParagraphElement>(null)
  const [lastEnabled, setLastEnabled] = useState<RoleId | null>(null)

  useEffect(() => {
    const open = openEnrollment
    return () => {
      const enrollmentId = open.current
      open.current = null
      if (enrollmentId) void window.cairn.mfa.abandon({ enrollmentId })
    }
  }, [])

  const loadDevices = useCallback((user: MfaUser) => {
    setDevices((current) => ({ ...current, [user.role]: { status: 'loading' } }))
    call(window.cairn.mfa.devices(userRequest(user))).then(
      (value) => setDevices((current) => ({ ...current, [user.role]: { status: 'done', value } })),
      (failure: unknown) => setDevices((current) => ({ ...current, [user.role]: { status: 'failed', error: asCallError(failure) } }))
    )
  }, [])

  useEffect(() => {
    let current = true
    loadMfaUsers(journey.plannedRoles).then(
      (loaded) => {
        if (!current) return
        setUsers({ status: 'done', users: loaded })
        for (const user of loaded) loadDevices(user)
      },
      (failure: unknown) => current && setUsers({ status: 'failed', error: asCallError(failure) })
    )
    return () => {
      current = false
    }
  }, [journey.plannedRoles, usersAttempt, loadDevices])

  useEffect(() => {
    if (lastEnabled) resultHeading.current?.focus()
  }, [lastEnabled])

  const start = async (user: MfaUser) => {
    setStarting(user.role)
    setStartError(null)
    setCancelled(null)
    try {
      const enrollment = await call(window.cairn.mfa.enroll(userRequest(user)))
      openEnrollment.current = enrollment.enrollmentId
      setSession({ role: user.role, enrollment })
    } catch (failure) {
      setStartError({ role: user.role, error: asCallError(failure) })
    } finally {
      setStarting(null)
    }
  }

  /** Deletes the never-enabled device; the QR code (and with it the seed) leaves the screen. */
  const abandon = async (): Promise<string | null> => {
    const enrollmentId = openEnrollment.current
    openEnrollment.current = null
    setSession(null)
    if (!enrollmentId) return null
    try {
      return (await call(window.cairn.mfa.abandon({ enrollmentId }))).message
    } catch (failure) {
      return asCallError(failure).message
    }
  }

  const cancel = async (role: RoleId) => {
    setCancelling(true)
    const message = await abandon()
    setCancelling(false)
    setCancelled({ role, message: message ?? 'The set-up is cancelled.' })
  }

  const restart = async (user: MfaUser) => {
    await abandon()
    await start(user)
  }

  const onEnabled = (user: MfaUser, result: Enabled) => {
    openEnrollment.current = null
    setSession(null)
    setEnabled((current) => ({ ...current, [user.role]: result }))
    setLastEnabled(user.role)
    loadDevices(user)
  }

  if (users.status === 'loading') return <p role="status">Finding the users Cairn set up…</p>
  if (users.status === 'failed') {
    return (
      <ErrorNotice error={users.error} title="Cairn could not tell which users to set up">
        <button type="button" onClick={() => setUsersAttempt((n) => n + 1)}>
          Try again
        </button>
      </ErrorNotice>
    )
  }
  if (users.users.length === 0) {
    return (
      <>
        <div className="notice" data-testid="mfa-no-users">
          <p className="notice-title">No users yet</p>
          <p>Cairn has not set up any users in this account. Apply the plan first; this step then lists each user.</p>
          <button type="button" className="primary" onClick={() => void journey.go('apply')}>
            Go to Apply
          </button>
        </div>
        <StepActions step="mfa" canContinue={false} blockedReason="Apply the plan first." />
      </>
    )
  }

  const nameOf = (user: MfaUser) => {
    const state = devices[user.role]
    return state?.status === 'done' ? state.value.userName : (user.userName ?? user.role)
  }
  const hasDevice = (user: MfaUser) => {
    const state = devices[user.role]
    return state?.status === 'done' && state.value.devices.length > 0
  }
  const required = users.users.filter((user) => user.requiresMfa === true)
  const missing = required.filter((user) => !hasDevice(user))
  const stillLoading = required.some((user) => devices[user.role]?.status === 'loading')
  const canContinue = !stillLoading && (missing.length === 0 || later)
  const missingNames = names(missing.map(nameOf))

  return (
    <>
      <ul className="mfa-users" aria-label="Users">
        {users.users.map((user) => {
          const state = devices[user.role]
          const userName = nameOf(user)
          const open = session?.role === user.role ? session : null
          const result = enabled[user.role]
          return (
            <li key={user.role} className="card mfa-user" data-role={user.role} data-testid={`mfa-user-${user.role}`}>
              <div className="mfa-user-head">
                <h2>
                  {userName} <span className="muted mfa-role">({user.role} role)</span>
                </h2>
                {state?.status === 'done' ? (
                  hasDevice(user) ? (
                    <StatusBadge status="done" label="MFA on" />
                  ) : (
                    <StatusBadge status={user.requiresMfa ? 'fail' : 'warn'} label="No MFA yet" />
                  )
                ) : state?.status === 'failed' ? (
                  <StatusBadge status="unknown" label="Not known" />
                ) : (
                  <StatusBadge status="waiting" label="Checking" />
                )}
              </div>
              <p className="muted mfa-why">
                {user.requiresMfa === true
                  ? 'API calls need MFA: Cairn gets sessions for this user only with a device.'
                  : user.consoleAccess
                    ? 'Signs in to the console: MFA keeps a stolen password from being enough.'
                    : 'Recommended for every user.'}
              </p>

              {state?.status === 'failed' ? (
                <ErrorNotice error={state.error}>
                  <button type="button" onClick={() => loadDevices(user)}>
                    Check again
                  </button>
                </ErrorNotice>
              ) : null}
              {state?.status === 'done' && state.value.devices.length > 0 ? (
                <ul className="mfa-devices" aria-label={`${userName}'s MFA devices`}>
                  {state.value.devices.map((device) => (
                    <li key={device.serial}>
                      <span className="mono">{device.serial}</span>
                      {device.enableDate ? <span className="muted"> — on since {new Date(device.enableDate).toLocaleDateString()}</span> : null}
                      {device.usedByCairn ? <span className="badge">Cairn uses this one</span> : null}
                      {!device.virtual ? <span className="muted"> (not a virtual device)</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}

              {result ? (
                <div className="notice notice-ok" role="status" data-testid="mfa-enabled">
                  <p className="notice-title" tabIndex={-1} ref={lastEnabled === user.role ? resultHeading : undefined}>
                    MFA is on for {userName}
                  </p>
                  <p>{result.message}</p>
                  <ul>
                    {enabledNotes(result, userName).map((note) => (
                      <li key={note}>{note}</li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {cancelled?.role === user.role ? (
                <p className="muted" role="status">
                  {cancelled.message}
                </p>
              ) : null}
              {startError?.role === user.role ? <ErrorNotice error={startError.error} title={`Cairn could not start the set-up for ${userName}`} /> : null}

              {open ? (
                <EnrollPanel
                  userName={userName}
                  enrollment={open.enrollment}
                  cancelling={cancelling}
                  onEnabled={(confirmation) => onEnabled(user, confirmation)}
                  onCancel={() => void cancel(user.role)}
                  onRestart={() => void restart(user)}
                />
              ) : resyncing === user.role ? (
                <ResyncForm user={user} userName={userName} onClose={() => setResyncing(null)} />
              ) : state?.status === 'done' && hasDevice(user) ? (
                <div className="mfa-start">
                  <button type="button" className={result?.offerResync ? 'primary' : 'secondary'} onClick={() => setResyncing(user.role)}>
                    Codes refused? Resync {userName}’s device
                  </button>
                </div>
              ) : state?.status === 'done' && !hasDevice(user) ? (
                <div className="mfa-start">
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void start(user)}
                    disabled={starting !== null || session !== null}
                    aria-describedby={session ? 'mfa-one-at-a-time' : undefined}
                  >
                    {starting === user.role ? 'Starting…' : `Set up MFA for ${userName}`}
                  </button>
                </div>
              ) : null}
            </li>
          )
        })}
      </ul>
      {session ? (
        <p id="mfa-one-at-a-time" className="muted">
          One set-up at a time: finish or cancel the open one first.
        </p>
      ) : null}

      {missing.length > 0 && !stillLoading ? (
        <div className="notice notice-warn mfa-later">
          <label className="mfa-later-choice">
            <input type="checkbox" checked={later} onChange={(event) => setLater(event.target.checked)} />
            <span>I’ll set up MFA for {missingNames} later</span>
          </label>
          <p>
            Until then Cairn cannot get sessions for {missingNames}: {missing.length === 1 ? 'its' : 'their'} profiles use MFA-backed sessions, so the command line
            and console sign-in as {missing.length === 1 ? 'that role' : 'those roles'} will not work. Come back to this step at any time.
          </p>
        </div>
      ) : null}

      <StepActions
        step="mfa"
        canContinue={canContinue}
        blockedReason={stillLoading ? 'Checking the users’ devices…' : `${missingNames} still ${missing.length === 1 ? 'needs' : 'need'} an MFA device.`}
      />
    </>
  )
}
