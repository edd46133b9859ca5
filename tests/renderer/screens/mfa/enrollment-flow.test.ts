import { describe, expect, it } from 'vitest'
import { CallError } from '../../../../src/renderer/src/call'
import {
  enrollmentFlow,
  mfaProgress,
  names,
  noEnrollment,
  userCard,
  userNameOf,
  type EnrollmentFlow,
  type EnrollmentFlowAction
} from '../../../../src/renderer/src/screens/mfa/enrollment-flow'
import { billing, dev, devices, enabled, enrollment, ops, outsideDevice } from './fixtures'

const after = (...actions: EnrollmentFlowAction[]): EnrollmentFlow => actions.reduce(enrollmentFlow, noEnrollment)
const refused = new CallError({ code: 'NO_IAM_PERMISSION', message: 'Cairn may not list MFA devices.' })
const read = (user: typeof dev, serials: string[] = []): EnrollmentFlowAction => ({
  type: 'devices-read',
  role: user.role,
  devices: devices(user.userName ?? user.role, serials)
})
/** dev and ops known, neither with a device. */
const known: EnrollmentFlowAction[] = [read(dev), read(ops)]

describe('MFA enrollment flow', () => {
  it('says a user is being checked until their devices are read, then whether MFA is on', () => {
    expect(userCard(noEnrollment, dev).badge).toEqual({ status: 'waiting', label: 'Checking' })
    expect(userCard(after({ type: 'devices-checking', role: 'dev' }), dev).badge).toEqual({ status: 'waiting', label: 'Checking' })
    expect(userCard(after(read(dev, ['arn:aws:iam::123456789012:mfa/dev'])), dev).badge).toEqual({ status: 'done', label: 'MFA on' })
    expect(userCard(after(read(dev)), dev).badge).toEqual({ status: 'fail', label: 'No MFA yet' })
    expect(userCard(after(read(billing)), billing).badge).toEqual({ status: 'warn', label: 'No MFA yet' })
    expect(userCard(after({ type: 'devices-failed', role: 'dev', error: refused }), dev).badge).toEqual({ status: 'unknown', label: 'Not known' })
  })

  it('says why each user needs MFA', () => {
    expect(userCard(noEnrollment, dev).why).toBe('API calls need MFA: Cairn gets sessions for this user only with a device.')
    expect(userCard(noEnrollment, billing).why).toBe('Signs in to the console: MFA keeps a stolen password from being enough.')
    expect(userCard(noEnrollment, { ...ops, requiresMfa: false }).why).toBe('Recommended for every user.')
  })

  it('names the user as AWS does, else as planned, else by role', () => {
    expect(userNameOf(after({ type: 'devices-read', role: 'dev', devices: devices('Dev.Team') }), dev)).toBe('Dev.Team')
    expect(userNameOf(noEnrollment, dev)).toBe('dev')
    expect(userNameOf(noEnrollment, { role: 'ops', userName: null, requiresMfa: null, consoleAccess: null })).toBe('ops')
  })

  it('offers a set-up to a user without a device and a resync to one with a device, once their devices are known', () => {
    expect(userCard(after(read(dev)), dev).next).toEqual({ kind: 'offer-set-up' })
    expect(userCard(after(read(dev, ['arn:aws:iam::123456789012:mfa/dev'])), dev).next).toEqual({ kind: 'offer-resync' })
    expect(userCard(noEnrollment, dev).next).toBeNull()
    expect(userCard(after({ type: 'devices-failed', role: 'dev', error: refused }), dev).next).toBeNull()
  })

  it('runs one set-up at a time: while one starts or is open, the other users wait', () => {
    const starting = after(...known, { type: 'enroll-starting', role: 'dev' })
    expect(userCard(starting, dev)).toMatchObject({ starting: true, canStart: false })
    expect(userCard(starting, ops)).toMatchObject({ starting: false, canStart: false, waitsForOpenSetUp: false })

    const open = enrollmentFlow(starting, { type: 'enroll-opened', role: 'dev', enrollment })
    expect(userCard(open, dev)).toMatchObject({ starting: false, next: { kind: 'enroll-panel', enrollment } })
    expect(userCard(open, ops)).toMatchObject({ canStart: false, waitsForOpenSetUp: true, next: { kind: 'offer-set-up' } })
  })

  it('a set-up that could not start says so on that user’s card only, and the next try clears it', () => {
    const failed = after(...known, { type: 'enroll-starting', role: 'dev' }, { type: 'enroll-failed', role: 'dev', error: refused })
    expect(userCard(failed, dev)).toMatchObject({ startError: refused, starting: false, canStart: true })
    expect(userCard(failed, ops).startError).toBeNull()
    expect(userCard(enrollmentFlow(failed, { type: 'enroll-starting', role: 'dev' }), dev).startError).toBeNull()
  })

  it('cancelling takes the QR code off the screen at once, then says what happened to the unused device', () => {
    const cancelling = after(...known, { type: 'enroll-opened', role: 'ops', enrollment }, { type: 'cancelling' })
    expect(cancelling).toMatchObject({ open: null, cancelling: true })
    expect(userCard(cancelling, ops).next).toEqual({ kind: 'offer-set-up' })
    const cancelled = enrollmentFlow(cancelling, { type: 'cancelled', role: 'ops', message: 'The unused device is deleted.' })
    expect(cancelled.cancelling).toBe(false)
    expect(userCard(cancelled, ops).cancelledMessage).toBe('The unused device is deleted.')
    expect(userCard(cancelled, dev).cancelledMessage).toBeNull()
    // Starting again forgets it.
    expect(userCard(enrollmentFlow(cancelled, { type: 'enroll-starting', role: 'ops' }), ops).cancelledMessage).toBeNull()
  })

  it('starting again closes the open set-up first', () => {
    const open = after({ type: 'enroll-opened', role: 'dev', enrollment })
    expect(enrollmentFlow(open, { type: 'enroll-closed' }).open).toBeNull()
  })

  it('a device turned on closes the set-up, shows its result on the card, and takes focus there', () => {
    const result = enabled()
    const state = after(...known, { type: 'enroll-opened', role: 'dev', enrollment }, { type: 'enabled', role: 'dev', result })
    expect(state.open).toBeNull()
    expect(userCard(state, dev)).toMatchObject({ enabled: result, focusesResult: true })
    expect(userCard(state, ops)).toMatchObject({ enabled: null, focusesResult: false, canStart: true })
  })

  it('opens the resync form for one user and closes it again; an open set-up comes first', () => {
    const withDevice = after(read(dev, ['arn:aws:iam::123456789012:mfa/dev']), { type: 'resync-opened', role: 'dev' })
    expect(userCard(withDevice, dev).next).toEqual({ kind: 'resync-form' })
    expect(userCard(enrollmentFlow(withDevice, { type: 'resync-closed' }), dev).next).toEqual({ kind: 'offer-resync' })
    expect(userCard(enrollmentFlow(withDevice, { type: 'enroll-opened', role: 'dev', enrollment }), dev).next).toEqual({ kind: 'enroll-panel', enrollment })
  })
})

describe('MFA devices Cairn did not create', () => {
  const phone = 'arn:aws:iam::123456789012:mfa/dev-phone'
  const passkey = 'arn:aws:iam::123456789012:u2f/user/dev/fidosecuritykey-7XNL7NFNLZ123456789EXAMPLE'
  const withDevices = (...list: ReturnType<typeof outsideDevice>[]): EnrollmentFlowAction => ({
    type: 'devices-read',
    role: 'dev',
    devices: { userName: 'dev', devices: list }
  })

  it('offers "Use this device" for a virtual device enabled in the console, and no more once Cairn uses it', () => {
    const card = userCard(after(withDevices(outsideDevice(phone))), dev)
    expect(card.badge).toEqual({ status: 'done', label: 'MFA on' })
    expect(card.devicesShown).toEqual([{ device: outsideDevice(phone), offersUse: true, consoleOnly: false }])

    const using = after(withDevices(outsideDevice(phone)), { type: 'device-using', role: 'dev', serial: phone })
    expect(userCard(using, dev)).toMatchObject({ usingSerial: phone, canUse: false, useOutcome: null })
    expect(userCard(using, ops)).toMatchObject({ usingSerial: null, canUse: false })

    const used = enrollmentFlow(using, { type: 'device-used', role: 'dev', serial: phone, message: 'Cairn now starts dev’s sessions with it.' })
    expect(userCard(used, dev)).toMatchObject({
      usingSerial: null,
      canUse: true,
      useOutcome: { kind: 'done', message: 'Cairn now starts dev’s sessions with it.' }
    })
    expect(userCard(used, dev).devicesShown).toEqual([{ device: outsideDevice(phone, { usedByCairn: true }), offersUse: false, consoleOnly: false }])
  })

  it('shows why a device could not be used on that user’s card only, and clears it on the next try', () => {
    const failed = after(
      withDevices(outsideDevice(phone)),
      { type: 'device-using', role: 'dev', serial: phone },
      { type: 'device-use-failed', role: 'dev', error: refused }
    )
    expect(userCard(failed, dev).useOutcome).toEqual({ kind: 'failed', error: refused })
    expect(userCard(failed, ops).useOutcome).toBeNull()
    expect(userCard(enrollmentFlow(failed, { type: 'device-using', role: 'dev', serial: phone }), dev).useOutcome).toBeNull()
  })

  it('shows a passkey as console-only and offers an authenticator app as a second device; the step waits for one', () => {
    const state = after(withDevices(outsideDevice(passkey)), read(ops, ['arn:aws:iam::123456789012:mfa/ops']))
    const card = userCard(state, dev)
    expect(card.badge).toEqual({ status: 'fail', label: 'Console only' })
    expect(card.devicesShown).toEqual([{ device: outsideDevice(passkey), offersUse: false, consoleOnly: true }])
    expect(card.next).toEqual({ kind: 'offer-second-device' })
    expect(mfaProgress(state, [dev, ops])).toMatchObject({ missing: 1, missingNames: 'dev', canContinue: false })

    const both = after(withDevices(outsideDevice(passkey), outsideDevice(phone)))
    expect(userCard(both, dev)).toMatchObject({ badge: { status: 'done', label: 'MFA on' }, next: { kind: 'offer-resync' } })
  })
})

describe('leaving the MFA step', () => {
  it('joins names as a sentence does', () => {
    expect(names([])).toBe('')
    expect(names(['dev'])).toBe('dev')
    expect(names(['dev', 'ops'])).toBe('dev and ops')
    expect(names(['billing', 'dev', 'ops'])).toBe('billing, dev and ops')
  })

  it('waits while the devices of users who need MFA are checked', () => {
    const progress = mfaProgress(after({ type: 'devices-checking', role: 'dev' }, read(ops)), [dev, ops])
    expect(progress).toMatchObject({ canContinue: false, offersLater: false, blockedReason: 'Checking the users’ devices…' })
    // Users not asked about yet count as being checked.
    expect(mfaProgress(noEnrollment, [dev]).canContinue).toBe(false)
  })

  it('names who still needs a device, and lets the user go on only by choosing “later”', () => {
    const state = after(...known)
    expect(mfaProgress(state, [dev, ops])).toMatchObject({
      missing: 2,
      missingNames: 'dev and ops',
      offersLater: true,
      canContinue: false,
      blockedReason: 'dev and ops still need an MFA device.'
    })
    const one = enrollmentFlow(state, read(dev, ['arn:aws:iam::123456789012:mfa/dev']))
    expect(mfaProgress(one, [dev, ops])).toMatchObject({ missing: 1, missingNames: 'ops', blockedReason: 'ops still needs an MFA device.' })
    expect(mfaProgress(enrollmentFlow(one, { type: 'later', later: true }), [dev, ops]).canContinue).toBe(true)
  })

  it('does not hold the step for users whose API calls do not need MFA, or whose needs are unknown', () => {
    const unknown = { role: 'ops' as const, userName: null, requiresMfa: null, consoleAccess: null }
    expect(mfaProgress(noEnrollment, [billing, unknown])).toMatchObject({ missing: 0, canContinue: true, offersLater: false })
  })

  it('lets the user go on once every user who needs MFA has a device', () => {
    const state = after(read(dev, ['arn:aws:iam::123456789012:mfa/dev']), read(ops, ['arn:aws:iam::123456789012:mfa/ops']))
    expect(mfaProgress(state, [dev, ops])).toMatchObject({ missing: 0, canContinue: true, offersLater: false })
  })
})
