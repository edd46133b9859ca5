import type { MfaConfirmation, MfaEnrollment } from '../../shared/channels/mfa'
import { CairnError } from '../../shared/errors'
import type { Logger } from '../log/redact'
import { entryLabel, otpauthUri, qrDataUrl } from './authenticator-entry'
import { offsetFromDateHeader } from './aws-clock'
import { checkLocally, refusedByAws, tryAgain } from './confirm-codes'
import { accountOfSerial, cairnDeviceName } from './device-names'
import type { PendingEnrollments, PracticeRootEnrollment } from './pending-enrollments'
import { callRootConsole, RootConsoleRefused, RootConsoleUnreachable, type RootConsoleAccess, type RootConsoleAnswer } from '../../practice'
import { MAX_MFA_DEVICES_PER_USER } from '../aws/iam-limits'

/**
 * The root user's MFA is a console step on AWS. The practice account plays that console page
 * under /_practice/root/mfa, so the step can be rehearsed with a real authenticator app: the
 * same QR code and two codes as for IAM users, then "Check again" through GetAccountSummary.
 * Root may hold up to 8 devices, as on AWS, so the rehearsal also adds a second (a backup
 * authenticator) to a root user that already has MFA.
 */
export type PracticeRootConsole = RootConsoleAccess

export interface PracticeRootMfaOptions {
  /** null when the practice account is not running. */
  practice: () => PracticeRootConsole | null
  enrollments: PendingEnrollments
  /** Deletes a never-enabled device (the practice console has no page for that; IAM does). */
  deleteDevice?: (serial: string) => Promise<void>
  now?: () => number
  log?: Logger
}

/** What GET /_practice/root says of MFA (devices: the enabled ones, oldest first). */
interface RootMfaView {
  enabled?: boolean
  devices?: Array<{ serialNumber?: string }>
}

/** AWS's limit of MFA devices per user, root included. */
const DEVICE_LIMIT = MAX_MFA_DEVICES_PER_USER

async function rootMfa(practice: PracticeRootConsole): Promise<{ enabled: boolean; devices: number }> {
  const { mfa } = (await callConsole(practice, 'GET', '/_practice/root')).body as { mfa?: RootMfaView }
  const devices = Array.isArray(mfa?.devices) ? mfa.devices.length : mfa?.enabled ? 1 : 0
  return { enabled: mfa?.enabled === true || devices > 0, devices }
}

/** The practice root console, with "not running" said as Cairn says it. */
async function callConsole(practice: PracticeRootConsole, method: 'GET' | 'POST', path: string, body?: unknown): Promise<RootConsoleAnswer> {
  try {
    return await callRootConsole(practice, method, path, body)
  } catch (error) {
    if (error instanceof RootConsoleUnreachable)
      throw new CairnError('ENDPOINT_UNREACHABLE', `The practice account did not answer (${error.message}). Restart Cairn to start it again.`)
    throw error
  }
}

export function createPracticeRootMfa(options: PracticeRootMfaOptions) {
  const { enrollments } = options
  const now = options.now ?? Date.now

  function practice(): PracticeRootConsole {
    const found = options.practice()
    if (!found)
      throw new CairnError('NOT_CONNECTED', 'The practice account is not running, so there is nothing to rehearse on. Restart Cairn to start it again.')
    return found
  }

  async function enroll(): Promise<MfaEnrollment> {
    const site = practice()
    const root = await rootMfa(site)
    if (root.devices >= DEVICE_LIMIT) throw tooManyDevices(root.devices)

    const sentAt = now()
    let created: RootConsoleAnswer
    try {
      created = await callConsole(site, 'POST', '/_practice/root/mfa', { deviceName: cairnDeviceName('root', new Date(sentAt)) })
    } catch (error) {
      // Another device enabled meanwhile (in the practice console) can reach the limit first.
      if (error instanceof RootConsoleRefused && error.code === 'LimitExceeded') throw tooManyDevices(DEVICE_LIMIT)
      if (error instanceof RootConsoleRefused) throw new CairnError('AWS_ERROR', `The practice account refused to create the device: ${error.message}`)
      throw error
    }
    const serial = String(created.body['serialNumber'] ?? '')
    const seedBase32 = String(created.body['base32StringSeed'] ?? '')
    const accountId = accountOfSerial(serial)
    if (!accountId || !/^[A-Z2-7]+$/.test(seedBase32)) throw new Error('The practice root console answered without a serial number or seed.')
    const label = entryLabel({ role: 'root', accountId, practice: true })
    const qr = await qrDataUrl(otpauthUri(label, seedBase32))
    const enrollment = enrollments.add({
      kind: 'practice-root',
      serial,
      accountId,
      label,
      seedBase32,
      awsClockOffsetMs: offsetFromDateHeader(created.date, sentAt, now()),
      discard: async () => options.deleteDevice?.(serial)
    })
    options.log?.info(`Practice root MFA rehearsal: created ${serial}; waiting for two codes.`)
    return { enrollmentId: enrollment.id, qrDataUrl: qr, label, serial, expiresAt: new Date(enrollment.expiresAt).toISOString() }
  }

  async function confirm(e: PracticeRootEnrollment, code1: string, code2: string): Promise<MfaConfirmation> {
    const verdict = checkLocally(e, code1, code2, now())
    if (!verdict.sendToAws) return tryAgain(verdict)
    try {
      await callConsole(practice(), 'POST', '/_practice/root/mfa/enable', { serialNumber: e.serial, code1, code2 })
    } catch (error) {
      if (!(error instanceof RootConsoleRefused)) throw error
      if (error.code === 'InvalidAuthenticationCode') return refusedByAws(verdict)
      throw new CairnError(error.code === 'EntityAlreadyExists' ? 'CONFLICT' : 'AWS_ERROR', `The practice account refused: ${error.message}`)
    }
    enrollments.close(e.id)
    options.log?.info(`Practice root MFA rehearsal: enabled ${e.serial}.`)
    const { devices } = await rootMfa(practice()).catch(() => ({ devices: 1 }))
    const what =
      devices > 1
        ? `The practice account's root user now has ${devices} MFA devices; a code from any of them signs in, so keep the backup somewhere apart from the first.`
        : "MFA is on for the practice account's root user."
    return {
      result: 'enabled',
      serial: e.serial,
      check: verdict.view,
      message: `${verdict.view.message} ${what} Choose Check again to see AWS report it, as you will on your real account.`,
      offerResync: false
    }
  }

  return { enroll, confirm }
}

function tooManyDevices(devices: number): CairnError {
  return new CairnError(
    'CONFLICT',
    `The practice root user already has ${devices} MFA devices, as many as AWS allows. Remove one in the practice console before adding another.`
  )
}

export type PracticeRootMfa = ReturnType<typeof createPracticeRootMfa>
