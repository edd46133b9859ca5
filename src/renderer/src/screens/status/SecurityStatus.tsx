import { useEffect, useState } from 'react'
import type { CheckResultPayload } from '../../../../shared/contract'
import { useJourney } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { RequireConnection } from '../../ui/RequireConnection'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { asCallError } from '../../ui/use-action'
import { call, type CallError } from '../../call'
import { CheckRow } from './CheckRow'
import { countChecks, summaryLine } from './check-guidance'
import './status.css'

export default function SecurityStatus() {
  return (
    <section>
      <ScreenHeading>{stepInfo('status').label}</ScreenHeading>
      <p className="lede">Live checks of the account as it is now. Nothing here changes AWS unless you press a fix button.</p>
      <RequireConnection>{() => <Checks />}</RequireConnection>
      <StepActions step="status" />
    </section>
  )
}

const fixedWords: Record<CheckResultPayload['status'], string> = {
  pass: 'now passes',
  warn: 'now shows a warning',
  fail: 'still fails',
  unknown: 'could not be checked'
}

function Checks() {
  const journey = useJourney()
  // AdministratorAccess is expected in the admin role's group, when one is planned.
  const adminGroupName = journey.plannedRoles?.find((role) => role.role === 'admin')?.groupName
  const [attempt, setAttempt] = useState(0)
  const [scanned, setScanned] = useState<{ attempt: number; error: CallError | null } | null>(null)
  const [checks, setChecks] = useState<CheckResultPayload[] | null>(null)
  const [announcement, setAnnouncement] = useState('')

  useEffect(() => {
    let current = true
    call(window.cairn.audit.scan(adminGroupName ? { adminGroupName } : {})).then(
      (result) => {
        if (!current) return
        setChecks(result)
        setScanned({ attempt, error: null })
        setAnnouncement(`Scan finished: ${summaryLine(countChecks(result))}.`)
      },
      (error: unknown) => current && setScanned({ attempt, error: asCallError(error) })
    )
    return () => {
      current = false
    }
  }, [attempt, adminGroupName])
  const rescan = () => {
    setAnnouncement('Scanning the account…')
    setAttempt((n) => n + 1)
  }

  const onFixed = (fixed: CheckResultPayload) => {
    setChecks((current) => current?.map((check) => (check.id === fixed.id ? fixed : check)) ?? null)
    setAnnouncement(`${fixed.title} ${fixedWords[fixed.status]}. ${fixed.evidence}`)
  }

  const scanning = scanned?.attempt !== attempt
  const failure = scanning ? null : (scanned?.error ?? null)
  const counts = checks ? countChecks(checks) : null
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="status-toolbar">
        {counts ? (
          <p className="status-summary" data-testid="status-summary">
            <strong>{summaryLine(counts)}</strong>
          </p>
        ) : null}
        <button type="button" className="secondary" onClick={rescan} disabled={scanning} aria-describedby="scan-note">
          {scanning ? 'Scanning…' : 'Scan again'}
        </button>
        <span id="scan-note" className="visually-hidden">
          Reads the account again; changes nothing.
        </span>
      </div>
      {failure ? (
        <ErrorNotice error={failure} title="The scan did not finish">
          <button type="button" onClick={rescan}>
            Try again
          </button>
        </ErrorNotice>
      ) : null}
      {!checks && scanning ? <p className="muted">Reading the account: users, keys, MFA devices, policies and the credential report…</p> : null}
      {counts && counts.fail + counts.warn > 0 && !journey.state.done.includes('apply') ? (
        <div className="notice">
          <p className="notice-title">Red is expected on a new account</p>
          <p>
            The next steps fix most of it: <strong>Plan</strong> creates billing, dev and ops users whose permissions come only from their groups,{' '}
            <strong>MFA for each user</strong> gives each one an MFA device, and <strong>Billing access</strong> lets them see the bills. Each row says where it
            gets fixed.
          </p>
        </div>
      ) : counts && counts.fail + counts.warn > 0 ? (
        <div className="notice">
          <p className="notice-title">Some checks still need you</p>
          <p>Each red or amber row says what Cairn saw and what to do about it.</p>
        </div>
      ) : null}
      {checks ? (
        <ul className="checks" aria-busy={scanning}>
          {checks.map((check) => (
            <CheckRow key={check.id} check={check} onFixed={onFixed} />
          ))}
        </ul>
      ) : null}
    </>
  )
}
