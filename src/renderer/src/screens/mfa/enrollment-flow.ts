import type { MfaConfirmation, MfaEnrollment, ResponseOf } from '../../../../shared/contract'
import type { CallError } from '../../call'
import type { Status } from '../../ui/StatusBadge'
import type { CallState } from '../../use-call'
import type { MfaUser, RoleId } from './mfa-users'

export type Enabled = Extract<MfaConfirmation, { result: 'enabled' }>
export type Devices = ResponseOf<'mfa.devices'>

/**
 * The MFA step's users, one set-up at a time: each user's devices as last read, the set-up
 * open on screen (its QR code), how each user's last set-up ended, and the resync form.
 */
export interface EnrollmentFlow {
  devices: Partial<Record<RoleId, CallState<Devices>>>
  open: { role: RoleId; enrollment: MfaEnrollment } | null
  /** mfa.enroll is on its way for this user. */
  starting: RoleId | null
  cancelling: boolean
  startError: { role: RoleId; error: CallError } | null
  enabled: Partial<Record<RoleId, Enabled>>
  /** What cancelling the last set-up did (the unused device deleted, or why not). */
  cancelled: { role: RoleId; message: string } | null
  resyncing: RoleId | null
  /** The user whose device was turned on last: its result takes focus. */
  lastEnabled: RoleId | null
  /** The user chose to set up the missing devices later. */
  later: boolean
  /** mfa.useDevice is on its way: Cairn is to start this user's sessions with a device they already have. */
  using: { role: RoleId; serial: string } | null
  /** How the last "Use this device" went, on that user's card. */
  used: { role: RoleId; outcome: { kind: 'done'; message: string } | { kind: 'failed'; error: CallError } } | null
}

export type EnrollmentFlowAction =
  | { type: 'devices-checking'; role: RoleId }
  | { type: 'devices-read'; role: RoleId; devices: Devices }
  | { type: 'devices-failed'; role: RoleId; error: CallError }
  | { type: 'enroll-starting'; role: RoleId }
  | { type: 'enroll-opened'; role: RoleId; enrollment: MfaEnrollment }
  | { type: 'enroll-failed'; role: RoleId; error: CallError }
  /** The set-up is abandoned: its QR code (and with it the seed) leaves the screen. */
  | { type: 'enroll-closed' }
  | { type: 'cancelling' }
  | { type: 'cancelled'; role: RoleId; message: string }
  | { type: 'enabled'; role: RoleId; result: Enabled }
  | { type: 'resync-opened'; role: RoleId }
  | { type: 'resync-closed' }
  | { type: 'later'; later: boolean }
  | { type: 'device-using'; role: RoleId; serial: string }
  | { type: 'device-used'; role: RoleId; serial: string; message: string }
  | { type: 'device-use-failed'; role: RoleId; error: CallError }

export const noEnrollment: EnrollmentFlow = {
  devices: {},
  open: null,
  starting: null,
  cancelling: false,
  startError: null,
  enabled: {},
  cancelled: null,
  resyncing: null,
  lastEnabled: null,
  later: false,
  using: null,
  used: null
}

export function enrollmentFlow(state: EnrollmentFlow, action: EnrollmentFlowAction): EnrollmentFlow {
  switch (action.type) {
    case 'devices-checking':
      return { ...state, devices: { ...state.devices, [action.role]: { status: 'loading' } } }
    case 'devices-read':
      return { ...state, devices: { ...state.devices, [action.role]: { status: 'done', value: action.devices } } }
    case 'devices-failed':
      return { ...state, devices: { ...state.devices, [action.role]: { status: 'failed', error: action.error } } }
    case 'enroll-starting':
      return { ...state, starting: action.role, startError: null, cancelled: null }
    case 'enroll-opened':
      return { ...state, starting: null, open: { role: action.role, enrollment: action.enrollment } }
    case 'enroll-failed':
      return { ...state, starting: null, startError: { role: action.role, error: action.error } }
    case 'enroll-closed':
      return { ...state, open: null }
    case 'cancelling':
      return { ...state, open: null, cancelling: true }
    case 'cancelled':
      return { ...state, cancelling: false, cancelled: { role: action.role, message: action.message } }
    case 'enabled':
      return { ...state, open: null, enabled: { ...state.enabled, [action.role]: action.result }, lastEnabled: action.role }
    case 'resync-opened':
      return { ...state, resyncing: action.role }
    case 'resync-closed':
      return { ...state, resyncing: null }
    case 'later':
      return { ...state, later: action.later }
    case 'device-using':
      return { ...state, using: { role: action.role, serial: action.serial }, used: null }
    case 'device-used': {
      const read = state.devices[action.role]
      const devices =
        read?.status === 'done'
          ? { ...read, value: { ...read.value, devices: read.value.devices.map((d) => ({ ...d, usedByCairn: d.serial === action.serial })) } }
          : read
      return {
        ...state,
        using: null,
        used: { role: action.role, outcome: { kind: 'done', message: action.message } },
        devices: { ...state.devices, ...(devices ? { [action.role]: devices } : {}) }
      }
    }
    case 'device-use-failed':
      return { ...state, using: null, used: { role: action.role, outcome: { kind: 'failed', error: action.error } } }
  }
}

type Device = Devices['devices'][number]

/** Passkeys and security keys: AWS takes them at console sign-in only, never for an API session. */
export const consoleOnly = (device: Device): boolean => device.kind === 'security-key'

/** One of the user's devices on their card, with what the user can do about it. */
export interface DeviceRow {
  device: Device
  /** "Use this device": a device that can back sessions, not the one Cairn uses yet. */
  offersUse: boolean
  consoleOnly: boolean
}

export { consoleOnlyMfaNote as CONSOLE_ONLY_WORDS } from '../../../../shared/domain/words'

export function deviceRows(state: EnrollmentFlow, user: MfaUser): DeviceRow[] {
  const devices = devicesOf(state, user)
  if (devices.status !== 'done') return []
  return devices.value.devices.map((device) => ({ device, offersUse: !consoleOnly(device) && !device.usedByCairn, consoleOnly: consoleOnly(device) }))
}

/** Devices not read yet count as being checked: they are asked for as soon as the users are known. */
const devicesOf = (state: EnrollmentFlow, user: MfaUser): CallState<Devices> => state.devices[user.role] ?? { status: 'loading' }

/** The IAM user's name as AWS gave it, else as planned, else the role's. */
export function userNameOf(state: EnrollmentFlow, user: MfaUser): string {
  const devices = devicesOf(state, user)
  return devices.status === 'done' ? devices.value.userName : (user.userName ?? user.role)
}

/** A device that can back the user's sessions (an authenticator app or a hardware token; not a passkey). */
export function hasDevice(state: EnrollmentFlow, user: MfaUser): boolean {
  const devices = devicesOf(state, user)
  return devices.status === 'done' && devices.value.devices.some((device) => !consoleOnly(device))
}

/** The user has MFA, but only passkeys or security keys: fine for the console, no use for API sessions. */
export function onlyConsoleDevices(state: EnrollmentFlow, user: MfaUser): boolean {
  const devices = devicesOf(state, user)
  return devices.status === 'done' && devices.value.devices.length > 0 && devices.value.devices.every(consoleOnly)
}

/** What the foot of a user's card holds: the open set-up, the resync form, or the button that starts one of them. */
export type NextStep =
  | { kind: 'enroll-panel'; enrollment: MfaEnrollment }
  | { kind: 'resync-form' }
  | { kind: 'offer-resync' }
  | { kind: 'offer-set-up' }
  /** Only passkeys or security keys: an authenticator app as a second device. */
  | { kind: 'offer-second-device' }
  | null

/** One user's card, as the screen shows it. */
export interface UserCard {
  userName: string
  devices: CallState<Devices>
  badge: { status: Status; label: string }
  why: string
  enabled: Enabled | null
  cancelledMessage: string | null
  startError: CallError | null
  next: NextStep
  starting: boolean
  /** One set-up at a time: the others wait while one starts or is open. */
  canStart: boolean
  /** The open set-up, when one is, explains why the button is off. */
  waitsForOpenSetUp: boolean
  focusesResult: boolean
  devicesShown: DeviceRow[]
  /** The device whose "Use this device" is on its way. */
  usingSerial: string | null
  /** While one is on its way, the other "Use this device" buttons wait. */
  canUse: boolean
  useOutcome: NonNullable<EnrollmentFlow['used']>['outcome'] | null
}

export function userCard(state: EnrollmentFlow, user: MfaUser): UserCard {
  const devices = devicesOf(state, user)
  const withDevice = hasDevice(state, user)
  const consoleOnlyDevices = onlyConsoleDevices(state, user)
  const next: NextStep =
    state.open?.role === user.role
      ? { kind: 'enroll-panel', enrollment: state.open.enrollment }
      : state.resyncing === user.role
        ? { kind: 'resync-form' }
        : devices.status === 'done'
          ? { kind: withDevice ? 'offer-resync' : consoleOnlyDevices ? 'offer-second-device' : 'offer-set-up' }
          : null
  return {
    userName: userNameOf(state, user),
    devices,
    badge:
      devices.status === 'done'
        ? withDevice
          ? { status: 'done', label: 'MFA on' }
          : consoleOnlyDevices
            ? { status: user.requiresMfa ? 'fail' : 'warn', label: 'Console only' }
            : { status: user.requiresMfa ? 'fail' : 'warn', label: 'No MFA yet' }
        : devices.status === 'failed'
          ? { status: 'unknown', label: 'Not known' }
          : { status: 'waiting', label: 'Checking' },
    why:
      user.role === 'sign-in'
        ? 'Every role trusts this user only with MFA: one device, and one code a day, for billing, dev and ops.'
        : user.requiresMfa === true
          ? 'API calls need MFA: Cairn gets sessions for this user only with a device.'
          : user.consoleAccess
            ? 'Signs in to the console: MFA keeps a stolen password from being enough.'
            : 'Recommended for every user.',
    enabled: state.enabled[user.role] ?? null,
    cancelledMessage: state.cancelled?.role === user.role ? state.cancelled.message : null,
    startError: state.startError?.role === user.role ? state.startError.error : null,
    next,
    starting: state.starting === user.role,
    canStart: state.starting === null && state.open === null,
    waitsForOpenSetUp: state.open !== null,
    focusesResult: state.lastEnabled === user.role,
    devicesShown: deviceRows(state, user),
    usingSerial: state.using?.role === user.role ? state.using.serial : null,
    canUse: state.using === null,
    useOutcome: state.used?.role === user.role ? state.used.outcome : null
  }
}

/** "dev", "dev and ops", "billing, dev and ops". */
export const names = (users: readonly string[]): string =>
  users.length <= 1 ? (users[0] ?? '') : `${users.slice(0, -1).join(', ')} and ${users[users.length - 1]}`

/** Whether the step may be left: every user whose API calls need MFA has a device, or the user chose "later". */
export function mfaProgress(state: EnrollmentFlow, users: readonly MfaUser[]) {
  const missing = users.filter((user) => user.requiresMfa === true && !hasDevice(state, user))
  const stillChecking = users.some((user) => user.requiresMfa === true && devicesOf(state, user).status === 'loading')
  const missingNames = names(missing.map((user) => userNameOf(state, user)))
  return {
    missing: missing.length,
    missingNames,
    /** Offer "later" once the devices are known and some are missing. */
    offersLater: missing.length > 0 && !stillChecking,
    canContinue: !stillChecking && (missing.length === 0 || state.later),
    blockedReason: stillChecking ? 'Checking the users’ devices…' : `${missingNames} still ${missing.length === 1 ? 'needs' : 'need'} an MFA device.`
  }
}
