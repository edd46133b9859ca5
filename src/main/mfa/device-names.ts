import { randomBytes } from 'node:crypto'
import { isVirtualDeviceSerial } from './serial-kinds'

export { isVirtualDeviceSerial } from './serial-kinds'

/**
 * Virtual MFA devices Cairn creates are named cairn-OWNER-YYYYMMDDTHHMMSSZ-XXXX: readable in
 * the IAM console, unique per attempt (AWS refuses a second device of the same name, and two
 * attempts can fall in one second), and recognisable after a crash, so a never-enabled one can
 * be found and deleted on the next start.
 */
const stampPattern = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z')
}

export function cairnDeviceName(owner: string, at: Date, suffix = randomBytes(2).toString('hex')): string {
  return `cairn-${owner}-${stamp(at)}-${suffix}`
}

/** The account id in a serial number arn:aws:iam::ACCOUNT:mfa/NAME. */
export function accountOfSerial(serial: string): string | undefined {
  return /^arn:aws[\w-]*:iam::(\d{12}):/.exec(serial)?.[1]
}

/** When Cairn created the device named in `serial`; undefined for devices Cairn did not name. */
export function cairnDeviceCreatedAt(serial: string): Date | undefined {
  if (!isVirtualDeviceSerial(serial)) return undefined
  const name = serial.slice(serial.lastIndexOf('/') + 1)
  const match = /^cairn-.+-(\d{8}T\d{6}Z)(?:-[0-9a-f]{4})?$/.exec(name)
  const parts = match ? stampPattern.exec(match[1]!) : null
  if (!parts) return undefined
  const [, y, mo, d, h, mi, s] = parts.map(Number) as [number, number, number, number, number, number, number]
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s))
}
