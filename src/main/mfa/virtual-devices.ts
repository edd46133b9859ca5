import {
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListAccountAliasesCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { measureAwsClock } from './aws-clock'
import { isAwsError } from '../aws/aws-error'
import { cairnDeviceCreatedAt, isVirtualDeviceSerial } from './device-names'

/** The IAM calls behind MFA enrolment. Seeds pass through here and are never logged or kept. */

export interface CreatedDevice {
  serial: string
  seedBase32: string
  /** How far AWS's clock runs ahead of this computer's, from this answer. */
  awsClockOffsetMs: number
}

export interface UserDevice {
  serial: string
  enableDate: string | undefined
}

const base32 = /^[A-Z2-7]+=*$/

/** `now` is the clock the offset is measured against: the one the codes will later be checked with. */
export async function createVirtualDevice(iam: IAMClient, deviceName: string, now: () => number = Date.now): Promise<CreatedDevice> {
  let awsClockOffsetMs = 0
  const command = measureAwsClock(
    new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: deviceName }),
    (offset) => {
      awsClockOffsetMs = offset
    },
    now
  )
  const device = (await iam.send(command)).VirtualMFADevice
  const seedBytes = device?.Base32StringSeed
  const serial = device?.SerialNumber
  if (!seedBytes || !serial) throw new Error('CreateVirtualMFADevice answered without a serial number or seed.')
  const seedBase32 = Buffer.from(seedBytes).toString('ascii')
  // AWS's PNG encodes the same seed; neither copy is needed once the seed is read.
  seedBytes.fill(0)
  device.QRCodePNG?.fill(0)
  if (!base32.test(seedBase32)) {
    await deleteUnassignedDevice(iam, serial)
    throw new Error('CreateVirtualMFADevice answered with a seed that is not Base32.')
  }
  return { serial, seedBase32: seedBase32.replace(/=+$/, ''), awsClockOffsetMs }
}

export async function enableDevice(iam: IAMClient, userName: string, serial: string, code1: string, code2: string): Promise<void> {
  await iam.send(new EnableMFADeviceCommand({ UserName: userName, SerialNumber: serial, AuthenticationCode1: code1, AuthenticationCode2: code2 }))
}

export async function resyncDevice(iam: IAMClient, userName: string, serial: string, code1: string, code2: string): Promise<void> {
  await iam.send(new ResyncMFADeviceCommand({ UserName: userName, SerialNumber: serial, AuthenticationCode1: code1, AuthenticationCode2: code2 }))
}

/** Deletes a device that was never enabled; one already gone counts as deleted. */
export async function deleteUnassignedDevice(iam: IAMClient, serial: string): Promise<void> {
  try {
    await iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }))
  } catch (error) {
    if (!isAwsError(error, 'NoSuchEntity')) throw error
  }
}

/** Takes a device off the user, then deletes it when it is virtual (a hardware key stays the user's to keep). */
export async function removeDevice(iam: IAMClient, userName: string, serial: string): Promise<void> {
  try {
    await iam.send(new DeactivateMFADeviceCommand({ UserName: userName, SerialNumber: serial }))
  } catch (error) {
    if (!isAwsError(error, 'NoSuchEntity')) throw error
  }
  if (isVirtualDeviceSerial(serial)) await deleteUnassignedDevice(iam, serial)
}

export async function listUserDevices(iam: IAMClient, userName: string): Promise<UserDevice[]> {
  const devices: UserDevice[] = []
  let marker: string | undefined
  do {
    const page = await iam.send(new ListMFADevicesCommand({ UserName: userName, ...(marker ? { Marker: marker } : {}) }))
    for (const d of page.MFADevices ?? []) if (d.SerialNumber) devices.push({ serial: d.SerialNumber, enableDate: d.EnableDate?.toISOString() })
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)
  return devices
}

/** The account alias, for the authenticator label; best effort, since the label works without it. */
export async function accountAlias(iam: IAMClient): Promise<string | undefined> {
  try {
    return (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases?.[0]
  } catch {
    return undefined
  }
}

/**
 * Deletes never-enabled devices Cairn created before `createdBefore` (an attempt abandoned by a
 * crash or a closed window). Younger ones may be another Cairn window's enrolment in progress.
 */
export async function deleteAbandonedDevices(iam: IAMClient, createdBefore: Date): Promise<string[]> {
  const abandoned: string[] = []
  let marker: string | undefined
  do {
    const page = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned', ...(marker ? { Marker: marker } : {}) }))
    for (const d of page.VirtualMFADevices ?? []) {
      const createdAt = d.SerialNumber ? cairnDeviceCreatedAt(d.SerialNumber) : undefined
      if (d.SerialNumber && createdAt && createdAt < createdBefore) abandoned.push(d.SerialNumber)
    }
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)
  for (const serial of abandoned) await deleteUnassignedDevice(iam, serial)
  return abandoned
}
