import { describe, expect, it } from 'vitest'
import { accountOfSerial, cairnDeviceCreatedAt, cairnDeviceName, isVirtualDeviceSerial } from '../../../src/main/mfa/device-names'

const at = new Date('2026-03-14T09:12:15.678Z')

describe("names of Cairn's virtual MFA devices", () => {
  it('say who the device is for and when Cairn created it, unique even within one second', () => {
    expect(cairnDeviceName('dev', at, 'a1b2')).toBe('cairn-dev-20260314T091215Z-a1b2')
    expect(cairnDeviceName('dev', at)).toMatch(/^cairn-dev-20260314T091215Z-[0-9a-f]{4}$/)
    expect(cairnDeviceName('dev', at)).not.toBe(cairnDeviceName('dev', at))
  })

  it('can be told apart from other devices after a restart, with their age', () => {
    expect(cairnDeviceCreatedAt(`arn:aws:iam::123456789012:mfa/${cairnDeviceName('ops.team-1', at)}`)).toEqual(new Date('2026-03-14T09:12:15Z'))
    expect(cairnDeviceCreatedAt('arn:aws:iam::123456789012:mfa/cairn-root-20250102T030405Z')).toEqual(new Date('2025-01-02T03:04:05Z'))
    expect(cairnDeviceCreatedAt('arn:aws:iam::123456789012:mfa/dev-phone')).toBeUndefined()
    expect(cairnDeviceCreatedAt('arn:aws:iam::123456789012:mfa/cairn-dev')).toBeUndefined()
    expect(cairnDeviceCreatedAt('arn:aws:iam::123456789012:u2f/user/dev/cairn-dev-20260314T091215Z')).toBeUndefined()
  })

  it('carry the account id and whether the device is virtual', () => {
    expect(accountOfSerial('arn:aws:iam::123456789012:mfa/dev')).toBe('123456789012')
    expect(accountOfSerial('GAHT12345678')).toBeUndefined()
    expect(isVirtualDeviceSerial('arn:aws:iam::123456789012:mfa/dev')).toBe(true)
    expect(isVirtualDeviceSerial('GAHT12345678')).toBe(false)
  })
})
