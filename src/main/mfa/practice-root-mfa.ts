import type { MfaConfirmation, MfaEnrollment } from '../../shared/channels/mfa'
import { CairnError } from '../../shared/errors'
import type { Logger } from '../log/redact'
import { entryLabel, otpauthUri, qrDataUrl } from './authenticator-entry'
import { offsetFromDateHeader } from './aws-clock'
import { checkLocally, refusedByAws, tryAgain } from './confirm-codes'
import { accountOfSerial, cairnDeviceName } from './device-names'
import type { PendingEnrollments, PracticeRootEnrollment } from './pending-enrollments'

/**
 * The root user's MFA is a console step on AWS. The practice account plays that console page
 * under /_practice/root/mfa, so the step can be rehearsed with a real authenticator app: the
 * same QR code and two codes as for IAM users, then "Check again" through GetAccountSummary.
 */
export interface PracticeRootConsole {
  endpoint: string
  /** Root's console sign-in, sent as HTTP Basic. */
  rootConsole: { email: string; password: string }
}

export interface PracticeRootMfaOptions {
  /** null when the practice account is not running. */
  practice: () => PracticeRootConsole | null
  enrollments: PendingEnrollments
  /** Deletes a never-enabled device (the practice console has no page for that; IAM does). */
  deleteDevice?: (serial: string) => Promise<void>
  now?: () => number
  log?: Logger
}

interface ConsoleAnswer {
  status: number
  body: Record<string, unknown>
  date: string | undefined
}

class PracticeConsoleError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
  }
}

async function callConsole(practice: PracticeRootConsole, method: 'GET' | 'POST', path: string, body?: unknown): Promise<ConsoleAnswer> {
  const { email, password } = practice.rootConsole
  let response: Response
  try {
    response = await fetch(`${practice.endpoint}${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
  } catch (error) {
    throw new CairnError('ENDPOINT_UNREACHABLE', `The practice account did not answer (${(error as Error).message}). Restart Cairn to start it again.`)
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok) {
    const failure = (answer['error'] ?? {}) as { code?: string; message?: string }
    throw new PracticeConsoleError(failure.code ?? String(response.status), failure.message ?? `HTTP ${response.status}`)
  }
  return { status: response.status, body: answer, date: response.headers.get('date') ?? undefined }
}

export function createPracticeRootMfa(options: PracticeRootMfaOptions) {
  const { enrollments } = options
  const now = options.now ?? Date.now

  function practice(): PracticeRootConsole {
    const found = options.practice()
    if (!found) throw new CairnError('NOT_CONNECTED', 'The practice account is not running, so there is nothing to rehearse on. Restart Cairn to start it again.')
    return found
  }

  async function enroll(): Promise<MfaEnrollment> {
    const site = practice()
    const root = (await callConsole(site, 'GET', '/_practice/root')).body as { mfa?: { enabled?: boolean } }
    if (root.mfa?.enabled) throw new CairnError('CONFLICT', 'The practice root user already has MFA. Choose Check again to see AWS report it.')

    const sentAt = now()
    let created: ConsoleAnswer
    try {
      created = await callConsole(site, 'POST', '/_practice/root/mfa', { deviceName: cairnDeviceName('root', new Date(sentAt)) })
    } catch (error) {
      if (error instanceof PracticeConsoleError) throw new CairnError('AWS_ERROR', `The practice account refused to create the device: ${error.message}`)
      throw error
    }
    const serial = String(created.body['serialNumber'] ?? '')
    const seedBase32 = String(created.body['base32StringSeed'] ?? '')
    const accountId = accountOfSerial(serial)
    if (!accountId || !/^[A-Z2-7]+$/.test(seedBase32)) throw new Error('The practice root console answered without a serial number or seed.')
    const label = entryLabel({ role: 'root', accountId, accountAlias: 'practice' })
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
      if (!(error instanceof PracticeConsoleError)) throw error
      if (error.code === 'InvalidAuthenticationCode') return refusedByAws(verdict)
      throw new CairnError(error.code === 'EntityAlreadyExists' ? 'CONFLICT' : 'AWS_ERROR', `The practice account refused: ${error.message}`)
    }
    enrollments.close(e.id)
    options.log?.info(`Practice root MFA rehearsal: enabled ${e.serial}.`)
    return {
      result: 'enabled',
      serial: e.serial,
      check: verdict.view,
      message: `${verdict.view.message} MFA is on for the practice account's root user. Choose Check again to see AWS report it, as you will on your real account.`,
      offerResync: false
    }
  }

  return { enroll, confirm }
}

export type PracticeRootMfa = ReturnType<typeof createPracticeRootMfa>
