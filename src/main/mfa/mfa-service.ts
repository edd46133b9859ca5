import type { IAMClient } from '@aws-sdk/client-iam'
import type { MfaConfirmation, MfaEnrollment, RootMfaStatus } from '../../shared/channels/mfa'
import { CairnError } from '../../shared/errors'
import type { Logger } from '../log/redact'
import type { MfaIdentity } from '../setup/applied-roles'
import type { SecretStore } from '../vault/secret-store'
import { groupSecret, otpauthUri, qrTerminal } from './authenticator-entry'
import { PendingEnrollments } from './pending-enrollments'
import { createPracticeRootMfa, type PracticeRootConsole } from './practice-root-mfa'
import { checkRootMfa } from './root-mfa'
import { createUserMfa, type RoleUser, type UserDeviceView } from './user-mfa'
import { deleteUnassignedDevice } from './virtual-devices'

export interface MfaServiceOptions {
  /** The connected account's IAM client; throws NOT_CONNECTED when there is none. */
  iam: () => IAMClient | Promise<IAMClient>
  vault: () => Promise<SecretStore>
  /** The running practice account's root console, for the root-MFA rehearsal; null when it is not running. */
  practice?: () => PracticeRootConsole | null
  /** An IAM client on the practice account (signed as root or an administrator); null when none can be made. */
  practiceIam?: () => IAMClient | null
  roles?: () => MfaIdentity[] | Promise<MfaIdentity[]>
  now?: () => number
  log?: Logger
  enrollmentTtlMs?: number
}

export interface Codes {
  enrollmentId: string
  code1: string
  code2: string
}

/** Everything MFA, for the IPC handlers and the command line alike. */
export interface MfaService {
  rootCheck(request: { account: 'connected' | 'practice' }): Promise<RootMfaStatus>
  practiceRootEnroll(): Promise<MfaEnrollment>
  practiceRootConfirm(request: Codes): Promise<MfaConfirmation>
  enroll(request: RoleUser & { replaces?: string }): Promise<MfaEnrollment>
  showSecret(request: { enrollmentId: string }): { secretGrouped: string }
  /** The QR code drawn with text, for a terminal (the command line only; never sent over IPC). */
  terminalQr(request: { enrollmentId: string }): Promise<string>
  confirm(request: Codes): Promise<MfaConfirmation>
  resync(request: RoleUser & { serial?: string; code1: string; code2: string }): Promise<{ serial: string; message: string }>
  abandon(request: { enrollmentId: string }): Promise<{ deleted: boolean; message: string }>
  devices(request: RoleUser): Promise<{ userName: string; devices: UserDeviceView[] }>
  /** Records one of the user's devices (checked with ListMFADevices) as the one the role's sessions use. */
  useDevice(request: RoleUser & { serial?: string }): Promise<{ serial: string; message: string }>
  remove(request: RoleUser & { serial?: string }): Promise<{ removed: string; remaining: number; message: string }>
  /** Deletes never-enabled devices a crash or a closed window left behind; run when a connection opens. */
  cleanUpAbandoned(): Promise<string[]>
  /** Abandons every open set-up (the app is quitting). */
  close(): Promise<void>
}

export function createMfaService(options: MfaServiceOptions): MfaService {
  const log = options.log
  const enrollments = new PendingEnrollments({
    ...(options.enrollmentTtlMs !== undefined ? { ttlMs: options.enrollmentTtlMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    onDiscardFailed: (e, error) => log?.warn(`Could not delete the unused MFA device ${e.serial}; the next start deletes it: ${(error as Error).message}`)
  })
  const users = createUserMfa({ ...options, enrollments })
  const practiceIam = (): IAMClient => {
    const iam = options.practiceIam?.()
    if (!iam)
      throw new CairnError('NOT_CONNECTED', 'Cairn cannot reach the practice account as its root user. Connect to the practice account, then check again.')
    return iam
  }
  const practiceRoot = createPracticeRootMfa({
    practice: options.practice ?? (() => null),
    enrollments,
    deleteDevice: async (serial) => {
      const iam = options.practiceIam?.()
      if (iam) await deleteUnassignedDevice(iam, serial)
    },
    ...(options.now ? { now: options.now } : {}),
    ...(log ? { log } : {})
  })

  return {
    rootCheck: async ({ account }) => checkRootMfa(account === 'practice' ? practiceIam() : await options.iam()),
    practiceRootEnroll: () => practiceRoot.enroll(),
    practiceRootConfirm: ({ enrollmentId, code1, code2 }) =>
      enrollments.withEnrollment(enrollmentId, async (e) => {
        if (e.kind !== 'practice-root')
          throw new CairnError('NOT_FOUND', 'This set-up is for an IAM user, not the practice root user; confirm it from its own step.')
        return practiceRoot.confirm(e, code1, code2)
      }),
    enroll: (request) => users.enroll(request),
    showSecret: ({ enrollmentId }) => ({ secretGrouped: groupSecret(enrollments.get(enrollmentId).seedBase32) }),
    terminalQr: ({ enrollmentId }) => {
      const e = enrollments.get(enrollmentId)
      return qrTerminal(otpauthUri(e.label, e.seedBase32))
    },
    confirm: ({ enrollmentId, code1, code2 }) =>
      enrollments.withEnrollment(enrollmentId, (e) => (e.kind === 'iam-user' ? users.confirm(e, code1, code2) : practiceRoot.confirm(e, code1, code2))),
    resync: (request) => users.resync(request),
    abandon: async ({ enrollmentId }) => {
      try {
        const deleted = await enrollments.abandon(enrollmentId)
        return {
          deleted,
          message: deleted ? 'Cancelled: the unused MFA device is deleted and its secret key forgotten.' : 'Nothing to cancel: this set-up had already ended.'
        }
      } catch (error) {
        log?.warn(`Could not delete an abandoned MFA device: ${(error as Error).message}`)
        return {
          deleted: false,
          message: 'Cancelled, and the secret key is forgotten. AWS could not delete the unused device just now; Cairn deletes it next time.'
        }
      }
    },
    devices: (request) => users.devices(request),
    useDevice: (request) => users.useDevice(request),
    remove: (request) => users.remove(request),
    cleanUpAbandoned: () => users.cleanUpAbandoned(),
    close: () => enrollments.abandonAll()
  }
}
