import { describe, expect, it } from 'vitest'
import { acceptCode, acceptConsecutiveCodes, resyncDevice } from '../../../src/practice/mfa/device-codes'
import { generateBase32Seed, stepAt, totpAt } from '../../../src/practice/mfa/totp'
import type { VirtualMfaDevice } from '../../../src/practice/state'

const STEP = 30_000
const MINUTE = 60_000
const now = new Date(Date.UTC(2026, 2, 1, 12, 0, 10))

function device(fields: Partial<VirtualMfaDevice> = {}): VirtualMfaDevice {
  return {
    serialNumber: 'arn:aws:iam::123456789012:mfa/phone',
    base32Seed: generateBase32Seed(),
    createDate: now.toISOString(),
    enabledFor: 'alice',
    enableDate: now.toISOString(),
    lastUsedStep: stepAt(now.getTime()) - 100,
    driftSteps: 0,
    ...fields
  }
}

/** What a phone whose clock is `offsetMs` off shows at the service's `at`. */
const phoneCode = (d: VirtualMfaDevice, at: Date, offsetMs: number) => totpAt(d.base32Seed, at.getTime() + offsetMs)
const phonePair = (d: VirtualMfaDevice, at: Date, offsetMs: number) =>
  [totpAt(d.base32Seed, at.getTime() + offsetMs - STEP), totpAt(d.base32Seed, at.getTime() + offsetMs)] as const

describe('acceptCode (GetSessionToken)', () => {
  it('accepts the current code and one step either side, and never the same step twice', () => {
    const d = device()
    expect(acceptCode(d, phoneCode(d, now, -STEP), now)).toBe(true)
    expect(acceptCode(d, phoneCode(d, now, -STEP), now)).toBe(false)
    expect(acceptCode(d, phoneCode(d, now, STEP), now)).toBe(true)
    expect(d.lastUsedStep).toBe(stepAt(now.getTime()) + 1)
    expect(acceptCode(d, phoneCode(d, now, 0), now)).toBe(false)
  })

  it('refuses a phone five minutes off until a drift is known, then accepts it there', () => {
    const d = device()
    expect(acceptCode(d, phoneCode(d, now, 5 * MINUTE), now)).toBe(false)
    d.driftSteps = 10
    expect(acceptCode(d, phoneCode(d, now, 5 * MINUTE), now)).toBe(true)
    expect(d.driftSteps).toBe(10)
  })

  it('still accepts a phone whose clock was put right after a resync, and forgets the drift', () => {
    const d = device({ driftSteps: -10 })
    expect(acceptCode(d, phoneCode(d, now, 0), now)).toBe(true)
    expect(d.driftSteps).toBe(0)
  })
})

describe('acceptConsecutiveCodes (EnableMFADevice, the root console)', () => {
  it('checks around the drift a device already has, as when it is enabled again after a deactivation', () => {
    const d = device({ enabledFor: null, driftSteps: 10 })
    expect(acceptConsecutiveCodes(d, ...phonePair(d, now, 5 * MINUTE), now)).toBe(true)
    expect(d.lastUsedStep).toBe(stepAt(now.getTime()) + 10)
  })

  it('refuses a pair at or before the last step accepted', () => {
    const d = device({ lastUsedStep: stepAt(now.getTime()) })
    expect(acceptConsecutiveCodes(d, ...phonePair(d, now, 0), now)).toBe(false)
  })
})

describe('resyncDevice (ResyncMFADevice)', () => {
  it.each([
    ['ahead', 5 * MINUTE, 10],
    ['behind', -5 * MINUTE, -10]
  ])('measures a phone five minutes %s and remembers it, so its codes sign in afterwards', (_, offsetMs, steps) => {
    const d = device()
    expect(resyncDevice(d, ...phonePair(d, now, offsetMs), now)).toBe(true)
    expect(d.driftSteps).toBe(steps)
    expect(d.lastUsedStep).toBe(stepAt(now.getTime()) + steps)
    const later = new Date(now.getTime() + STEP)
    expect(acceptCode(d, phoneCode(d, later, offsetMs), later)).toBe(true)
  })

  it('refuses a clock more than ten minutes off, wrong codes, and a replayed pair', () => {
    const d = device()
    expect(resyncDevice(d, ...phonePair(d, now, 11 * MINUTE), now)).toBe(false)
    expect(resyncDevice(d, '111111', '222222', now)).toBe(false)
    expect(d.driftSteps).toBe(0)
    const pair = phonePair(d, now, 3 * MINUTE)
    expect(resyncDevice(d, ...pair, now)).toBe(true)
    expect(resyncDevice(d, ...pair, now)).toBe(false)
  })

  it('follows a phone that keeps drifting, searching around the drift it already knows', () => {
    const d = device({ driftSteps: 20 })
    expect(resyncDevice(d, ...phonePair(d, now, 15 * MINUTE), now)).toBe(true)
    expect(d.driftSteps).toBe(30)
  })
})
