import { describe, expect, it } from 'vitest'
import { deviceKind, looksLikeSessionSerial } from '../../../src/main/mfa/serial-kinds'

describe('what a serial number says about its MFA device', () => {
  it('tells virtual devices, hardware tokens and passkeys or security keys apart, as ListMFADevices names them', () => {
    expect(deviceKind('arn:aws:iam::123456789012:mfa/dev-phone')).toBe('virtual')
    expect(deviceKind('arn:aws:iam::123456789012:u2f/user/dev/fidosecuritykey-7XNL7NFNLZ123456789EXAMPLE')).toBe('security-key')
    expect(deviceKind('GAHT12345678')).toBe('hardware-totp')
  })

  it('takes for sessions only what GetSessionToken takes: a virtual device or a hardware token', () => {
    expect(looksLikeSessionSerial('arn:aws:iam::123456789012:mfa/dev-phone')).toBe(true)
    expect(looksLikeSessionSerial('arn:aws:iam::123456789012:mfa/path/dev-phone')).toBe(true)
    expect(looksLikeSessionSerial('GAHT12345678')).toBe(true)
    expect(looksLikeSessionSerial('arn:aws:iam::123456789012:u2f/user/dev/fidosecuritykey-7XNL')).toBe(false)
    expect(looksLikeSessionSerial('arn:aws:iam::123456789012:mfa/')).toBe(false)
    expect(looksLikeSessionSerial('my phone')).toBe(false)
  })
})
