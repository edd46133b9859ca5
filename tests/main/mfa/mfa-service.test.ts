import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  GetGroupPolicyCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { connectPractice } from '../../../src/main/connect/practice-bootstrap'
import { ConnectionHolder } from '../../../src/main/connect/connection'
import { createHandlers } from '../../../src/main/handlers'
import { createDispatcher, type Dispatcher } from '../../../src/main/ipc/dispatcher'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import type { Logger } from '../../../src/main/log/redact'
import { createMfaService } from '../../../src/main/mfa/mfa-service'
import { codeAt } from '../../../src/main/mfa/totp-codes'
import type { EmbeddedPractice, PracticeServer } from '../../../src/practice'
import { createServices } from '../../../src/main/services'
import { loadSearchableKeytar, type KeytarWithSearch } from '../../../src/main/vault/secret-store'
import type { ChannelName, RequestOf, ResponseOf } from '../../../src/shared/contract'
import type { IpcError } from '../../../src/shared/errors'
import { iamClient, sdkFailure, startServer, stsClient, testClock, type Credentials } from '../../practice/practice-clients'
import { enableDeviceInConsole } from '../../support/console-mfa-device'

/**
 * The MFA step end to end, through the IPC contract and dispatcher as the window uses it,
 * against the practice account with the real SDK and the real OS keychain.
 */
const vaultService = `Cairn test mfa ${randomUUID()}`
const app = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }

let keytar: KeytarWithSearch
const dirs: string[] = []
/** Every seed a test saw; none may be left anywhere once its step ends. */
const seeds: string[] = []
/** Everything Cairn logged, as it was logged (before any redaction). */
const logged: string[] = []
const log: Logger = {
  info: (m) => void logged.push(m),
  warn: (m) => void logged.push(m),
  error: (m, e) => void logged.push(`${m} ${String(e)}`)
}
const consoleOutput: string[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-mfa-'))
  dirs.push(dir)
  return dir
}

function embedded(server: PracticeServer): EmbeddedPractice {
  return { server, status: () => ({ running: true, endpoint: server.endpoint, accountId: server.accountId, persisted: false }), close: () => server.close() }
}

interface Account {
  server: PracticeServer & { root: Credentials }
  clock: ReturnType<typeof testClock>
  root: IAMClient
  dispatcher: Dispatcher
  dataDir: string
  keys: Record<string, Credentials>
  call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>
  fail(channel: ChannelName, request: unknown): Promise<IpcError>
}

async function practiceAccount(users: Array<{ userName: string; groupName: string; accessKey?: boolean }>): Promise<Account> {
  const clock = testClock()
  const server = await startServer({ clock: clock.now })
  const root = iamClient(server, server.root)
  const keys: Record<string, Credentials> = {}
  for (const { userName, groupName, accessKey } of users) {
    await root.send(new CreateUserCommand({ UserName: userName }))
    await root.send(new CreateGroupCommand({ GroupName: groupName }))
    await root.send(new AddUserToGroupCommand({ UserName: userName, GroupName: groupName }))
    if (accessKey) {
      const key = (await root.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!
      keys[userName] = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
    }
  }
  const connection = new ConnectionHolder()
  connection.set(await connectPractice(server))
  const dataDir = tempDir()
  const services = createServices({
    name: 'Cairn',
    version: '0.0.0-test',
    versions: { node: process.versions.node },
    practice: embedded(server),
    connection,
    vaultService,
    dataDir,
    log
  })
  const dispatcher = createDispatcher({ handlers: createHandlers(services), trustedOrigins: [APP_ORIGIN] })
  return {
    server,
    clock,
    root,
    dispatcher,
    dataDir,
    keys,
    async call(channel, request) {
      const result = await dispatcher.dispatch(channel, request, app)
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
      return result.value as never
    },
    async fail(channel, request) {
      const result = await dispatcher.dispatch(channel, request, app)
      if (result.ok) throw new Error(`${channel} was expected to fail`)
      return result.error
    }
  }
}

/** Opens the "show secret key" panel, as a user whose app cannot scan would, and reads the key. */
async function secretOf(account: Account, enrollmentId: string): Promise<string> {
  const { secretGrouped } = await account.call('mfa.showSecret', { enrollmentId })
  const seed = secretGrouped.replace(/ /g, '')
  seeds.push(seed)
  return seed
}

/**
 * Two codes as an authenticator app whose clock is `skewSeconds` off shows them, at the practice
 * account's time; never in the second and a half around a code change, where the test's own
 * milliseconds (and the Date header's whole seconds) could tip either clock into the next code.
 */
async function codesFrom(account: Account, seed: string, skewSeconds = 0): Promise<{ code1: string; code2: string }> {
  const into = account.clock.now().getTime() % 30_000
  if (into < 1500 || into > 28_500) await new Promise((r) => setTimeout(r, (31_500 - into) % 30_000))
  const phoneNow = account.clock.now().getTime() + skewSeconds * 1000
  return { code1: codeAt(seed, phoneNow - 30_000), code2: codeAt(seed, phoneNow) }
}

async function unassignedSerials(iam: IAMClient): Promise<string[]> {
  return ((await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices ?? []).map((d) => d.SerialNumber!)
}

async function userSerials(iam: IAMClient, userName: string): Promise<string[]> {
  return ((await iam.send(new ListMFADevicesCommand({ UserName: userName }))).MFADevices ?? []).map((d) => d.SerialNumber!)
}

async function vaultEntry(accountId: string, role: string): Promise<string | null> {
  return keytar.getPassword(vaultService, `${accountId}/${role}`)
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

const accounts: Account[] = []

beforeAll(async () => {
  keytar = await loadSearchableKeytar()
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method].bind(console)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleOutput.push(args.map(String).join(' '))
      original(...args)
    })
  }
})

afterAll(async () => {
  vi.restoreAllMocks()
  for (const { server } of accounts) await server.close()
  for (const { account } of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, account)
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('a virtual MFA device for each IAM user, on the practice account', () => {
  let account: Account
  beforeAll(async () => {
    account = await practiceAccount([
      { userName: 'billing', groupName: 'Finance' },
      { userName: 'dev', groupName: 'Developers', accessKey: true },
      { userName: 'ops', groupName: 'Operations', accessKey: true },
      { userName: 'admin', groupName: 'Administrators' }
    ])
    accounts.push(account)
  })

  it('enrols dev: two codes typed now turn MFA on, the device is listed, its serial is in the keychain, and MFA-backed sessions work', async () => {
    const { accountId } = account.server
    const enrollment = await account.call('mfa.enroll', { role: 'dev' })
    expect(enrollment.qrDataUrl).toMatch(/^data:image\/png;base64,/)
    expect(enrollment.label).toBe(`practice · dev@${accountId}`)
    expect(enrollment.serial).toMatch(new RegExp(`^arn:aws:iam::${accountId}:mfa/cairn-dev-\\d{8}T\\d{6}Z-[0-9a-f]{4}$`))
    const seed = await secretOf(account, enrollment.enrollmentId)

    const outcome = await account.call('mfa.confirm', { enrollmentId: enrollment.enrollmentId, ...(await codesFrom(account, seed)) })
    expect(outcome).toMatchObject({
      result: 'enabled',
      serial: enrollment.serial,
      check: { kind: 'consecutive' },
      vaultSaved: true,
      requireMfaPolicy: 'put',
      offerResync: false
    })
    expect(outcome.message).toContain('Both codes are valid and consecutive. MFA is on for dev.')
    expect(outcome.message).toContain('CairnRequireMFA is now on Developers')

    expect(await userSerials(account.root, 'dev')).toEqual([enrollment.serial])
    expect(JSON.parse((await vaultEntry(accountId, 'dev'))!)).toEqual({ mfaSerial: enrollment.serial })
    const policy = await account.root.send(new GetGroupPolicyCommand({ GroupName: 'Developers', PolicyName: 'CairnRequireMFA' }))
    expect(decodeURIComponent(policy.PolicyDocument!)).toContain('BlockMostAccessUnlessSignedInWithMFA')

    // The set-up is over: its secret key cannot be shown any more.
    expect((await account.fail('mfa.showSecret', { enrollmentId: enrollment.enrollmentId })).code).toBe('NOT_FOUND')

    // A code is good once; the next step's code makes an MFA-backed session, a wrong one does not.
    account.clock.advance(30_000)
    const sts = stsClient(account.server, account.keys['dev']!)
    const wrong = codeAt(seed, account.clock.now().getTime() + 300_000)
    expect((await sdkFailure(sts.send(new GetSessionTokenCommand({ SerialNumber: enrollment.serial, TokenCode: wrong })))).code).toBe('AccessDenied')
    const session = await sts.send(new GetSessionTokenCommand({ SerialNumber: enrollment.serial, TokenCode: codeAt(seed, account.clock.now().getTime()) }))
    expect(session.Credentials?.AccessKeyId).toMatch(/^ASIA/)
  })

  let opsSeed = ''

  it('enrols ops, whose phone runs 30 seconds ahead: it is told so, and AWS still takes the codes', async () => {
    const enrollment = await account.call('mfa.enroll', { role: 'ops' })
    const seed = await secretOf(account, enrollment.enrollmentId)
    opsSeed = seed
    const outcome = await account.call('mfa.confirm', { enrollmentId: enrollment.enrollmentId, ...(await codesFrom(account, seed, 30)) })
    expect(outcome).toMatchObject({ result: 'enabled', check: { kind: 'clock-skew', skewSeconds: 30 }, requireMfaPolicy: 'put' })
    expect(outcome.message).toContain('about 30 seconds ahead of')
    expect(await userSerials(account.root, 'ops')).toEqual([enrollment.serial])
  })

  it('enrols billing, whose phone runs 30 seconds behind; billing needs no MFA-backed API calls, so no policy is put', async () => {
    const enrollment = await account.call('mfa.enroll', { role: 'billing' })
    const seed = await secretOf(account, enrollment.enrollmentId)
    const outcome = await account.call('mfa.confirm', { enrollmentId: enrollment.enrollmentId, ...(await codesFrom(account, seed, -30)) })
    expect(outcome).toMatchObject({ result: 'enabled', check: { kind: 'clock-skew', skewSeconds: -30 }, requireMfaPolicy: 'not-required' })
    expect(outcome.message).toContain('about 30 seconds behind')
    expect(await userSerials(account.root, 'billing')).toEqual([enrollment.serial])
  })

  it('asks for new codes, in words, until they are right: too slow, the same twice, another entry, a clock AWS refuses', async () => {
    const enrollment = await account.call('mfa.enroll', { role: 'admin' })
    const seed = await secretOf(account, enrollment.enrollmentId)
    const { enrollmentId } = enrollment
    await codesFrom(account, seed)
    const now = account.clock.now().getTime()

    const tooSlow = await account.call('mfa.confirm', { enrollmentId, code1: codeAt(seed, now - 60_000), code2: codeAt(seed, now) })
    expect(tooSlow).toMatchObject({ result: 'try-again', awsRefused: false, check: { kind: 'not-consecutive' } })
    expect(tooSlow.message).toContain('too late')

    const twice = await account.call('mfa.confirm', { enrollmentId, code1: codeAt(seed, now), code2: codeAt(seed, now) })
    expect(twice).toMatchObject({ result: 'try-again', check: { kind: 'same-code' } })

    const otherEntry = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'
    const wrongEntry = await account.call('mfa.confirm', { enrollmentId, ...(await codesFrom(account, otherEntry)) })
    expect(wrongEntry).toMatchObject({ result: 'try-again', check: { kind: 'not-this-secret' } })
    expect(wrongEntry.message).toContain(`Use the entry "practice · admin@${account.server.accountId}"`)

    const farAhead = await account.call('mfa.confirm', { enrollmentId, ...(await codesFrom(account, seed, 90)) })
    expect(farAhead).toMatchObject({ result: 'try-again', awsRefused: true, check: { kind: 'clock-skew', skewSeconds: 90 } })
    expect(farAhead.message).toMatch(/about 90 seconds ahead of AWS's.*AWS refused them.*date and time/)
    expect(await userSerials(account.root, 'admin')).toEqual([])

    const right = await account.call('mfa.confirm', { enrollmentId, ...(await codesFrom(account, seed)) })
    expect(right).toMatchObject({ result: 'enabled', requireMfaPolicy: 'not-required' })
    expect(await userSerials(account.root, 'admin')).toEqual([enrollment.serial])
  })

  it('refuses codes that are not six digits before anything runs, without echoing them', async () => {
    const enrollment = await account.call('mfa.enroll', { role: 'dev' })
    await secretOf(account, enrollment.enrollmentId)
    const error = await account.fail('mfa.confirm', { enrollmentId: enrollment.enrollmentId, code1: '12345', code2: '12345a' })
    expect(error.code).toBe('INVALID_REQUEST')
    expect(error.issues?.map((i) => i.path)).toEqual(['code1', 'code2'])
    expect(JSON.stringify(error)).not.toContain('12345')
    await account.call('mfa.abandon', { enrollmentId: enrollment.enrollmentId })
  })

  it('abandoning a set-up deletes its never-enabled device and forgets the secret key', async () => {
    const enrollment = await account.call('mfa.enroll', { role: 'dev' })
    await secretOf(account, enrollment.enrollmentId)
    expect(await unassignedSerials(account.root)).toContain(enrollment.serial)
    expect(await account.call('mfa.abandon', { enrollmentId: enrollment.enrollmentId })).toMatchObject({ deleted: true })
    expect(await unassignedSerials(account.root)).not.toContain(enrollment.serial)
    expect((await account.fail('mfa.showSecret', { enrollmentId: enrollment.enrollmentId })).code).toBe('NOT_FOUND')
    expect(await account.call('mfa.abandon', { enrollmentId: enrollment.enrollmentId })).toMatchObject({ deleted: false })
  })

  it("replacing dev's device: the new one is enabled first, then the old one is removed and the keychain follows", async () => {
    const { accountId } = account.server
    const [old] = await userSerials(account.root, 'dev')
    const enrollment = await account.call('mfa.enroll', { role: 'dev', replaces: old! })
    const seed = await secretOf(account, enrollment.enrollmentId)
    account.clock.advance(30_000)
    const outcome = await account.call('mfa.confirm', { enrollmentId: enrollment.enrollmentId, ...(await codesFrom(account, seed)) })
    expect(outcome).toMatchObject({ result: 'enabled', replaced: old })
    expect(await userSerials(account.root, 'dev')).toEqual([enrollment.serial])
    expect(await unassignedSerials(account.root)).not.toContain(old)
    expect(JSON.parse((await vaultEntry(accountId, 'dev'))!)).toEqual({ mfaSerial: enrollment.serial })
    expect(await account.call('mfa.devices', { role: 'dev' })).toEqual({
      userName: 'dev',
      devices: [expect.objectContaining({ serial: enrollment.serial, virtual: true, usedByCairn: true })]
    })
  })

  it("resynchronises ops's device when its clock has drifted three minutes, and says so when AWS refuses the codes", async () => {
    const [serial] = await userSerials(account.root, 'ops')
    const refused = await account.fail('mfa.resync', { role: 'ops', code1: '000000', code2: '000001' })
    expect(refused.code).toBe('MFA_CODES_REFUSED')
    expect(refused.message).toContain(serial)
    account.clock.advance(60_000)
    const resynced = await account.call('mfa.resync', { role: 'ops', ...(await codesFrom(account, opsSeed, 180)) })
    expect(resynced).toEqual({ serial, message: "AWS is back in step with ops's device; its codes work again." })
  })

  it("removing dev's device deactivates and deletes it, and the keychain forgets it", async () => {
    const { accountId } = account.server
    const [serial] = await userSerials(account.root, 'dev')
    const removed = await account.call('mfa.remove', { role: 'dev' })
    expect(removed).toMatchObject({ removed: serial, remaining: 0 })
    expect(removed.message).toContain('CairnRequireMFA on Developers')
    expect(await userSerials(account.root, 'dev')).toEqual([])
    expect(await unassignedSerials(account.root)).not.toContain(serial)
    expect(JSON.parse((await vaultEntry(accountId, 'dev'))!)).toEqual({})
    expect((await account.fail('mfa.remove', { role: 'dev' })).code).toBe('NOT_FOUND')
  })

  it('refuses to enrol a user that does not exist yet, leaving no device behind', async () => {
    const before = await unassignedSerials(account.root)
    const error = await account.fail('mfa.enroll', { role: 'dev', userName: 'nobody' })
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('Apply the plan first') })
    expect(await unassignedSerials(account.root)).toEqual(before)
  })

  it('left no seed anywhere: not in the keychain, the data folder, the log or the console', async () => {
    expect(seeds.length).toBeGreaterThanOrEqual(6)
    const places: Record<string, string> = {
      keychain: (await Promise.all((await keytar.findCredentials(vaultService)).map(({ account: name, password }) => `${name} ${password}`))).join('\n'),
      dataDir: filesUnder(account.dataDir)
        .map((file) => readFileSync(file, 'latin1'))
        .join('\n'),
      log: logged.join('\n'),
      console: consoleOutput.join('\n')
    }
    expect(logged.length).toBeGreaterThan(0)
    for (const [place, text] of Object.entries(places)) {
      const squeezed = text.replace(/\s/g, '')
      for (const seed of seeds) expect(squeezed.includes(seed), `seed found in ${place}`).toBe(false)
    }
  })
})

describe('a device the user enabled in the AWS console, outside Cairn', () => {
  let account: Account
  let phone = ''
  beforeAll(async () => {
    account = await practiceAccount([
      { userName: 'dev', groupName: 'Developers', accessKey: true },
      { userName: 'ops', groupName: 'Operations', accessKey: true }
    ])
    accounts.push(account)
    // As the console does it: a virtual device named by the user, turned on with two codes.
    const device = await enableDeviceInConsole(account.root, 'dev', () => account.clock.now().getTime())
    phone = device.serial
    seeds.push(device.seed)
  })

  it('is listed on the MFA step as a virtual device Cairn did not create and does not use yet', async () => {
    const { devices } = await account.call('mfa.devices', { role: 'dev' })
    expect(devices).toEqual([expect.objectContaining({ serial: phone, virtual: true, kind: 'virtual', createdByCairn: false, usedByCairn: false })])
  })

  it("refuses a serial that is not the user's, as ListMFADevices tells, and saves nothing", async () => {
    const error = await account.fail('mfa.useDevice', { role: 'ops', serial: phone })
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`ops has no MFA device ${phone}`) })
    expect(await vaultEntry(account.server.accountId, 'ops')).toBeNull()
    const garbled = await account.fail('mfa.useDevice', { role: 'dev', serial: 'my phone' })
    expect(garbled.code).toBe('INVALID_REQUEST')
  })

  it('"Use this device" records its serial in the keychain for the role, and the list says Cairn uses it', async () => {
    const used = await account.call('mfa.useDevice', { role: 'dev', serial: phone })
    expect(used).toEqual({ serial: phone, message: expect.stringContaining(`Cairn now starts dev's sessions with ${phone}`) })
    expect(JSON.parse((await vaultEntry(account.server.accountId, 'dev'))!)).toEqual({ mfaSerial: phone })
    expect((await account.call('mfa.devices', { role: 'dev' })).devices[0]).toMatchObject({ serial: phone, usedByCairn: true })
  })
})

describe('devices Cairn created but never enabled', () => {
  it('are deleted when a set-up times out', async () => {
    const account = await practiceAccount([{ userName: 'dev', groupName: 'Developers' }])
    accounts.push(account)
    const connection = new ConnectionHolder()
    connection.set(await connectPractice(account.server))
    const mfa = createMfaService({
      iam: () => connection.require().clients('read').iam,
      vault: () => Promise.reject(new Error('unused')),
      enrollmentTtlMs: 300,
      log
    })
    const enrollment = await mfa.enroll({ role: 'dev' })
    seeds.push(mfa.showSecret(enrollment).secretGrouped.replace(/ /g, ''))
    expect(await unassignedSerials(account.root)).toContain(enrollment.serial)
    await vi.waitFor(async () => expect(await unassignedSerials(account.root)).not.toContain(enrollment.serial), { timeout: 5000, interval: 100 })
    expect(() => mfa.showSecret(enrollment)).toThrow(/timed out/)
  })

  it('are deleted on the next start when a crash left them, but not younger ones or devices Cairn did not name', async () => {
    const account = await practiceAccount([])
    accounts.push(account)
    const create = async (name: string) =>
      (await account.root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: name }))).VirtualMFADevice!.SerialNumber!
    const crashed = await create('cairn-dev-20250102T030405Z')
    const inProgress = await create(
      `cairn-ops-${new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}Z$/, 'Z')}`
    )
    const someoneElses = await create('backup-phone')
    const connection = new ConnectionHolder()
    connection.set(await connectPractice(account.server))
    const mfa = createMfaService({ iam: () => connection.require().clients('read').iam, vault: () => Promise.reject(new Error('unused')) })
    expect(await mfa.cleanUpAbandoned()).toEqual([crashed])
    expect((await unassignedSerials(account.root)).sort()).toEqual([inProgress, someoneElses].sort())
  })
})

describe("codes are checked against AWS's clock, not this computer's", () => {
  it('says "valid and consecutive" on a computer whose clock is two minutes slow', async () => {
    const account = await practiceAccount([{ userName: 'dev', groupName: 'Developers' }])
    accounts.push(account)
    const connection = new ConnectionHolder()
    connection.set(await connectPractice(account.server))
    const slow = () => Date.now() - 120_000
    const mfa = createMfaService({ iam: () => connection.require().clients('read').iam, vault: () => Promise.reject(new Error('no keychain here')), now: slow })
    const enrollment = await mfa.enroll({ role: 'dev' })
    const seed = mfa.showSecret(enrollment).secretGrouped.replace(/ /g, '')
    seeds.push(seed)
    const outcome = await mfa.confirm({ enrollmentId: enrollment.enrollmentId, ...(await codesFrom(account, seed)) })
    expect(outcome).toMatchObject({ result: 'enabled', check: { kind: 'consecutive' }, vaultSaved: false })
    // The keychain refused, and the user is told MFA is on all the same.
    expect(outcome.message).toContain('MFA is on all the same')
  })
})

describe("the root user's MFA", () => {
  let account: Account
  beforeAll(async () => {
    account = await practiceAccount([])
    accounts.push(account)
  })

  it('abandoning a rehearsal deletes its device', async () => {
    const enrollment = await account.call('mfa.practiceRootEnroll', {})
    await secretOf(account, enrollment.enrollmentId)
    expect(await unassignedSerials(account.root)).toContain(enrollment.serial)
    await account.call('mfa.abandon', { enrollmentId: enrollment.enrollmentId })
    expect(await unassignedSerials(account.root)).not.toContain(enrollment.serial)
  })

  it('is rehearsed on the practice account with the same QR code and two codes, then Check again reports AccountMFAEnabled = 1', async () => {
    const before = await account.call('mfa.rootCheck', { account: 'practice' })
    expect(before).toMatchObject({ accountMfaEnabled: false, message: expect.stringMatching(/^Not yet/) })

    const enrollment = await account.call('mfa.practiceRootEnroll', {})
    expect(enrollment.label).toBe(`practice · root@${account.server.accountId}`)
    const seed = await secretOf(account, enrollment.enrollmentId)
    const same = await account.call('mfa.practiceRootConfirm', { enrollmentId: enrollment.enrollmentId, code1: '123456', code2: '123456' })
    expect(same).toMatchObject({ result: 'try-again', check: { kind: 'same-code' } })
    const outcome = await account.call('mfa.practiceRootConfirm', { enrollmentId: enrollment.enrollmentId, ...(await codesFrom(account, seed)) })
    expect(outcome).toMatchObject({ result: 'enabled', serial: enrollment.serial, check: { kind: 'consecutive' } })

    const after = await account.call('mfa.rootCheck', { account: 'practice' })
    expect(after).toMatchObject({ accountMfaEnabled: true, message: expect.stringContaining('It worked') })
    expect(after.message).toContain('AccountMFAEnabled = 1')
    // The connected account is the practice one here, so "check again" on it agrees.
    expect(await account.call('mfa.rootCheck', {})).toMatchObject({ accountMfaEnabled: true })
  })

  it('rehearses a second (backup) device once root has MFA, as AWS allows up to 8', async () => {
    const second = await account.call('mfa.practiceRootEnroll', {})
    expect(await unassignedSerials(account.root)).toContain(second.serial)
    await account.call('mfa.abandon', { enrollmentId: second.enrollmentId })
    expect(await unassignedSerials(account.root)).not.toContain(second.serial)
    expect(await account.call('mfa.rootCheck', { account: 'practice' })).toMatchObject({ accountMfaEnabled: true })
  })
})

describe('MFA after an apply that renamed a group', () => {
  it('puts CairnRequireMFA on the group the apply really made', async () => {
    const account = await practiceAccount([])
    accounts.push(account)
    const roles = (await account.call('setup.defaults', {})).map((spec) => (spec.role === 'dev' ? { ...spec, groupName: 'Devs' } : spec))
    const applied = await account.call('setup.apply', { roles })
    expect(applied.summary.outcome).toBe('done')

    const enrollment = await account.call('mfa.enroll', { role: 'dev' })
    const seed = await secretOf(account, enrollment.enrollmentId)
    const outcome = await account.call('mfa.confirm', { enrollmentId: enrollment.enrollmentId, ...(await codesFrom(account, seed)) })
    expect(outcome).toMatchObject({ result: 'enabled', requireMfaPolicy: 'put' })
    expect(outcome.message).toContain('CairnRequireMFA is now on Devs')
    const policy = await account.root.send(new GetGroupPolicyCommand({ GroupName: 'Devs', PolicyName: 'CairnRequireMFA' }))
    expect(policy.PolicyName).toBe('CairnRequireMFA')
  })
})
