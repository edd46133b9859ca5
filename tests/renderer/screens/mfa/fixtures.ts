import type { MfaConfirmation, MfaEnrollment } from '../../../../src/shared/contract'
import type { Devices, Enabled } from '../../../../src/renderer/src/screens/mfa/enrollment-flow'
import type { MfaUser } from '../../../../src/renderer/src/screens/mfa/mfa-users'

export type TryAgain = Extract<MfaConfirmation, { result: 'try-again' }>

export const dev: MfaUser = { role: 'dev', userName: 'dev', requiresMfa: true, consoleAccess: true }
export const ops: MfaUser = { role: 'ops', userName: 'ops', requiresMfa: true, consoleAccess: false }
export const billing: MfaUser = { role: 'billing', userName: 'billing', requiresMfa: false, consoleAccess: true }

export const enrollment: MfaEnrollment = {
  enrollmentId: '6f1c3c1e-8a57-4f5e-9a51-0d1c7b1e2a3b',
  qrDataUrl: 'data:image/png;base64,iVBORw0KGgo=',
  label: 'dev@123456789012',
  serial: 'arn:aws:iam::123456789012:mfa/dev',
  expiresAt: '2026-03-01T12:10:00.000Z'
}

export const devices = (userName: string, serials: string[] = []): Devices => ({
  userName,
  devices: serials.map((serial) => ({ serial, virtual: true, kind: 'virtual', createdByCairn: true, usedByCairn: true }))
})

export function enabled(over: Partial<Enabled> = {}): Enabled {
  return {
    result: 'enabled',
    serial: 'arn:aws:iam::123456789012:mfa/dev',
    check: { kind: 'consecutive', message: 'Both codes are valid and consecutive.' },
    message: 'MFA is on.',
    offerResync: false,
    ...over
  }
}

export function tryAgain(over: Partial<TryAgain> = {}): TryAgain {
  return {
    result: 'try-again',
    check: { kind: 'not-this-secret', message: 'Other entry.' },
    awsRefused: false,
    message: 'Use the entry "dev@123456789012".',
    ...over
  }
}

type Device = Devices['devices'][number]

/** A device the user turned on outside Cairn: in the console, say. */
export const outsideDevice = (serial: string, over: Partial<Device> = {}): Device => ({
  serial,
  virtual: serial.includes(':mfa/'),
  kind: serial.includes(':u2f/') ? 'security-key' : 'virtual',
  createdByCairn: false,
  usedByCairn: false,
  ...over
})
