import type { ActionContext, ActionSpec, XmlValue } from '../action'
import { awsErrors } from '../errors'
import { acceptConsecutiveCodes, resyncDevice } from '../mfa/device-codes'
import { generateBase32Seed, otpauthUri, qrPng } from '../mfa/totp'
import {
  validateAuthenticationCode,
  validatePath,
  validateSerialNumber,
  validateUserName,
  validateVirtualMfaDeviceName,
  validationCollector
} from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'
import { ROOT, type IamUser, type PracticeState, type VirtualMfaDevice } from '../state'
import { findUser, iamArn, principalFor, requireUser } from './lookups'
import { paginate } from './pagination'
import { enumParam } from './params'
import { userResource } from './users'
import { optionalDate, rootUserView, userView } from './views'

export function mfaSerial(state: PracticeState, path: string, deviceName: string): string {
  return iamArn(state, `mfa${path}${deviceName}`)
}

function deviceNotFound(serialNumber: string): Error {
  return awsErrors.noSuchEntity(`VirtualMFADevice with serial number ${serialNumber} doesn't exist.`)
}

export function invalidCode(): Error {
  return awsErrors.invalidAuthenticationCode('Authentication code for device is not valid.')
}

/**
 * Assigns a virtual device to a user (or to root: '<root>'), after the two-code check.
 * The practice console's root-MFA page uses this too.
 */
export function enableVirtualMfaDevice(
  state: PracticeState,
  serialNumber: string,
  owner: string,
  codes: { code1: string; code2: string },
  now: Date
): VirtualMfaDevice {
  const device = state.virtualMfaDevices[serialNumber]
  if (!device) throw deviceNotFound(serialNumber)
  if (device.enabledFor !== null) throw awsErrors.entityAlreadyExists('MFA Device is already in use.')
  const user = owner === ROOT ? undefined : findUser(state, owner)
  if (owner !== ROOT && !user) throw awsErrors.noSuchEntity(`The user with name ${owner} cannot be found.`)
  // Root holds its devices in the same kind of list as a user, under the same quota of 8.
  const serials = user ? user.mfaSerials : state.root.mfaSerials
  if (serials.length >= quotas.MFADevicesPerUser) throw quotaExceeded('MFADevicesPerUser')
  if (!acceptConsecutiveCodes(device, codes.code1, codes.code2, now)) throw invalidCode()
  device.enabledFor = user ? user.userName : ROOT
  device.enableDate = now.toISOString()
  serials.push(serialNumber)
  return device
}

/** DeleteVirtualMFADevice's rule, which the root console's delete follows too: never while in use. */
export function deleteUnassignedDevice(state: PracticeState, serialNumber: string): void {
  const device = state.virtualMfaDevices[serialNumber]
  if (!device) throw deviceNotFound(serialNumber)
  if (device.enabledFor !== null) throw awsErrors.deleteConflict('MFA device is still in use.')
  delete state.virtualMfaDevices[serialNumber]
}

/** The user (or root) a device is assigned to, as ListVirtualMFADevices shows it. */
function assigneeView(state: PracticeState, device: VirtualMfaDevice): XmlValue {
  if (device.enabledFor === null) return undefined
  if (device.enabledFor === ROOT) return rootUserView(state)
  const user = findUser(state, device.enabledFor)
  return user ? userView(user, { tags: false }) : undefined
}

const CreateVirtualMFADevice: ActionSpec = {
  mutates: true,
  resource: (ctx) => mfaSerial(ctx.state, ctx.params.Path ?? '/', ctx.params.VirtualMFADeviceName ?? ''),
  async handler(ctx) {
    const errors = validationCollector()
    const name = validateVirtualMfaDeviceName(ctx.params.VirtualMFADeviceName, 'virtualMFADeviceName', errors)
    const path = ctx.params.Path === undefined ? '/' : validatePath(ctx.params.Path, 'path', errors)
    errors.throwIfAny()
    const serialNumber = mfaSerial(ctx.state, path, name)
    const taken = Object.keys(ctx.state.virtualMfaDevices).some((s) => s.toLowerCase() === serialNumber.toLowerCase())
    if (taken) throw awsErrors.entityAlreadyExists('MFADevice entity at the same path and name already exists.')
    const seed = generateBase32Seed()
    // AWS labels the account by its alias when it has one, else by its id; no issuer.
    const account = ctx.state.console.accountAlias ?? ctx.state.accountId
    const png = await qrPng(otpauthUri(`${name}@${account}`, seed, null))
    ctx.state.virtualMfaDevices[serialNumber] = {
      serialNumber,
      base32Seed: seed,
      createDate: ctx.now.toISOString(),
      enabledFor: null,
      enableDate: null,
      lastUsedStep: 0,
      driftSteps: 0
    }
    ctx.markDirty()
    // Blobs travel base64-encoded; the SDKs decode them back to the seed's ASCII and the PNG bytes.
    return {
      VirtualMFADevice: {
        SerialNumber: serialNumber,
        Base32StringSeed: Buffer.from(seed, 'ascii').toString('base64'),
        QRCodePNG: png.toString('base64')
      }
    }
  }
}

function mfaParams(ctx: ActionContext, withCodes: boolean): { user: IamUser; serialNumber: string } {
  const errors = validationCollector()
  validateUserName(ctx.params.UserName, { max: 128 }, 'userName', errors)
  const serialNumber = validateSerialNumber(ctx.params.SerialNumber, 'serialNumber', errors)
  if (withCodes) {
    validateAuthenticationCode(ctx.params.AuthenticationCode1, 'authenticationCode1', errors)
    validateAuthenticationCode(ctx.params.AuthenticationCode2, 'authenticationCode2', errors)
  }
  errors.throwIfAny()
  return { user: requireUser(ctx, ctx.params.UserName as string), serialNumber }
}

function codesOf(ctx: ActionContext): { code1: string; code2: string } {
  return { code1: ctx.params.AuthenticationCode1 as string, code2: ctx.params.AuthenticationCode2 as string }
}

function assignedDevice(ctx: ActionContext, user: IamUser, serialNumber: string): VirtualMfaDevice {
  const device = ctx.state.virtualMfaDevices[serialNumber]
  if (!device || !user.mfaSerials.includes(serialNumber)) {
    throw awsErrors.noSuchEntity(`MFA Device with serial number ${serialNumber} does not exist.`)
  }
  return device
}

const EnableMFADevice: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const { user, serialNumber } = mfaParams(ctx, true)
    enableVirtualMfaDevice(ctx.state, serialNumber, user.userName, codesOf(ctx), ctx.now)
    ctx.markDirty()
    return undefined
  }
}

const ResyncMFADevice: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const { user, serialNumber } = mfaParams(ctx, true)
    const device = assignedDevice(ctx, user, serialNumber)
    const { code1, code2 } = codesOf(ctx)
    // The drift it measures is kept, so the device signs in again afterwards (mfa/device-codes.ts).
    if (!resyncDevice(device, code1, code2, ctx.now)) throw invalidCode()
    ctx.markDirty()
    return undefined
  }
}

const DeactivateMFADevice: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const { user, serialNumber } = mfaParams(ctx, false)
    const device = assignedDevice(ctx, user, serialNumber)
    device.enabledFor = null
    device.enableDate = null
    user.mfaSerials = user.mfaSerials.filter((s) => s !== serialNumber)
    ctx.markDirty()
    return undefined
  }
}

const ListMFADevices: ActionSpec = {
  mutates: false,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    if (ctx.params.UserName !== undefined) validateUserName(ctx.params.UserName, { max: 128 })
    const owner = principalFor(ctx, ctx.params.UserName, 'read')
    const serials = owner.kind === 'root' ? ctx.state.root.mfaSerials : owner.user.mfaSerials
    const devices = serials.map((serial) => ctx.state.virtualMfaDevices[serial]).filter((d): d is VirtualMfaDevice => d !== undefined && d.enableDate !== null)
    const page = paginate(ctx, devices, (d) => d.serialNumber)
    return {
      MFADevices: page.items.map((d) => ({
        UserName: owner.kind === 'user' ? owner.user.userName : undefined,
        SerialNumber: d.serialNumber,
        EnableDate: optionalDate(d.enableDate)
      })),
      ...page.tail
    }
  }
}

const ListVirtualMFADevices: ActionSpec = {
  mutates: false,
  resource: (ctx) => iamArn(ctx.state, 'mfa/'),
  handler(ctx) {
    const status = enumParam(ctx, 'AssignmentStatus', ['Assigned', 'Unassigned', 'Any'] as const) ?? 'Any'
    const devices = Object.values(ctx.state.virtualMfaDevices).filter((d) =>
      status === 'Any' ? true : status === 'Assigned' ? d.enabledFor !== null : d.enabledFor === null
    )
    const page = paginate(ctx, devices, (d) => d.serialNumber)
    return {
      VirtualMFADevices: page.items.map((d) => ({
        SerialNumber: d.serialNumber,
        User: assigneeView(ctx.state, d),
        EnableDate: optionalDate(d.enableDate)
      })),
      ...page.tail
    }
  }
}

const DeleteVirtualMFADevice: ActionSpec = {
  mutates: true,
  resource: (ctx) => ctx.params.SerialNumber ?? iamArn(ctx.state, 'mfa/'),
  handler(ctx) {
    deleteUnassignedDevice(ctx.state, validateSerialNumber(ctx.params.SerialNumber))
    ctx.markDirty()
    return undefined
  }
}

export const mfaDeviceActions = {
  CreateVirtualMFADevice,
  EnableMFADevice,
  ResyncMFADevice,
  DeactivateMFADevice,
  ListMFADevices,
  ListVirtualMFADevices,
  DeleteVirtualMFADevice
} as const
