/**
 * What an MFA serial number says about its device, without node:crypto or the SDK: the
 * session code (and with it credential-process) reads these too.
 */
import { consoleOnlyMfaNote } from '../../shared/domain/words'

/** Whether the serial is a virtual device (hardware keys and passkeys have other kinds of serial). */
export function isVirtualDeviceSerial(serial: string): boolean {
  return /^arn:aws[\w-]*:iam::\d{12}:mfa\//.test(serial)
}

/**
 * What kind of device a serial number names. Virtual devices are arn:aws:iam::ACCOUNT:mfa/NAME;
 * passkeys and security keys (FIDO) are arn:aws:iam::ACCOUNT:u2f/...; a hardware TOTP token's
 * serial is the one printed on it. AWS takes FIDO devices only at console sign-in, never in
 * GetSessionToken, so only the other two can back the sessions Cairn starts.
 */
export type DeviceKind = 'virtual' | 'security-key' | 'hardware-totp'

export function deviceKind(serial: string): DeviceKind {
  if (isVirtualDeviceSerial(serial)) return 'virtual'
  if (/^arn:aws[\w-]*:iam::\d{12}:(u2f|fido)\//.test(serial)) return 'security-key'
  return 'hardware-totp'
}

/** Whether `serial` looks like a device GetSessionToken takes: a virtual device's ARN, or a hardware token's serial. */
export function looksLikeSessionSerial(serial: string): boolean {
  return isVirtualDeviceSerial(serial) ? /^arn:aws[\w-]*:iam::\d{12}:mfa\/[\w+=,.@/-]{1,512}$/.test(serial) : /^[A-Z0-9]{9,256}$/i.test(serial)
}

/** AWS's rule, said once for everyone who shows a passkey or a security key. */
export const CONSOLE_ONLY_NOTE = consoleOnlyMfaNote
