import { randomUUID } from 'node:crypto'
import type { IAMClient } from '@aws-sdk/client-iam'
import { CairnError } from '../../shared/errors'
import type { StepOwner } from '../../shared/domain/words'

/**
 * MFA set-ups between "show the QR code" and "codes accepted". The seed lives here, in this
 * process's memory only, and nowhere else: never a file, the keychain or a log. Closing an
 * enrolment (enabled, abandoned or timed out) drops it.
 */
interface EnrollmentBase {
  id: string
  serial: string
  accountId: string
  /** The name the authenticator app shows for the entry. */
  label: string
  seedBase32: string
  /** How far AWS's clock runs ahead of this computer's, measured when the device was created. */
  awsClockOffsetMs: number
  expiresAt: number
  /** Deletes the never-enabled device from AWS; run on abandon and on expiry. */
  discard: () => Promise<void>
}

export interface UserEnrollment extends EnrollmentBase {
  kind: 'iam-user'
  role: StepOwner
  userName: string
  /** The connection the device was created with: confirming on another account must not happen. */
  iam: IAMClient
  /** The device this one replaces, removed once this one is enabled. */
  replaces?: string
}

export interface PracticeRootEnrollment extends EnrollmentBase {
  kind: 'practice-root'
}

export type Enrollment = UserEnrollment | PracticeRootEnrollment

type NewEnrollment = Omit<UserEnrollment, 'id' | 'expiresAt'> | Omit<PracticeRootEnrollment, 'id' | 'expiresAt'>

/** Long enough to install an authenticator app; short enough that a forgotten seed does not linger. */
export const ENROLLMENT_TTL_MS = 15 * 60 * 1000

export interface PendingEnrollmentsOptions {
  ttlMs?: number
  now?: () => number
  /** Told when discarding a timed-out device failed (it is then left for the next start's clean-up). */
  onDiscardFailed?: (enrollment: Enrollment, error: unknown) => void
}

export function enrollmentGone(): CairnError {
  return new CairnError(
    'NOT_FOUND',
    'This MFA set-up has ended (it was finished, cancelled, or timed out) and its secret key is gone. Start again to get a new QR code.'
  )
}

export class PendingEnrollments {
  private readonly open = new Map<string, { enrollment: Enrollment; timer: NodeJS.Timeout; busy: boolean }>()
  readonly ttlMs: number
  private readonly now: () => number

  constructor(private readonly options: PendingEnrollmentsOptions = {}) {
    this.ttlMs = options.ttlMs ?? ENROLLMENT_TTL_MS
    this.now = options.now ?? Date.now
  }

  add(fields: NewEnrollment): Enrollment {
    const enrollment = { ...fields, id: randomUUID(), expiresAt: this.now() + this.ttlMs } as Enrollment
    const timer = setTimeout(() => void this.expire(enrollment.id), this.ttlMs)
    // A pending set-up must not keep the command line (or a test) alive.
    timer.unref()
    this.open.set(enrollment.id, { enrollment, timer, busy: false })
    return enrollment
  }

  /** The open enrolment, or NOT_FOUND when it has ended (a sleeping laptop may have missed the timer). */
  get(id: string): Enrollment {
    const entry = this.open.get(id)
    if (!entry) throw enrollmentGone()
    if (this.now() >= entry.enrollment.expiresAt && !entry.busy) {
      void this.expire(id)
      throw enrollmentGone()
    }
    return entry.enrollment
  }

  find(match: (enrollment: Enrollment) => boolean): Enrollment[] {
    return [...this.open.values()].map((e) => e.enrollment).filter(match)
  }

  /** Runs `task` with the enrolment, one task at a time: two clicks on Confirm must not race. */
  async withEnrollment<T>(id: string, task: (enrollment: Enrollment) => Promise<T>): Promise<T> {
    const enrollment = this.get(id)
    const entry = this.open.get(id)!
    if (entry.busy) throw new CairnError('CONFLICT', 'Cairn is still checking the codes you sent; wait for the answer.')
    entry.busy = true
    try {
      return await task(enrollment)
    } finally {
      entry.busy = false
    }
  }

  /** Ends the enrolment and forgets its seed; the device itself is the caller's business. */
  close(id: string): Enrollment | undefined {
    const entry = this.open.get(id)
    if (!entry) return undefined
    clearTimeout(entry.timer)
    this.open.delete(id)
    // Strings cannot be wiped in JavaScript; dropping every reference is what can be done.
    entry.enrollment.seedBase32 = ''
    return entry.enrollment
  }

  /** Ends the enrolment and deletes its never-enabled device. */
  async abandon(id: string): Promise<boolean> {
    const enrollment = this.close(id)
    if (!enrollment) return false
    await enrollment.discard()
    return true
  }

  /** Abandons everything still open (the app is quitting, or a test ends). */
  async abandonAll(): Promise<void> {
    await Promise.allSettled([...this.open.keys()].map((id) => this.abandon(id)))
  }

  private async expire(id: string): Promise<void> {
    const entry = this.open.get(id)
    if (!entry) return
    if (entry.busy) {
      // Confirm is talking to AWS right now; let it finish, then look again.
      entry.timer = setTimeout(() => void this.expire(id), 5000)
      entry.timer.unref()
      return
    }
    const enrollment = this.close(id)!
    try {
      await enrollment.discard()
    } catch (error) {
      this.options.onDiscardFailed?.(enrollment, error)
    }
  }
}
