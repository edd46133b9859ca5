import { awsErrors } from './errors'
import { deleteUnassignedDevice, enableVirtualMfaDevice, invalidCode, mfaSerial } from './iam/mfa-devices'
import { resyncDevice } from './mfa/device-codes'
import { generateBase32Seed, otpauthUri, qrPng } from './mfa/totp'
import { validateVirtualMfaDeviceName } from './rules/names'
import { quotaExceeded, quotas } from './rules/quotas'
import { ROOT, type PracticeState, type VirtualMfaDevice } from './state'

/**
 * The root user's MFA devices, as the console manages them (no AWS API can): the "Assign MFA
 * device" wizard, Resync and Remove. Root may hold up to 8 devices, like any IAM user, and any of
 * them signs in. root-console.ts serves these over HTTP.
 */

/** The name the console suggests, so an abandoned first try is the usual collision. */
export const DEFAULT_ROOT_DEVICE_NAME = 'root-account-mfa-device'

export interface CreatedRootDevice {
  serialNumber: string
  base32StringSeed: string
  otpauthUri: string
  /** Base64 PNG of otpauthUri. */
  qrCodePng: string
  /** An unassigned device this console had made under the same name was discarded for this one. */
  replaced: boolean
}

/** A device the wizard created that was never enabled: someone closed the page, or gave up. */
function isAbandonedWizard(device: VirtualMfaDevice): boolean {
  return device.origin === 'root-console' && device.enabledFor === null
}

function findBySerial(state: PracticeState, serialNumber: string): VirtualMfaDevice | undefined {
  const wanted = serialNumber.toLowerCase()
  return Object.values(state.virtualMfaDevices).find((d) => d.serialNumber.toLowerCase() === wanted)
}

/**
 * The wizard's first step: a new device with a fresh seed and QR code. Starting over under a name
 * this console used for a device that was never enabled replaces that device, as the real wizard
 * lets you start again; the old seed is discarded, so a half-scanned QR code never works. Any other
 * device of that name (enabled, or made through IAM, perhaps for a user's enrolment in progress)
 * is not the console's to discard: EntityAlreadyExists, as CreateVirtualMFADevice answers.
 */
export async function createRootDevice(state: PracticeState, deviceName: string | undefined, now: Date): Promise<CreatedRootDevice> {
  const name = validateVirtualMfaDeviceName(deviceName ?? DEFAULT_ROOT_DEVICE_NAME)
  const serialNumber = mfaSerial(state, '/', name)
  const existing = findBySerial(state, serialNumber)
  if (existing && !isAbandonedWizard(existing)) throw awsErrors.entityAlreadyExists('MFADevice entity at the same path and name already exists.')
  if (state.root.mfaSerials.length >= quotas.MFADevicesPerUser) throw quotaExceeded('MFADevicesPerUser')
  if (existing) delete state.virtualMfaDevices[existing.serialNumber]

  const seed = generateBase32Seed()
  const uri = otpauthUri(`${name}@${state.console.accountAlias ?? state.accountId}`, seed, null)
  const png = await qrPng(uri)
  state.virtualMfaDevices[serialNumber] = {
    serialNumber,
    base32Seed: seed,
    createDate: now.toISOString(),
    enabledFor: null,
    enableDate: null,
    lastUsedStep: 0,
    driftSteps: 0,
    origin: 'root-console'
  }
  return { serialNumber, base32StringSeed: seed, otpauthUri: uri, qrCodePng: png.toString('base64'), replaced: existing !== undefined }
}

/** The wizard's last step: two consecutive codes. Quota: 8 devices, spelled as IAM spells it. */
export function enableRootDevice(state: PracticeState, serialNumber: string, codes: { code1: string; code2: string }, now: Date): void {
  enableVirtualMfaDevice(state, serialNumber, ROOT, codes, now)
}

function rootDevice(state: PracticeState, serialNumber: string): VirtualMfaDevice {
  const device = state.virtualMfaDevices[serialNumber]
  if (!device || device.enabledFor !== ROOT) {
    throw awsErrors.noSuchEntity(`MFA Device with serial number ${serialNumber} is not assigned to the root user.`)
  }
  return device
}

/** Resync, for root's devices (ResyncMFADevice needs a UserName): the drift found is kept. */
export function resyncRootDevice(state: PracticeState, serialNumber: string, codes: { code1: string; code2: string }, now: Date): void {
  if (!resyncDevice(rootDevice(state, serialNumber), codes.code1, codes.code2, now)) throw invalidCode()
}

/** Remove: the console deactivates the device and deletes it in one step. Other devices stay. */
export function removeRootDevice(state: PracticeState, serialNumber: string): void {
  rootDevice(state, serialNumber)
  delete state.virtualMfaDevices[serialNumber]
  state.root.mfaSerials = state.root.mfaSerials.filter((s) => s !== serialNumber)
}

/**
 * Deletes a device that was never enabled, by DeleteVirtualMFADevice's rule (DeleteConflict while
 * in use). Any unassigned device, not only the wizard's: root may delete those through IAM too,
 * and devices abandoned before this console marked its own carry no mark. The console offers it
 * because root may have no access keys left to call IAM with.
 */
export function deleteUnassignedRootDevice(state: PracticeState, serialNumber: string): void {
  deleteUnassignedDevice(state, serialNumber)
}

/** What GET /_practice/root shows of MFA. */
export function rootMfaView(state: PracticeState) {
  const devices = state.root.mfaSerials.map((serialNumber) => ({
    serialNumber,
    enableDate: state.virtualMfaDevices[serialNumber]?.enableDate ?? null
  }))
  return {
    enabled: devices.length > 0,
    /** The first enabled device: readers written when root held one device keep working. */
    serialNumber: devices[0]?.serialNumber ?? null,
    devices,
    /** Wizard devices never enabled, which POST /_practice/root/mfa/delete discards. */
    unassigned: Object.values(state.virtualMfaDevices)
      .filter(isAbandonedWizard)
      .map((d) => ({ serialNumber: d.serialNumber, createDate: d.createDate }))
  }
}
