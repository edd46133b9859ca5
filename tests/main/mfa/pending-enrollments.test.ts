import { describe, expect, it, vi } from 'vitest'
import { PendingEnrollments } from '../../../src/main/mfa/pending-enrollments'

const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

function practiceRoot(discard = vi.fn(async () => undefined)) {
  return {
    kind: 'practice-root' as const,
    serial: 'arn:aws:iam::123456789012:mfa/cairn-root-20260314T091215Z-a1b2',
    accountId: '123456789012',
    label: 'root@practice 123456789012',
    seedBase32: seed,
    awsClockOffsetMs: 0,
    discard
  }
}

describe('MFA set-ups waiting for their two codes', () => {
  it('hold the seed in memory until closed, then forget it', () => {
    const pending = new PendingEnrollments()
    const enrollment = pending.add(practiceRoot())
    expect(pending.get(enrollment.id).seedBase32).toBe(seed)
    pending.close(enrollment.id)
    expect(enrollment.seedBase32).toBe('')
    expect(() => pending.get(enrollment.id)).toThrow(/has ended/)
  })

  it('end on their own after the time limit, deleting the unused device, even when the timer was missed', async () => {
    let now = 1_000_000
    const discard = vi.fn(async () => undefined)
    const pending = new PendingEnrollments({ ttlMs: 60_000, now: () => now })
    const enrollment = pending.add(practiceRoot(discard))
    expect(enrollment.expiresAt).toBe(1_060_000)
    // A laptop that slept through the timer: the next look ends it.
    now += 60_000
    expect(() => pending.get(enrollment.id)).toThrow(/timed out/)
    await vi.waitFor(() => expect(discard).toHaveBeenCalledOnce())
  })

  it('check one pair of codes at a time: a second click while AWS is asked is refused', async () => {
    const pending = new PendingEnrollments()
    const enrollment = pending.add(practiceRoot())
    let release = () => {}
    const first = pending.withEnrollment(enrollment.id, () => new Promise<void>((r) => (release = r)))
    await expect(pending.withEnrollment(enrollment.id, async () => undefined)).rejects.toMatchObject({ code: 'CONFLICT' })
    release()
    await first
    await expect(pending.withEnrollment(enrollment.id, async () => 'next')).resolves.toBe('next')
  })

  it('when abandoned, all at once as the app quits, delete every unused device', async () => {
    const discards = [vi.fn(async () => undefined), vi.fn(async () => undefined)]
    const pending = new PendingEnrollments()
    for (const discard of discards) pending.add(practiceRoot(discard))
    await pending.abandonAll()
    for (const discard of discards) expect(discard).toHaveBeenCalledOnce()
    expect(pending.find(() => true)).toEqual([])
  })
})
