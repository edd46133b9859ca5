import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { Logger } from '../../../src/main/log/redact'
import { createProfilesService } from '../../../src/main/profiles/profiles-service'
import { createServices } from '../../../src/main/services'
import type { SecretStore } from '../../../src/main/vault/secret-store'

/**
 * An installed Cairn that moved (an AppImage dragged elsewhere, the app updated into another
 * folder) writes its AWS config profiles again on the next start, touching only its own sections.
 */
const root = mkdtempSync(join(tmpdir(), 'cairn-rewrite-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const ACCOUNT = '123456789012'
const OLD = ['/home/me/Downloads/Cairn-0.1.0.AppImage', '--cairn-cli']
const NEW = ['/home/me/Apps/Cairn-0.2.0.AppImage', '--cairn-cli']
const noVault: () => Promise<SecretStore> = () => Promise.reject(new Error('writing profiles needs no keychain'))

const usersOwn = [
  '# my settings\r',
  '[default]',
  'region = eu-west-1   ',
  '',
  '[profile work] ; client',
  'role_arn = arn:aws:iam::123456789012:role/Admin',
  'source_profile = default',
  '',
  '; trailing comment without a newline'
].join('\n')

let homes = 0
function home() {
  const dir = join(root, `home-${++homes}`)
  mkdirSync(join(dir, '.aws'), { recursive: true })
  const env = { AWS_CONFIG_FILE: join(dir, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, '.aws', 'credentials') }
  const dataDir = join(dir, 'data')
  const profiles = (cairnCommand: readonly string[] | null) =>
    createProfilesService({ dataDir, vault: noVault, cairnCommand, env, homedir: dir, platform: 'linux' })
  return { dir, dataDir, env, config: env.AWS_CONFIG_FILE, profiles, files: () => readdirSync(join(dir, '.aws')).sort() }
}

async function setUp(options: { defaultRole?: string } = {}) {
  const h = home()
  writeFileSync(h.config, usersOwn)
  const before = h.profiles(OLD)
  await before.registerAccount({
    accountId: ACCOUNT,
    roles: [
      { role: 'dev', userName: 'dev', requiresMfa: true, hasAccessKey: true, consoleAccess: false },
      { role: 'ops', userName: 'ops', requiresMfa: false, hasAccessKey: true, consoleAccess: false }
    ]
  })
  expect((await before.writeConfig()).written).toBe(true)
  if (options.defaultRole) expect((await before.setDefault({ role: options.defaultRole })).written).toBe(true)
  return h
}

describe('rewriteIfCommandChanged', () => {
  it("rewrites Cairn's sections to run the new place, every other byte as it was", async () => {
    const h = await setUp()
    const before = readFileSync(h.config, 'utf8')
    expect(before).toContain(`credential_process = ${OLD.join(' ')} credential-process dev\n`)
    const files = h.files()
    const mode = statSync(h.config).mode

    const write = await h.profiles(NEW).rewriteIfCommandChanged()
    expect(write).toMatchObject({ file: h.config, written: true, conflicts: [] })
    const after = readFileSync(h.config, 'utf8')
    // Only the command changed: the old text with the old path swapped is the new text, byte for byte.
    expect(after).toBe(before.replaceAll(OLD[0]!, NEW[0]!))
    expect(after.startsWith(usersOwn)).toBe(true)
    expect(after).toContain(`[profile cairn]\ncredential_process = ${NEW.join(' ')} credential-process --active\n`)
    // The backup was made before Cairn's first write; a rewrite makes no new one.
    expect(h.files()).toEqual(files)
    expect(statSync(h.config).mode).toBe(mode)
  })

  it("rewrites the opted-in [default] too, keeping the backup of the user's own inside it", async () => {
    const h = await setUp({ defaultRole: 'ops' })
    const before = readFileSync(h.config, 'utf8')
    expect(before).toMatch(/\[default\]\ncredential_process = \S+ --cairn-cli credential-process ops\n/)
    expect((await h.profiles(NEW).rewriteIfCommandChanged())?.written).toBe(true)
    expect(readFileSync(h.config, 'utf8')).toBe(before.replaceAll(OLD[0]!, NEW[0]!))
  })

  it('writes nothing when the sections already run this copy', async () => {
    const h = await setUp()
    const before = readFileSync(h.config, 'utf8')
    const mtime = statSync(h.config).mtimeMs
    expect(await h.profiles(OLD).rewriteIfCommandChanged()).toBeNull()
    expect(readFileSync(h.config, 'utf8')).toBe(before)
    expect(statSync(h.config).mtimeMs).toBe(mtime)
  })

  it("writes nothing back once the user removed Cairn's sections, nor into a missing file", async () => {
    const h = await setUp()
    await h.profiles(OLD).remove({ all: true })
    const removed = readFileSync(h.config, 'utf8')
    expect(removed).not.toContain('cairn')
    expect(await h.profiles(NEW).rewriteIfCommandChanged()).toBeNull()
    expect(readFileSync(h.config, 'utf8')).toBe(removed)

    rmSync(h.config)
    expect(await h.profiles(NEW).rewriteIfCommandChanged()).toBeNull()
    expect(existsSync(h.config)).toBe(false)
  })

  it('does nothing without a command of its own or without roles', async () => {
    const h = await setUp()
    const before = readFileSync(h.config, 'utf8')
    expect(await h.profiles(null).rewriteIfCommandChanged()).toBeNull()
    const empty = home()
    writeFileSync(empty.config, before)
    expect(await empty.profiles(NEW).rewriteIfCommandChanged()).toBeNull()
    expect(readFileSync(empty.config, 'utf8')).toBe(before)
  })
})

describe('the app start (createServices)', () => {
  it('rewrites the moved profiles by itself, logs where, and tells the tray', async () => {
    const h = await setUp()
    const before = readFileSync(h.config, 'utf8')
    const logged: string[] = []
    const log: Logger = { info: (m) => void logged.push(m), warn: (m) => void logged.push(m), error: (m, e) => void logged.push(`${m} ${String(e)}`) }
    const changed = vi.fn()
    createServices({
      name: 'Cairn',
      version: '0.0.0-test',
      versions: { node: process.versions.node },
      practice: { server: null, status: () => ({ running: false }) as never, close: async () => undefined },
      dataDir: h.dataDir,
      secretStore: {} as SecretStore,
      cairnCommand: NEW,
      awsEnv: h.env,
      homedir: h.dir,
      platform: 'linux',
      onProfilesChanged: changed,
      log
    })
    await vi.waitFor(() => expect(readFileSync(h.config, 'utf8')).toBe(before.replaceAll(OLD[0]!, NEW[0]!)), { timeout: 5000, interval: 50 })
    await vi.waitFor(() => expect(changed).toHaveBeenCalledTimes(1))
    expect(logged).toEqual([`AWS config profiles in ${h.config} now run this copy of Cairn.`])
  })
})
