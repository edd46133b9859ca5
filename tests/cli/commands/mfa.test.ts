import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough } from 'node:stream'
import {
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateUserCommand,
  ListMFADevicesCommand,
  ListVirtualMFADevicesCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { buildCliBundle } from '../cli-bundle'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { mfa } from '../../../src/cli/commands/mfa'
import { main } from '../../../src/cli/main'
import { codeAt } from '../../../src/main/mfa/totp-codes'
import { loadSearchableKeytar, type KeytarWithSearch } from '../../../src/main/vault/secret-store'
import { iamClient, startServer } from '../../practice/practice-clients'
import { enableDeviceInConsole } from '../../support/console-mfa-device'

const vaultService = `Cairn test cli mfa ${randomUUID()}`
let server: Awaited<ReturnType<typeof startServer>>
let root: IAMClient
let keytar: KeytarWithSearch
let dataDir: string
const dirs: string[] = []
const seeds: string[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-mfa-'))
  dirs.push(dir)
  return dir
}

function env(): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: server.root.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.root.secretAccessKey,
    AWS_ENDPOINT_URL: server.endpoint,
    CAIRN_VAULT_SERVICE: vaultService,
    CAIRN_DATA_DIR: dataDir
  }
}

/** `cairn mfa ...` in this process, with standard input a pipe (not a terminal). */
function run(args: string[], environment: Record<string, string> = env()) {
  const out = { stdout: '', stderr: '' }
  const stdin = new PassThrough()
  const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, env: environment }
  return { out, stdin, exit: mfa(args, io, stdin) }
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

/** The seed of the device being set up, read from the practice account (what AWS knows), not from Cairn. */
function practiceSeedOfPendingDevice(userName: string): string {
  const pending = Object.values(server.state.virtualMfaDevices).filter((d) => d.enabledFor === null && d.serialNumber.includes(`/cairn-${userName}-`))
  expect(pending).toHaveLength(1)
  seeds.push(pending[0]!.base32Seed)
  return pending[0]!.base32Seed
}

/** Two consecutive codes, never in the second and a half around a code change (see tests/main/mfa). */
async function consecutiveCodes(seed: string): Promise<string> {
  const into = Date.now() % 30_000
  if (into < 1500 || into > 28_500) await new Promise((r) => setTimeout(r, (31_500 - into) % 30_000))
  const now = Date.now()
  return `${codeAt(seed, now - 30_000)}\n${codeAt(seed, now)}\n`
}

const userSerials = async (userName: string) =>
  ((await root.send(new ListMFADevicesCommand({ UserName: userName }))).MFADevices ?? []).map((d) => d.SerialNumber)
const unassigned = async () =>
  ((await root.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }))).VirtualMFADevices ?? []).map((d) => d.SerialNumber)

beforeAll(async () => {
  keytar = await loadSearchableKeytar()
  dataDir = tempDir()
  server = await startServer()
  root = iamClient(server, server.root)
  for (const [userName, groupName] of [
    ['dev', 'Developers'],
    ['ops', 'Operations'],
    ['billing', 'Finance']
  ] as const) {
    await root.send(new CreateUserCommand({ UserName: userName }))
    await root.send(new CreateGroupCommand({ GroupName: groupName }))
    await root.send(new AddUserToGroupCommand({ UserName: userName, GroupName: groupName }))
  }
})

afterAll(async () => {
  await server.close()
  for (const { account } of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, account)
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('cairn mfa enroll ROLE, with codes on standard input', () => {
  it('draws the QR code, reads two codes, turns MFA on and keeps the serial in the keychain, never printing the secret', async () => {
    const { out, stdin, exit } = run(['enroll', 'dev'])
    await waitFor(() => out.stdout.includes('enter the next one'))
    expect(out.stdout).toContain(`the entry is named "AWS: dev@${server.accountId}"`)
    expect(out.stdout).toMatch(/[▄▀█]/)
    expect(out.stdout).toContain('Run again with --show-secret')
    // No prompts on a pipe: they are for people typing.
    expect(out.stdout).not.toContain('MFA code 1:')
    const seed = practiceSeedOfPendingDevice('dev')
    stdin.write(await consecutiveCodes(seed))
    expect(await exit).toBe(0)
    expect(out.stdout).toContain('Both codes are valid and consecutive. MFA is on for dev.')
    expect(out.stdout).toContain('CairnRequireMFA is now on Developers')
    const [serial] = await userSerials('dev')
    expect(out.stdout).toContain(`Device serial number: ${serial}`)
    expect(JSON.parse((await keytar.getPassword(vaultService, `${server.accountId}/dev`))!)).toEqual({ mfaSerial: serial })
    expect(out.stdout.replace(/\s/g, '')).not.toContain(seed)
  })

  it('prints the secret key as plain Base32 on its own line with --show-secret, and the codes made from it work', async () => {
    const { out, stdin, exit } = run(['enroll', 'ops', '--show-secret'])
    await waitFor(() => out.stdout.includes('enter the next one'))
    const lines = out.stdout.split('\n')
    const secret = lines[lines.indexOf('Secret key (Base32), for apps that cannot scan:') + 1]!
    expect(secret).toMatch(/^[A-Z2-7]{64}$/)
    seeds.push(secret)
    stdin.write(await consecutiveCodes(secret))
    expect(await exit).toBe(0)
    expect(out.stdout).toContain('MFA is on for ops.')
    expect(await userSerials('ops')).toHaveLength(1)
  })

  it('says what is wrong with the codes, in the same words as the app, and takes the next two lines', async () => {
    const { out, stdin, exit } = run(['enroll', 'billing'])
    await waitFor(() => out.stdout.includes('enter the next one'))
    const seed = practiceSeedOfPendingDevice('billing')
    const code = (await consecutiveCodes(seed)).split('\n')[1]!
    stdin.write(`${code}\n${code}\n`)
    await waitFor(() => out.stdout.includes('same code twice'))
    stdin.write('12 34 5\n')
    await waitFor(() => out.stderr.includes('needs the 6 digits'))
    stdin.write(await consecutiveCodes(seed))
    expect(await exit).toBe(0)
    expect(out.stdout).toContain('You entered the same code twice. Wait for your authenticator app to show the next code')
    expect(out.stdout).toContain('MFA is on for billing.')
  })

  it('cancels, deleting the unused device, when standard input ends before two codes', async () => {
    const { out, stdin, exit } = run(['enroll', 'dev', '--user', 'ops'])
    await waitFor(() => out.stdout.includes('enter the next one'))
    seeds.push(practiceSeedOfPendingDevice('ops'))
    stdin.end('123456\n')
    expect(await exit).toBe(1)
    expect(out.stderr).toContain('no more codes on standard input; cancelled')
    expect(await unassigned()).toEqual([])
  })

  it('refuses to run without credentials, and with a role it does not know', async () => {
    const noKeys = run(['enroll', 'dev'], { CAIRN_VAULT_SERVICE: vaultService })
    expect(await noKeys.exit).toBe(2)
    expect(noKeys.out.stderr).toContain('No bootstrap credentials')
    const capture = { stdout: '', stderr: '' }
    const io = { stdout: { write: (t: string) => (capture.stdout += t) }, stderr: { write: (t: string) => (capture.stderr += t) }, env: env() }
    expect(await main(['mfa', 'enroll', 'root'], io)).toBe(2)
    expect(capture.stderr).toContain("'root' is not a role")
    expect(await main(['mfa'], io)).toBe(2)
    expect(await main(['mfa', '--help'], io)).toBe(0)
    expect(capture.stdout).toContain('Usage: cairn mfa enroll ROLE')
  })
})

describe('cairn mfa remove ROLE', () => {
  it("deactivates and deletes the role's device, and the keychain forgets it", async () => {
    const [serial] = await userSerials('dev')
    const { out, exit } = run(['remove', 'dev'])
    expect(await exit).toBe(0)
    expect(out.stdout).toContain(`Removed the MFA device ${serial} from dev.`)
    expect(await userSerials('dev')).toEqual([])
    expect(JSON.parse((await keytar.getPassword(vaultService, `${server.accountId}/dev`))!)).toEqual({})
    const again = run(['remove', 'dev'])
    expect(await again.exit).toBe(1)
    expect(again.out.stderr).toContain('dev has no MFA device')
  })
})

describe('cairn mfa use ROLE: a device enabled in the AWS console', () => {
  let phone = ''
  beforeAll(async () => {
    await root.send(new CreateUserCommand({ UserName: 'ana' }))
    const device = await enableDeviceInConsole(root, 'ana')
    phone = device.serial
    seeds.push(device.seed)
  })

  it("refuses a serial ListMFADevices does not list for the user, and a passkey's, saving nothing", async () => {
    const other = run(['use', 'dev', '--user', 'ana', '--serial', `arn:aws:iam::${server.accountId}:mfa/someone-else`])
    expect(await other.exit).toBe(1)
    expect(other.out.stderr).toContain(`ana has no MFA device arn:aws:iam::${server.accountId}:mfa/someone-else`)
    const passkey = run(['use', 'dev', '--serial', `arn:aws:iam::${server.accountId}:u2f/user/ana/fidosecuritykey-ABC`])
    expect(await passkey.exit).toBe(2)
    expect(passkey.out.stderr).toContain('only when you sign in to the console')
    expect(JSON.parse((await keytar.getPassword(vaultService, `${server.accountId}/dev`)) ?? '{}').mfaSerial).toBeUndefined()
  })

  it("lists the user's devices and records the only one as the device of the role's sessions", async () => {
    const { out, exit } = run(['use', 'dev', '--user', 'ana'])
    expect(await exit).toBe(0)
    expect(out.stdout).toContain(`ana's MFA devices:\n  ${phone} (virtual device)\n`)
    expect(out.stdout).toContain(`Cairn now starts dev's sessions with ${phone}`)
    expect(JSON.parse((await keytar.getPassword(vaultService, `${server.accountId}/dev`))!).mfaSerial).toBe(phone)
  })
})

describe('cairn mfa as a process', () => {
  it('enrols with the codes piped to its standard input', async () => {
    const built = await buildCliBundle()
    onTestFinished(() => built.remove())
    const bundle = built.file
    await root.send(new CreateUserCommand({ UserName: 'admin' }))
    const child = spawn(process.execPath, [bundle, 'mfa', 'enroll', 'admin', '--show-secret'], {
      env: { ...process.env, ...env(), NODE_PATH: resolve('node_modules') },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    await waitFor(() => stdout.includes('enter the next one'), 20_000)
    const secret = /^([A-Z2-7]{64})$/m.exec(stdout)![1]!
    seeds.push(secret)
    child.stdin.end(await consecutiveCodes(secret))
    expect(await exited, stderr).toBe(0)
    expect(stdout).toContain('MFA is on for admin.')
    expect(await userSerials('admin')).toHaveLength(1)
  })

  it('left no seed in the keychain or the data folder', async () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]))
    const keychain = (await keytar.findCredentials(vaultService)).map((c) => c.password).join('\n')
    const data = files(dataDir)
      .map((f) => readFileSync(f, 'latin1'))
      .join('\n')
    expect(seeds.length).toBeGreaterThanOrEqual(5)
    for (const seed of seeds) {
      expect(keychain.includes(seed)).toBe(false)
      expect(data.includes(seed)).toBe(false)
    }
  })
})
