import type { Ref } from 'react'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { StatusBadge } from '../../ui/StatusBadge'
import { enabledNotes } from './confirm-words'
import { EnrollPanel } from './EnrollPanel'
import { CONSOLE_ONLY_WORDS, type UserCard } from './enrollment-flow'
import type { MfaUser } from './mfa-users'
import { ResyncForm } from './ResyncForm'
import type { EnrollmentActions } from './use-enrollment-flow'

type CardActions = Pick<EnrollmentActions, 'checkDevices' | 'start' | 'useDevice' | 'cancel' | 'restart' | 'enabled' | 'openResync' | 'closeResync'>

/** One user of the MFA step: their devices, how the last set-up went, and the set-up or resync at hand. */
export function MfaUserCard({
  user,
  card,
  cancelling,
  resultHeading,
  actions
}: {
  user: MfaUser
  card: UserCard
  cancelling: boolean
  /** Takes focus when this user's device was the last turned on. */
  resultHeading: Ref<HTMLParagraphElement>
  actions: CardActions
}) {
  const { userName, devices, enabled } = card
  return (
    <li className="card mfa-user" data-role={user.role} data-testid={`mfa-user-${user.role}`}>
      <div className="mfa-user-head">
        <h2>
          {userName}
          {user.role === 'sign-in' || userName !== user.role ? (
            <span className="muted mfa-role"> {user.role === 'sign-in' ? '(your sign-in, for every role)' : `(for ${user.role})`}</span>
          ) : null}
        </h2>
        <StatusBadge status={card.badge.status} label={card.badge.label} />
      </div>
      <p className="muted mfa-why">{card.why}</p>

      {devices.status === 'failed' ? (
        <ErrorNotice error={devices.error}>
          <button type="button" onClick={() => actions.checkDevices(user)}>
            Check again
          </button>
        </ErrorNotice>
      ) : null}
      {card.devicesShown.length > 0 ? (
        <ul className="mfa-devices" aria-label={`${userName}'s MFA devices`}>
          {card.devicesShown.map(({ device, offersUse, consoleOnly }) => (
            <li key={device.serial} data-testid="mfa-device">
              <span className="mono">{device.serial}</span>
              {device.enableDate ? <span className="muted"> — on since {new Date(device.enableDate).toLocaleDateString()}</span> : null}
              {device.usedByCairn ? <span className="badge">Cairn uses this one</span> : null}
              {device.kind === 'hardware-totp' ? <span className="muted"> (a hardware token)</span> : null}
              {consoleOnly ? (
                <>
                  <span className="badge">Console sign-in only</span>
                  <p className="muted">{CONSOLE_ONLY_WORDS}</p>
                </>
              ) : null}
              {offersUse ? (
                <button
                  type="button"
                  className="secondary"
                  disabled={!card.canUse}
                  aria-label={`Use ${device.serial} for ${userName}'s sessions`}
                  onClick={() => actions.useDevice(user, device.serial)}
                >
                  {card.usingSerial === device.serial ? 'Saving…' : 'Use this device'}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {card.useOutcome?.kind === 'done' ? (
        <p className="muted" role="status" data-testid="mfa-device-used">
          {card.useOutcome.message}
        </p>
      ) : card.useOutcome?.kind === 'failed' ? (
        <ErrorNotice error={card.useOutcome.error} title={`Cairn could not use that device for ${userName}`} />
      ) : null}

      {enabled ? (
        <div className="notice notice-ok" role="status" data-testid="mfa-enabled">
          <p className="notice-title" tabIndex={-1} ref={card.focusesResult ? resultHeading : undefined}>
            MFA is on for {userName}
          </p>
          <p>{enabled.message}</p>
          <ul>
            {enabledNotes(enabled, userName).map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {card.cancelledMessage !== null ? (
        <p className="muted" role="status">
          {card.cancelledMessage}
        </p>
      ) : null}
      {card.startError ? <ErrorNotice error={card.startError} title={`Cairn could not start the set-up for ${userName}`} /> : null}

      {card.next?.kind === 'enroll-panel' ? (
        <EnrollPanel
          userName={userName}
          enrollment={card.next.enrollment}
          cancelling={cancelling}
          onEnabled={(confirmation) => actions.enabled(user, confirmation)}
          onCancel={() => void actions.cancel(user.role)}
          onRestart={() => void actions.restart(user)}
        />
      ) : card.next?.kind === 'resync-form' ? (
        <ResyncForm user={user} userName={userName} onClose={actions.closeResync} />
      ) : card.next?.kind === 'offer-resync' ? (
        <div className="mfa-start">
          <button type="button" className={enabled?.offerResync ? 'primary' : 'secondary'} onClick={() => actions.openResync(user.role)}>
            Codes refused? Resync {userName}’s device
          </button>
        </div>
      ) : card.next?.kind === 'offer-second-device' ? (
        <div className="mfa-start">
          <button type="button" className="primary" onClick={() => actions.start(user)} disabled={!card.canStart}>
            {card.starting ? 'Starting…' : 'Add an authenticator app as a second device'}
          </button>
        </div>
      ) : card.next?.kind === 'offer-set-up' ? (
        <div className="mfa-start">
          <button
            type="button"
            className="primary"
            onClick={() => actions.start(user)}
            disabled={!card.canStart}
            aria-describedby={card.waitsForOpenSetUp ? 'mfa-one-at-a-time' : undefined}
          >
            {card.starting ? 'Starting…' : `Set up MFA for ${userName}`}
          </button>
        </div>
      ) : null}
    </li>
  )
}
