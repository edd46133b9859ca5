import type { IAMClient } from '@aws-sdk/client-iam'
import type { MfaConfirmation, MfaEnrollment } from '../../shared/channels/mfa'
import { CairnError } from '../../shared/errors'
import type { Logger } from '../log/redact'
import { defaultRoles } from '../setup/roles'
import type { MfaIdentity } from '../setup/applied-roles'
import type { StepOwner } from '../../shared/domain/words'
import type { SecretStore, VaultKey } from '../vault/secret-store'
import { entryLabel, otpauthUri, qrDataUrl } from './authenticator-entry'
import { isAwsError } from '../aws/aws-error'
import { awsFailure } from '../aws/classify-aws-error'
import { checkLocally, refusedByAws, shouldOfferResync, tryAgain } from './confirm-codes'
import { MAX_MFA_DEVICES_PER_USER } from '../aws/iam-limits'
import { accountOfSerial, cairnDeviceCreatedAt, cairnDeviceName, isVirtualDeviceSerial } from './device-names'
import { CONSOLE_ONLY_NOTE, deviceKind, type DeviceKind } from './serial-kinds'
import type { PendingEnrollments, UserEnrollment } from './pending-enrollments'
import { putRequireMfaOnGroup } from './require-mfa-on-group'
import {
  accountAlias,
  createVirtualDevice,
  deleteAbandonedDevices,
  deleteUnassignedDevice,
  enableDevice,
  listUserDevices,
  removeDevice,
  resyncDevice,
  type UserDevice
} from './virtual-devices'

/** A virtual MFA device for each IAM user Cairn set up: enrol, confirm, resync, remove. */

export interface RoleUser {
  /** A role's user, or the roles layout's sign-in user. */
  role: StepOwner
  /** Default: the role's own user. */
  userName?: string
}

export interface UserMfaOptions {
  /** The connected account's IAM client. */
  iam: () => IAMClient | Promise<IAMClient>
  vault: () => Promise<SecretStore>
  /** The roles as planned (group names, whether API calls need MFA); default: Cairn's defaults. */
  roles?: () => MfaIdentity[] | Promise<MfaIdentity[]>
  enrollments: PendingEnrollments
  /** The running practice account (null when it is not running): its users' entries say "practice". */
  practice?: () => { endpoint: string; accountId?: string } | null
  now?: () => number
  log?: Logger
}

export interface UserDeviceView {
  serial: string
  enableDate?: string
  virtual: boolean
  /** Virtual, a hardware TOTP token, or a passkey / security key (console sign-in only). */
  kind: DeviceKind
  /** Cairn's own set-up made it (its name says so). */
  createdByCairn: boolean
  usedByCairn: boolean
}

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }

function userMissing(userName: string): CairnError {
  return new CairnError('NOT_FOUND', `The IAM user ${userName} does not exist in this account. Apply the plan first, which creates it.`)
}

/** The device a request means: the one named, else the one Cairn uses, else the only one. */
function pickDevice(userName: string, devices: UserDevice[], named: string | undefined, inVault: string | undefined): string {
  if (named !== undefined) {
    if (!devices.some((d) => d.serial === named)) throw new CairnError('NOT_FOUND', `${userName} has no MFA device ${named}.`)
    return named
  }
  if (inVault !== undefined && devices.some((d) => d.serial === inVault)) return inVault
  if (devices.length === 1) return devices[0]!.serial
  if (devices.length === 0) throw new CairnError('NOT_FOUND', `${userName} has no MFA device.`)
  throw new CairnError('CONFLICT', `${userName} has ${devices.length} MFA devices (${devices.map((d) => d.serial).join(', ')}); say which one.`)
}

const describeList = (devices: readonly UserDevice[]): string => (devices.length === 0 ? 'none' : devices.map((d) => d.serial).join(', '))

export function createUserMfa(options: UserMfaOptions) {
  const { enrollments } = options
  const now = options.now ?? Date.now
  const log = options.log ?? quiet
  const cleanedUp = new WeakSet<IAMClient>()

  async function specFor(role: StepOwner): Promise<MfaIdentity> {
    const spec = (await (options.roles ?? (() => defaultRoles({ includeAdmin: true })))()).find((s) => s.role === role)
    if (!spec)
      throw new CairnError(
        'NOT_FOUND',
        role === 'sign-in'
          ? 'There is no sign-in user yet: choose the roles layout on the Plan screen and apply it first.'
          : `The ${role} role is not in your plan; add it on the Plan screen first.`
      )
    return spec
  }

  async function devicesOf(iam: IAMClient, userName: string): Promise<UserDevice[]> {
    try {
      return await listUserDevices(iam, userName)
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntity')) throw userMissing(userName)
      throw awsFailure(error, `list ${userName}'s MFA devices`)
    }
  }

  /** The serial the keychain holds for the role; a locked keychain reads as none. */
  async function vaultSerial(key: VaultKey): Promise<string | undefined> {
    try {
      return (await (await options.vault()).get(key))?.mfaSerial
    } catch (error) {
      log.warn(`Could not read the keychain entry of ${key.role}: ${(error as Error).message}`)
      return undefined
    }
  }

  async function saveVaultSerial(key: VaultKey, serial: string | undefined): Promise<string | null> {
    try {
      const vault = await options.vault()
      await vault.update(key, (current) => {
        const { mfaSerial: _old, ...rest } = current ?? {}
        return serial === undefined ? rest : { ...rest, mfaSerial: serial }
      })
      return null
    } catch (error) {
      return (error as Error).message
    }
  }

  /** Never-enabled devices left by a crash or a closed window; younger ones may be another window's set-up. */
  async function cleanUpAbandoned(client?: IAMClient): Promise<string[]> {
    const iam = client ?? (await options.iam())
    cleanedUp.add(iam)
    const deleted = await deleteAbandonedDevices(iam, new Date(now() - enrollments.ttlMs))
    for (const serial of deleted) log.info(`Deleted abandoned virtual MFA device ${serial}.`)
    return deleted
  }

  async function enroll(request: RoleUser & { replaces?: string }): Promise<MfaEnrollment> {
    const spec = await specFor(request.role)
    const userName = request.userName ?? spec.userName
    const iam = await options.iam()
    if (!cleanedUp.has(iam))
      void cleanUpAbandoned(iam).catch((error: unknown) => log.warn(`Cleaning up abandoned MFA devices failed: ${(error as Error).message}`))

    const existing = await devicesOf(iam, userName)
    if (request.replaces !== undefined && !existing.some((d) => d.serial === request.replaces)) {
      throw new CairnError('NOT_FOUND', `${userName} has no MFA device ${request.replaces} to replace.`)
    }
    if (existing.length >= MAX_MFA_DEVICES_PER_USER) {
      throw new CairnError('CONFLICT', `${userName} already has ${existing.length} MFA devices, AWS's limit. Remove one first.`)
    }

    let created
    try {
      created = await createVirtualDevice(iam, cairnDeviceName(userName, new Date(now())), now)
    } catch (error) {
      throw awsFailure(error, `create a virtual MFA device for ${userName}`)
    }
    const { serial, seedBase32, awsClockOffsetMs } = created
    try {
      const accountId = accountOfSerial(serial)
      if (!accountId) throw new Error(`CreateVirtualMFADevice answered with an unexpected serial number ${serial}.`)
      // One set-up per user at a time: a newer QR code makes the older one pointless.
      for (const older of enrollments.find((e) => e.kind === 'iam-user' && e.accountId === accountId && e.userName.toLowerCase() === userName.toLowerCase())) {
        await enrollments
          .abandon(older.id)
          .catch((error: unknown) => log.warn(`Could not delete the earlier MFA device ${older.serial}: ${(error as Error).message}`))
      }
      const alias = await accountAlias(iam)
      const practice = options.practice?.()?.accountId === accountId
      const label = entryLabel({ role: request.role, userName, accountId, practice, ...(alias ? { accountAlias: alias } : {}) })
      const qr = await qrDataUrl(otpauthUri(label, seedBase32))
      const enrollment = enrollments.add({
        kind: 'iam-user',
        role: request.role,
        userName,
        iam,
        serial,
        accountId,
        label,
        seedBase32,
        awsClockOffsetMs,
        discard: () => deleteUnassignedDevice(iam, serial),
        ...(request.replaces !== undefined ? { replaces: request.replaces } : {})
      })
      log.info(`Created virtual MFA device ${serial} for ${userName}; waiting for two codes.`)
      return { enrollmentId: enrollment.id, qrDataUrl: qr, label, serial, expiresAt: new Date(enrollment.expiresAt).toISOString() }
    } catch (error) {
      await deleteUnassignedDevice(iam, serial).catch(() => undefined)
      throw error
    }
  }

  /** EnableMFADevice failed; true when it had in fact succeeded (an earlier answer was lost). */
  async function enabledAnyway(e: UserEnrollment, error: unknown): Promise<boolean> {
    if (!isAwsError(error, 'EntityAlreadyExists')) return false
    const devices = await listUserDevices(e.iam, e.userName).catch(() => [])
    return devices.some((d) => d.serial === e.serial)
  }

  async function confirm(e: UserEnrollment, code1: string, code2: string): Promise<MfaConfirmation> {
    const verdict = checkLocally(e, code1, code2, now())
    if (!verdict.sendToAws) return tryAgain(verdict)
    try {
      await enableDevice(e.iam, e.userName, e.serial, code1, code2)
    } catch (error) {
      if (isAwsError(error, 'InvalidAuthenticationCode')) return refusedByAws(verdict)
      if (!(await enabledAnyway(e, error))) {
        if (isAwsError(error, 'LimitExceeded')) {
          throw new CairnError(
            'CONFLICT',
            `${e.userName} already has ${MAX_MFA_DEVICES_PER_USER} MFA devices, AWS's limit. Remove one, then enter two new codes.`
          )
        }
        if (isAwsError(error, 'NoSuchEntity')) {
          await enrollments.abandon(e.id).catch(() => undefined)
          throw userMissing(e.userName)
        }
        throw awsFailure(error, `turn on MFA for ${e.userName} (EnableMFADevice)`)
      }
    }
    enrollments.close(e.id)
    log.info(`Enabled MFA device ${e.serial} for ${e.userName}.`)

    const notes: string[] = []
    const vaultError = await saveVaultSerial({ accountId: e.accountId, role: e.role }, e.serial)
    if (vaultError) notes.push(`Cairn could not save the device's serial number in your keychain: ${vaultError} MFA is on all the same.`)
    let replaced: string | undefined
    if (e.replaces !== undefined && e.replaces !== e.serial) {
      try {
        await removeDevice(e.iam, e.userName, e.replaces)
        replaced = e.replaces
        notes.push(`The old device ${e.replaces} is removed.`)
      } catch (error) {
        notes.push(`${awsFailure(error, `remove the old device ${e.replaces}`).message} Remove it from the list of devices.`)
      }
    }
    const requireMfa = await putRequireMfaOnGroup(e.iam, await specFor(e.role), e.userName)
    if (requireMfa.message) notes.push(requireMfa.message)
    const offerResync = shouldOfferResync(verdict.check)
    if (offerResync) notes.push("AWS took the codes this time, but set your phone's date and time to update automatically: if sign-ins fail later, use Resync.")

    return {
      result: 'enabled',
      serial: e.serial,
      check: verdict.view,
      message: [verdict.view.message, `MFA is on for ${e.userName}.`, ...notes].join(' '),
      vaultSaved: vaultError === null,
      requireMfaPolicy: requireMfa.status,
      ...(replaced ? { replaced } : {}),
      offerResync
    }
  }

  async function resolve(
    request: RoleUser & { serial?: string }
  ): Promise<{ iam: IAMClient; userName: string; devices: UserDevice[]; key: VaultKey | null; inVault: string | undefined }> {
    const spec = await specFor(request.role)
    const userName = request.userName ?? spec.userName
    const iam = await options.iam()
    const devices = await devicesOf(iam, userName)
    const accountId = devices.map((d) => accountOfSerial(d.serial)).find((id) => id !== undefined)
    const key = accountId ? { accountId, role: request.role } : null
    return { iam, userName, devices, key, inVault: key ? await vaultSerial(key) : undefined }
  }

  async function resync(request: RoleUser & { serial?: string; code1: string; code2: string }): Promise<{ serial: string; message: string }> {
    const { iam, userName, devices, inVault } = await resolve(request)
    const serial = pickDevice(userName, devices, request.serial, inVault)
    try {
      await resyncDevice(iam, userName, serial, request.code1, request.code2)
    } catch (error) {
      if (isAwsError(error, 'InvalidAuthenticationCode')) {
        throw new CairnError(
          'MFA_CODES_REFUSED',
          `AWS did not accept these codes for ${serial}. Enter two codes from that device's entry, one right after the other, and send them straight away.`
        )
      }
      throw awsFailure(error, `resynchronise ${userName}'s MFA device`)
    }
    log.info(`Resynchronised MFA device ${serial} of ${userName}.`)
    return { serial, message: `AWS is back in step with ${userName}'s device; its codes work again.` }
  }

  async function devices(request: RoleUser): Promise<{ userName: string; devices: UserDeviceView[] }> {
    const { userName, devices: list, inVault } = await resolve(request)
    return {
      userName,
      devices: list.map((d) => ({
        serial: d.serial,
        ...(d.enableDate ? { enableDate: d.enableDate } : {}),
        virtual: isVirtualDeviceSerial(d.serial),
        kind: deviceKind(d.serial),
        createdByCairn: cairnDeviceCreatedAt(d.serial) !== undefined,
        usedByCairn: d.serial === inVault
      }))
    }
  }

  /**
   * Records a device the user already has (one enabled in the AWS console, say) as the one
   * Cairn starts the role's sessions with, once ListMFADevices shows it is that user's.
   */
  async function useDevice(request: RoleUser & { serial?: string }): Promise<{ serial: string; message: string }> {
    const { userName, devices: list, key, inVault } = await resolve(request)
    const usable = list.filter((d) => deviceKind(d.serial) !== 'security-key')
    if (request.serial !== undefined && !list.some((d) => d.serial === request.serial))
      throw new CairnError('NOT_FOUND', `${userName} has no MFA device ${request.serial}; ListMFADevices lists ${describeList(list)}.`)
    const serial = request.serial ?? (usable.length === 1 ? usable[0]!.serial : undefined)
    if (serial === undefined) {
      if (usable.length === 0 && list.length > 0)
        throw new CairnError('CONFLICT', `${userName}'s only devices are passkeys or security keys. ${CONSOLE_ONLY_NOTE}`)
      if (usable.length === 0)
        throw new CairnError('NOT_FOUND', `${userName} has no MFA device. Set one up: \`cairn mfa enroll ${request.role}\` (or the MFA step in Cairn).`)
      throw new CairnError('CONFLICT', `${userName} has ${usable.length} MFA devices (${describeList(usable)}); say which one.`)
    }
    if (deviceKind(serial) === 'security-key') throw new CairnError('CONFLICT', `${serial} is a passkey or security key. ${CONSOLE_ONLY_NOTE}`)
    if (!key) throw new CairnError('NOT_FOUND', `${userName} has no MFA device.`)
    if (inVault === serial) return { serial, message: `Cairn already starts ${request.role}'s sessions with ${serial}.` }
    const vaultError = await saveVaultSerial(key, serial)
    if (vaultError) throw new CairnError('KEYCHAIN_UNAVAILABLE', `Cairn could not save the device's serial number in your keychain: ${vaultError}`)
    log.info(`Recorded MFA device ${serial} of ${userName} for the ${request.role} role.`)
    return { serial, message: `Cairn now starts ${request.role}'s sessions with ${serial}: type a code from that device when it asks.` }
  }

  async function remove(request: RoleUser & { serial?: string }): Promise<{ removed: string; remaining: number; message: string }> {
    const spec = await specFor(request.role)
    const { iam, userName, devices: list, key, inVault } = await resolve(request)
    const serial = pickDevice(userName, list, request.serial, inVault)
    try {
      await removeDevice(iam, userName, serial)
    } catch (error) {
      throw awsFailure(error, `remove ${userName}'s MFA device ${serial}`)
    }
    log.info(`Removed MFA device ${serial} from ${userName}.`)
    const remaining = list.filter((d) => d.serial !== serial)
    const notes = [`Removed the MFA device ${serial} from ${userName}.`]
    if (key && (inVault === serial || inVault === undefined)) {
      // The keychain follows the device that is left, when there is exactly one to follow.
      const vaultError = await saveVaultSerial(key, remaining.length === 1 ? remaining[0]!.serial : undefined)
      if (vaultError) notes.push(`The keychain still names the old device: ${vaultError}`)
    }
    if (remaining.length === 0) {
      notes.push(
        spec.requireMfaForApi
          ? `${userName} has no MFA device now, and with CairnRequireMFA on ${spec.groupName} its API calls are refused until it has one: set up a new device.`
          : `${userName} has no MFA device now: set up a new one soon.`
      )
    }
    return { removed: serial, remaining: remaining.length, message: notes.join(' ') }
  }

  return { enroll, confirm, resync, devices, useDevice, remove, cleanUpAbandoned }
}

export type UserMfa = ReturnType<typeof createUserMfa>
