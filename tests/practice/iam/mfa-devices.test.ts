import { describe, expect, it } from 'vitest'
import { qrPng, totpAt } from '../../../src/practice/mfa/totp'
import { ACCOUNT_ID, START, expectAwsError, practiceAccount, type PracticeAccount } from './practice-harness'

const STEP = 30_000

/** Two consecutive codes as an authenticator app shows them: the previous step's and the current one's. */
function consecutiveCodes(seed: string, now: Date): { AuthenticationCode1: string; AuthenticationCode2: string } {
  return { AuthenticationCode1: totpAt(seed, now.getTime() - STEP), AuthenticationCode2: totpAt(seed, now.getTime()) }
}

async function withDevice(account: PracticeAccount = practiceAccount(), name = 'alice') {
  await account.call('CreateUser', { UserName: name })
  const { VirtualMFADevice } = await account.call('CreateVirtualMFADevice', { VirtualMFADeviceName: name })
  const seed = Buffer.from(VirtualMFADevice.Base32StringSeed, 'base64').toString('ascii')
  return { account, serial: VirtualMFADevice.SerialNumber as string, seed, device: VirtualMFADevice }
}

describe('CreateVirtualMFADevice', () => {
  it('returns the serial ARN, a Base32 seed and a PNG QR code, base64-encoded as blobs travel', async () => {
    const { serial, seed, device } = await withDevice()
    expect(serial).toBe(`arn:aws:iam::${ACCOUNT_ID}:mfa/alice`)
    expect(seed).toMatch(/^[A-Z2-7]{64}$/)
    const png = Buffer.from(device.QRCodePNG, 'base64')
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.length).toBeGreaterThan(100)
  })

  it('stores the device unassigned', async () => {
    const { account, serial } = await withDevice()
    expect(account.state.virtualMfaDevices[serial]).toMatchObject({ enabledFor: null, enableDate: null, lastUsedStep: 0, driftSteps: 0 })
    const { VirtualMFADevices } = await account.call('ListVirtualMFADevices', { AssignmentStatus: 'Unassigned' })
    expect(VirtualMFADevices).toEqual([{ SerialNumber: serial, User: undefined, EnableDate: undefined }])
  })

  it('puts the path in the serial number', async () => {
    const account = practiceAccount()
    const { VirtualMFADevice } = await account.call('CreateVirtualMFADevice', { VirtualMFADeviceName: 'ops', Path: '/team/' })
    expect(VirtualMFADevice.SerialNumber).toBe(`arn:aws:iam::${ACCOUNT_ID}:mfa/team/ops`)
  })

  it('refuses a second device with the same path and name', async () => {
    const { account } = await withDevice()
    expectAwsError(
      await account.fail('CreateVirtualMFADevice', { VirtualMFADeviceName: 'alice' }),
      'EntityAlreadyExists',
      409,
      'MFADevice entity at the same path and name already exists.'
    )
  })

  it('refuses an invalid device name', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('CreateVirtualMFADevice', { VirtualMFADeviceName: 'my phone' }), 'ValidationError', 400, /at 'virtualMFADeviceName'/)
  })

  it('encodes otpauth://totp/NAME@ACCOUNT?secret=SEED in the QR image', async () => {
    // qrcode renders the same text to the same bytes, so the image must be this URI's.
    const { seed, device } = await withDevice()
    const expected = await qrPng(`otpauth://totp/alice@${ACCOUNT_ID}?secret=${seed}`)
    expect(Buffer.from(device.QRCodePNG, 'base64').equals(expected)).toBe(true)
  })

  it('labels the QR code with the account alias when there is one', async () => {
    const account = practiceAccount()
    await account.call('CreateAccountAlias', { AccountAlias: 'cairn-practice' })
    const { seed, device } = await withDevice(account)
    const expected = await qrPng(`otpauth://totp/alice@cairn-practice?secret=${seed}`)
    expect(Buffer.from(device.QRCodePNG, 'base64').equals(expected)).toBe(true)
  })
})

describe('EnableMFADevice', () => {
  it('assigns the device when given two consecutive codes', async () => {
    const { account, serial, seed } = await withDevice()
    await account.call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, account.now) })
    const stored = account.state.virtualMfaDevices[serial]!
    expect(stored).toMatchObject({ enabledFor: 'alice', enableDate: START.toISOString() })
    expect(stored.lastUsedStep).toBe(Math.floor(START.getTime() / STEP))
    expect(account.state.users['alice']!.mfaSerials).toEqual([serial])
    const { MFADevices } = await account.call('ListMFADevices', { UserName: 'alice' })
    expect(MFADevices).toEqual([{ UserName: 'alice', SerialNumber: serial, EnableDate: START }])
    const assigned = await account.call('ListVirtualMFADevices', { AssignmentStatus: 'Assigned' })
    expect(assigned.VirtualMFADevices[0]).toMatchObject({ SerialNumber: serial, User: { UserName: 'alice' }, EnableDate: START })
  })

  it('accepts codes from a phone clock one step behind', async () => {
    const { account, serial, seed } = await withDevice()
    const behind = new Date(account.now.getTime() - STEP)
    await account.call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, behind) })
  })

  it.each([
    ['a wrong code', (seed: string, now: Date) => ({ AuthenticationCode1: '000000', AuthenticationCode2: totpAt(seed, now.getTime()) })],
    [
      'the same code twice',
      (seed: string, now: Date) => ({ AuthenticationCode1: totpAt(seed, now.getTime()), AuthenticationCode2: totpAt(seed, now.getTime()) })
    ],
    [
      'codes in the wrong order',
      (seed: string, now: Date) => ({ AuthenticationCode1: totpAt(seed, now.getTime()), AuthenticationCode2: totpAt(seed, now.getTime() - STEP) })
    ],
    ['codes from ten minutes ago', (seed: string, now: Date) => consecutiveCodes(seed, new Date(now.getTime() - 600_000))]
  ])('refuses %s with InvalidAuthenticationCode', async (_, codes) => {
    const { account, serial, seed } = await withDevice()
    expectAwsError(
      await account.fail('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...codes(seed, account.now) }),
      'InvalidAuthenticationCode',
      403,
      'Authentication code for device is not valid.'
    )
    expect(account.state.virtualMfaDevices[serial]!.enabledFor).toBeNull()
  })

  it('refuses codes that are not six digits', async () => {
    const { account, serial } = await withDevice()
    expectAwsError(
      await account.fail('EnableMFADevice', {
        UserName: 'alice',
        SerialNumber: serial,
        AuthenticationCode1: '12345',
        AuthenticationCode2: 'abcdef'
      }),
      'ValidationError',
      400,
      /^2 validation errors detected: .*'authenticationCode1'.*'authenticationCode2'/
    )
  })

  it('refuses a device already in use, and never accepts the same codes twice', async () => {
    const { account, serial, seed } = await withDevice()
    const codes = consecutiveCodes(seed, account.now)
    await account.call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...codes })
    await account.call('CreateUser', { UserName: 'bob' })
    expectAwsError(
      await account.fail('EnableMFADevice', { UserName: 'bob', SerialNumber: serial, ...codes }),
      'EntityAlreadyExists',
      409,
      'MFA Device is already in use.'
    )
    await account.call('DeactivateMFADevice', { UserName: 'alice', SerialNumber: serial })
    expectAwsError(await account.fail('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...codes }), 'InvalidAuthenticationCode', 403)
    account.advance(STEP)
    await account.call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, account.now) })
  })

  it('names a missing user or device', async () => {
    const { account, serial, seed } = await withDevice()
    const codes = consecutiveCodes(seed, account.now)
    expectAwsError(
      await account.fail('EnableMFADevice', { UserName: 'ghost', SerialNumber: serial, ...codes }),
      'NoSuchEntity',
      404,
      'The user with name ghost cannot be found.'
    )
    const missing = `arn:aws:iam::${ACCOUNT_ID}:mfa/nope`
    expectAwsError(
      await account.fail('EnableMFADevice', { UserName: 'alice', SerialNumber: missing, ...codes }),
      'NoSuchEntity',
      404,
      `VirtualMFADevice with serial number ${missing} doesn't exist.`
    )
  })

  it('stops at 8 MFA devices per user', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice' })
    for (let i = 0; i <= 8; i++) {
      const { VirtualMFADevice } = await account.call('CreateVirtualMFADevice', { VirtualMFADeviceName: `alice-${i}` })
      const seed = Buffer.from(VirtualMFADevice.Base32StringSeed, 'base64').toString('ascii')
      const params = { UserName: 'alice', SerialNumber: VirtualMFADevice.SerialNumber, ...consecutiveCodes(seed, account.now) }
      if (i < 8) await account.call('EnableMFADevice', params)
      else expectAwsError(await account.fail('EnableMFADevice', params), 'LimitExceeded', 409, 'Cannot exceed quota for MFADevicesPerUser: 8')
    }
  })
})

describe('ResyncMFADevice', () => {
  it('accepts codes from a clock that drifted minutes away, and refuses wrong ones', async () => {
    const { account, serial, seed } = await withDevice()
    await account.call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, account.now) })
    account.advance(STEP)
    const drifted = new Date(account.now.getTime() + 5 * 60_000)
    await account.call('ResyncMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, drifted) })
    expectAwsError(
      await account.fail('ResyncMFADevice', {
        UserName: 'alice',
        SerialNumber: serial,
        AuthenticationCode1: '111111',
        AuthenticationCode2: '222222'
      }),
      'InvalidAuthenticationCode',
      403,
      'Authentication code for device is not valid.'
    )
  })

  it('remembers the drift it measured, in steps, for a phone ahead or behind', async () => {
    const { account, serial, seed } = await withDevice()
    await account.call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, account.now) })
    account.advance(60 * 60_000)
    const ahead = new Date(account.now.getTime() + 5 * 60_000)
    await account.call('ResyncMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, ahead) })
    expect(account.state.virtualMfaDevices[serial]!.driftSteps).toBe(10)
    account.advance(60 * 60_000)
    const behind = new Date(account.now.getTime() - 4 * 60_000)
    await account.call('ResyncMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, behind) })
    expect(account.state.virtualMfaDevices[serial]!.driftSteps).toBe(-8)
  })

  it('answers NoSuchEntity for a device the user does not have', async () => {
    const { account, serial, seed } = await withDevice()
    expectAwsError(
      await account.fail('ResyncMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, account.now) }),
      'NoSuchEntity',
      404
    )
  })
})

describe('DeactivateMFADevice / DeleteVirtualMFADevice', () => {
  it('refuses to delete an enabled device, deletes it once deactivated', async () => {
    const { account, serial, seed } = await withDevice()
    await account.call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, account.now) })
    expectAwsError(await account.fail('DeleteVirtualMFADevice', { SerialNumber: serial }), 'DeleteConflict', 409, 'MFA device is still in use.')
    await account.call('DeactivateMFADevice', { UserName: 'alice', SerialNumber: serial })
    expect(account.state.users['alice']!.mfaSerials).toEqual([])
    expect((await account.call('ListMFADevices', { UserName: 'alice' })).MFADevices).toEqual([])
    await account.call('DeleteVirtualMFADevice', { SerialNumber: serial })
    expect(account.state.virtualMfaDevices).toEqual({})
    expectAwsError(
      await account.fail('DeleteVirtualMFADevice', { SerialNumber: serial }),
      'NoSuchEntity',
      404,
      `VirtualMFADevice with serial number ${serial} doesn't exist.`
    )
  })

  it('answers NoSuchEntity when deactivating a device the user does not have', async () => {
    const { account, serial } = await withDevice()
    expectAwsError(
      await account.fail('DeactivateMFADevice', { UserName: 'alice', SerialNumber: serial }),
      'NoSuchEntity',
      404,
      `MFA Device with serial number ${serial} does not exist.`
    )
  })

  it('lets DeleteUser through once the MFA device is deactivated', async () => {
    const { account, serial, seed } = await withDevice()
    await account.call('EnableMFADevice', { UserName: 'alice', SerialNumber: serial, ...consecutiveCodes(seed, account.now) })
    expectAwsError(await account.fail('DeleteUser', { UserName: 'alice' }), 'DeleteConflict', 409, 'Cannot delete entity, must delete MFA device first.')
    await account.call('DeactivateMFADevice', { UserName: 'alice', SerialNumber: serial })
    await account.call('DeleteUser', { UserName: 'alice' })
  })
})

describe('ListMFADevices for root', () => {
  it("lists root's device, without a UserName, when root asks without one", async () => {
    const account = practiceAccount()
    expect((await account.call('ListMFADevices')).MFADevices).toEqual([])
    const serial = `arn:aws:iam::${ACCOUNT_ID}:mfa/root-account-mfa-device`
    account.state.virtualMfaDevices[serial] = {
      serialNumber: serial,
      base32Seed: 'A'.repeat(64),
      createDate: START.toISOString(),
      enabledFor: '<root>',
      enableDate: START.toISOString(),
      lastUsedStep: 1,
      driftSteps: 0
    }
    account.state.root.mfaSerials = [serial]
    expect((await account.call('ListMFADevices')).MFADevices).toEqual([{ UserName: undefined, SerialNumber: serial, EnableDate: START }])
    const { VirtualMFADevices } = await account.call('ListVirtualMFADevices')
    expect(VirtualMFADevices[0].User).toMatchObject({ UserId: ACCOUNT_ID, Arn: `arn:aws:iam::${ACCOUNT_ID}:root` })
  })
})
