import { GetAccountSummaryCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PendingEnrollments } from '../../../src/main/mfa/pending-enrollments'
import { createPracticeRootMfa, type PracticeRootMfa } from '../../../src/main/mfa/practice-root-mfa'
import { totpAt, type PracticeServer } from '../../../src/practice'
import { iamClient, startServer, testClock, type Credentials } from '../../practice/practice-clients'

/**
 * The root MFA rehearsal against the practice account's root console: root may hold up to 8
 * devices, as on AWS, so a second (backup) authenticator can be rehearsed too.
 */
let server: PracticeServer & { root: Credentials }
let clock: ReturnType<typeof testClock>
let enrollments: PendingEnrollments
let rehearsal: PracticeRootMfa

beforeAll(async () => {
  clock = testClock()
  server = await startServer({ clock: clock.now })
  enrollments = new PendingEnrollments({ now: () => clock.now().getTime() })
  rehearsal = createPracticeRootMfa({
    practice: () => ({ endpoint: server.endpoint, rootConsole: server.rootConsole as { email: string; password: string } }),
    enrollments,
    now: () => clock.now().getTime()
  })
})
afterAll(() => server.close())

interface RootView {
  mfa: {
    enabled: boolean
    serialNumber: string | null
    devices: Array<{ serialNumber: string; enableDate: string | null }>
    unassigned: Array<{ serialNumber: string }>
  }
}

async function rootView(): Promise<RootView> {
  const { email, password } = server.rootConsole as { email: string; password: string }
  const response = await fetch(`${server.endpoint}/_practice/root`, {
    headers: { authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}` }
  })
  return (await response.json()) as RootView
}

/** Enrolls and confirms one device the way a user does: scan, then two consecutive codes. */
async function addDevice() {
  const enrollment = await rehearsal.enroll()
  const pending = enrollments.get(enrollment.enrollmentId)
  if (pending.kind !== 'practice-root') throw new Error('expected a practice-root enrolment')
  // The middle of a fresh 30-second step, so the two codes never straddle a boundary.
  clock.advance(30_000 + 15_000 - (clock.now().getTime() % 30_000))
  const now = clock.now().getTime()
  const outcome = await rehearsal.confirm(pending, totpAt(pending.seedBase32, now - 30_000), totpAt(pending.seedBase32, now))
  return { enrollment, outcome }
}

describe('the practice root MFA rehearsal', () => {
  it('enables the first device', async () => {
    const { enrollment, outcome } = await addDevice()
    expect(outcome).toMatchObject({ result: 'enabled', serial: enrollment.serial })
    expect(outcome.message).toContain("MFA is on for the practice account's root user.")
    const view = await rootView()
    expect(view.mfa.devices.map((device) => device.serialNumber)).toEqual([enrollment.serial])
  })

  it('adds a second device to a root user that has MFA, the first staying enabled', async () => {
    const [first] = (await rootView()).mfa.devices
    const { enrollment, outcome } = await addDevice()
    expect(enrollment.serial).not.toBe(first!.serialNumber)
    expect(outcome).toMatchObject({ result: 'enabled', serial: enrollment.serial })
    expect(outcome.message).toContain("The practice account's root user now has 2 MFA devices")
    expect(outcome.message).toContain('Choose Check again')

    const view = await rootView()
    expect(view.mfa.enabled).toBe(true)
    expect(view.mfa.serialNumber).toBe(first!.serialNumber)
    expect(view.mfa.devices.map((device) => device.serialNumber)).toEqual([first!.serialNumber, enrollment.serial])
    expect(view.mfa.devices.every((device) => device.enableDate !== null)).toBe(true)
    const summary = await iamClient(server, server.root).send(new GetAccountSummaryCommand({}))
    expect(summary.SummaryMap?.['AccountMFAEnabled']).toBe(1)
  })

  it('does not count a rehearsal given up half-way', async () => {
    const before = (await rootView()).mfa.devices.length
    const abandoned = await rehearsal.enroll()
    expect((await rootView()).mfa.unassigned.map((device) => device.serialNumber)).toContain(abandoned.serial)
    expect((await rootView()).mfa.devices).toHaveLength(before)
    enrollments.close(abandoned.enrollmentId)
  })

  it('stops at 8 devices, as AWS does, and says what to do', async () => {
    while ((await rootView()).mfa.devices.length < 8) {
      expect((await addDevice()).outcome.result).toBe('enabled')
    }
    const refusal = await rehearsal.enroll().then(
      () => null,
      (error: unknown) => error as { code?: string; message?: string }
    )
    expect(refusal).toMatchObject({ code: 'CONFLICT' })
    expect(refusal?.message).toBe(
      'The practice root user already has 8 MFA devices, as many as AWS allows. Remove one in the practice console before adding another.'
    )
    expect((await rootView()).mfa.devices).toHaveLength(8)
  })
})
