import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { cairnProfilesIn, removeCairnProfiles } from '../../src/main/profiles/cairn-sections'
import { BACKUP_INFIX } from '../../src/main/profiles/config-file-writer'
import { parseIni } from '../../src/main/profiles/ini-document'
import { createProfilesService, type ProfilesService } from '../../src/main/profiles/profiles-service'
import type { SecretStore } from '../../src/main/vault/secret-store'

/**
 * Fault family 2: the AWS config file is read-only, malformed, or saved by the user while Cairn
 * writes it. Real files through the profiles service (the app's and the CLI's write path);
 * the only stand-in is the moment a "user" saves the file, placed inside Cairn's write.
 */

/** Saves the user makes while Cairn is writing: each runs when Cairn opens its temporary file. */
const user = vi.hoisted(() => ({ saves: [] as Array<() => void> }))
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  const open: typeof real.open = (async (file: Parameters<typeof real.open>[0], ...rest: unknown[]) => {
    // After Cairn read the file and before its rename: the window a concurrent save must not be lost in.
    if (String(file).endsWith('.tmp') && String(file).includes('.cairn-')) user.saves.shift()?.()
    return (real.open as (...args: unknown[]) => ReturnType<typeof real.open>)(file, ...rest)
  }) as typeof real.open
  return { ...real, open, default: { ...real, open } }
})

const root = mkdtempSync(join(tmpdir(), 'cairn-fault-config-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const ACCOUNT = '123456789012'
const noVault: () => Promise<SecretStore> = () => Promise.reject(new Error('writing profiles needs no keychain'))
let faultsInjected = 0

interface Home {
  dir: string
  config: string
  profiles: ProfilesService
}

async function home(name: string): Promise<Home> {
  const dir = join(root, name)
  mkdirSync(join(dir, '.aws'), { recursive: true, mode: 0o700 })
  const config = join(dir, '.aws', 'config')
  const profiles = createProfilesService({
    dataDir: join(dir, 'data'),
    vault: noVault,
    cairnCommand: ['/usr/bin/node', '/opt/cairn/bin/cairn.js'],
    env: { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, '.aws', 'credentials') },
    homedir: dir,
    platform: 'linux'
  })
  await profiles.registerAccount({
    accountId: ACCOUNT,
    roles: [
      { role: 'dev', userName: 'dev', requiresMfa: true, hasAccessKey: true, consoleAccess: true },
      { role: 'ops', userName: 'ops', requiresMfa: true, hasAccessKey: true, consoleAccess: true }
    ]
  })
  return { dir, config, profiles }
}

const backupsOf = (h: Home) => readdirSync(join(h.dir, '.aws')).filter((name) => name.includes(BACKUP_INFIX))
const leftovers = (h: Home) => readdirSync(join(h.dir, '.aws')).filter((name) => name.endsWith('.tmp'))

/** The user's part of a config file: everything but Cairn's sections. */
const usersPart = (text: string) => removeCairnProfiles(text).text

beforeEach(() => {
  user.saves = []
})
afterEach(() => {
  expect(user.saves).toEqual([])
})

describe('a read-only AWS config file', () => {
  it('(chmod 0400) is left byte-for-byte, with an error naming the file and the command that fixes it', async () => {
    const h = await home('read-only-file')
    const original = '[profile mine]\nregion = eu-west-1\n'
    writeFileSync(h.config, original)
    chmodSync(h.config, 0o400)
    faultsInjected++
    await expect(h.profiles.writeConfig()).rejects.toThrow(`${h.config} is read-only, so Cairn left it unchanged. Make it writable (chmod u+w "${h.config}")`)
    expect(readFileSync(h.config, 'utf8')).toBe(original)
    expect(statSync(h.config).mode & 0o777).toBe(0o400)
    expect(backupsOf(h)).toEqual([])
    expect(leftovers(h)).toEqual([])

    chmodSync(h.config, 0o600)
    const write = await h.profiles.writeConfig()
    expect(write.written).toBe(true)
    expect(usersPart(readFileSync(h.config, 'utf8'))).toBe(original)
  })

  it('in a read-only folder (chmod 0500) is left alone, with an error naming the folder', async () => {
    const h = await home('read-only-folder')
    const original = '[default]\nregion = eu-west-1\n'
    writeFileSync(h.config, original)
    const folder = join(h.dir, '.aws')
    chmodSync(folder, 0o500)
    faultsInjected++
    try {
      await expect(h.profiles.writeConfig()).rejects.toThrow(
        `Cairn cannot create files in ${folder}, so it left ${h.config} unchanged. Make that folder writable (chmod u+w "${folder}")`
      )
    } finally {
      chmodSync(folder, 0o700)
    }
    expect(readFileSync(h.config, 'utf8')).toBe(original)
    expect(backupsOf(h)).toEqual([])
    expect(leftovers(h)).toEqual([])
  })
})

/** Files a person or another tool may leave behind; each must be edited only in Cairn's sections, or refused. */
const malformed: Record<string, string> = {
  'a line that is not INI': '[profile mine]\nregion = eu-west-1\nthis line is not ini at all\n',
  'text before any section': 'stray words\n[profile mine]\nregion = eu-west-1\n',
  'CRLF line endings': '[profile mine]\r\nregion = eu-west-1\r\n\r\n[default]\r\noutput = json\r\n',
  'mixed and lone-CR endings': '[profile mine]\rregion = eu-west-1\r\n[profile b]\noutput = text\r',
  'no trailing newline': '[profile mine]\nregion = eu-west-1',
  'a byte order mark': '\uFEFF[profile mine]\nregion = eu-west-1\n',
  'NUL bytes and control characters': '[profile mine]\nregion = eu-west-1\n\u0000\u0001\u001b[31m\n# \u0007 bell\n',
  'a duplicate section of the user': '[profile mine]\nregion = a\n[profile mine]\nregion = b\n',
  'an unclosed header': '[profile mine\nregion = eu-west-1\n',
  'tabs, trailing spaces and a continuation': '[profile mine]\t\nregion = eu-west-1   \ns3 =\n    max_concurrent_requests = 4\n',
  'Cairn sections written twice (a bad merge)': [
    '[profile mine]',
    'region = eu-west-1',
    '',
    '# managed by Cairn: edits here are replaced',
    '[profile cairn-dev]',
    'credential_process = old one',
    'region = us-east-1',
    '',
    '# a comment of the user',
    '# managed by Cairn: edits here are replaced',
    '[profile cairn-dev]',
    'credential_process = older one',
    'region = us-east-1',
    '',
    '[profile after]',
    'output = json',
    ''
  ].join('\n')
}

describe('a malformed AWS config file', () => {
  for (const [name, original] of Object.entries(malformed)) {
    it(`with ${name}: Cairn changes only its own sections and backs the file up (0600)`, async () => {
      const h = await home(`malformed-${name.replace(/\W+/g, '-')}`)
      writeFileSync(h.config, original)
      faultsInjected++
      const write = await h.profiles.writeConfig()
      expect(write.written).toBe(true)
      const after = readFileSync(h.config, 'utf8')
      // The user's bytes, all of them and in place; Cairn's sections exactly once each.
      // (Appending, Cairn may end the user's last line; nothing of the user's changes.)
      if (cairnProfilesIn(original).length === 0) expect(after.startsWith(original)).toBe(true)
      else expect(usersPart(after)).toBe(usersPart(original))
      expect(cairnProfilesIn(after).sort()).toEqual(['cairn', 'cairn-dev', 'cairn-ops'])
      const cairnHeaders = parseIni(after)
        .sections.filter((s) => s.name.startsWith('cairn'))
        .map((s) => s.name)
      expect(new Set(cairnHeaders).size).toBe(cairnHeaders.length)
      expect(after.includes('old one') || after.includes('older one')).toBe(false)

      const [backup, ...more] = backupsOf(h)
      expect(more).toEqual([])
      expect(readFileSync(join(h.dir, '.aws', backup!), 'utf8')).toBe(original)
      expect(statSync(join(h.dir, '.aws', backup!)).mode & 0o777).toBe(0o600)
      expect(leftovers(h)).toEqual([])

      // Writing again changes nothing: Cairn reads back what it wrote.
      expect((await h.profiles.writeConfig()).written).toBe(false)
    })
  }

  it('that is not UTF-8 (binary garbage) is refused with a message saying what to do, and left byte-for-byte', async () => {
    const h = await home('binary')
    const original = Buffer.concat([Buffer.from('[profile mine]\nregion = eu-west-1\n'), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x0a])])
    writeFileSync(h.config, original)
    faultsInjected++
    await expect(h.profiles.writeConfig()).rejects.toThrow(`${h.config} is not UTF-8 text, so Cairn will not change it`)
    expect(readFileSync(h.config).equals(original)).toBe(true)
    expect(backupsOf(h)).toEqual([])
    expect(leftovers(h)).toEqual([])
  })
})

describe('the AWS config file saved by the user while Cairn writes it', () => {
  it('keeps the user’s save: Cairn starts over from the saved file and adds its sections to it', async () => {
    const h = await home('saved-meanwhile')
    const original = '[profile mine]\nregion = eu-west-1\n'
    writeFileSync(h.config, original)
    const saved = `${original}\n[profile saved-while-cairn-wrote]\nregion = ap-south-1\n`
    user.saves.push(() => writeFileSync(h.config, saved))
    faultsInjected++

    const write = await h.profiles.writeConfig()
    expect(write.written).toBe(true)
    const after = readFileSync(h.config, 'utf8')
    expect(after.startsWith(saved)).toBe(true)
    expect(usersPart(after)).toBe(saved)
    expect(cairnProfilesIn(after).sort()).toEqual(['cairn', 'cairn-dev', 'cairn-ops'])
    expect(leftovers(h)).toEqual([])
    // The backup is the file as it was before Cairn's first change, 0600.
    const [backup] = backupsOf(h)
    expect(readFileSync(join(h.dir, '.aws', backup!), 'utf8')).toBe(original)
    expect(statSync(join(h.dir, '.aws', backup!)).mode & 0o777).toBe(0o600)
  })

  it('keeps a save that replaced Cairn’s own sections, and puts them back around the user’s edit', async () => {
    const h = await home('saved-over-cairn')
    await h.profiles.writeConfig()
    // The user edited a Cairn section (which Cairn puts back), then saves again while Cairn writes.
    const edited = readFileSync(h.config, 'utf8').replace('region = us-east-1', 'region = eu-central-1\n# the user commented here')
    writeFileSync(h.config, edited)
    user.saves.push(() => writeFileSync(h.config, `${edited}\n[profile added]\noutput = json\n`))
    faultsInjected++
    await h.profiles.writeConfig()
    const after = readFileSync(h.config, 'utf8')
    expect(after).toContain('[profile added]\noutput = json\n')
    expect(after).toContain('# the user commented here')
    expect(after).not.toContain('eu-central-1')
    expect(cairnProfilesIn(after).sort()).toEqual(['cairn', 'cairn-dev', 'cairn-ops'])
  })

  it('reports a conflict when the user keeps saving, and the file is exactly the user’s last save', async () => {
    const h = await home('saving-all-the-time')
    writeFileSync(h.config, '[profile mine]\nregion = eu-west-1\n')
    let last = ''
    for (let i = 0; i < 3; i++) {
      user.saves.push(() => {
        last = `[profile mine]\nregion = eu-west-1\n# save ${i}\n`
        writeFileSync(h.config, last)
      })
    }
    faultsInjected += 3
    await expect(h.profiles.writeConfig()).rejects.toThrow(`${h.config} changed while Cairn was updating it, so Cairn wrote nothing. Try again`)
    expect(readFileSync(h.config, 'utf8')).toBe(last)
    expect(leftovers(h)).toEqual([])
    // The user stopped saving: the next write goes through.
    expect((await h.profiles.writeConfig()).written).toBe(true)
    expect(usersPart(readFileSync(h.config, 'utf8'))).toBe(last)
  })

  it('follows a delete made meanwhile: Cairn writes a new file from what is there now (nothing), 0600', async () => {
    const h = await home('deleted-meanwhile')
    writeFileSync(h.config, '[profile mine]\nregion = eu-west-1\n')
    user.saves.push(() => rmSync(h.config))
    faultsInjected++
    await h.profiles.writeConfig()
    const after = readFileSync(h.config, 'utf8')
    expect(after).not.toContain('[profile mine]')
    expect(cairnProfilesIn(after).sort()).toEqual(['cairn', 'cairn-dev', 'cairn-ops'])
    expect(statSync(h.config).mode & 0o777).toBe(0o600)
    expect(existsSync(h.config)).toBe(true)
  })
})

afterAll(() => {
  console.log(`config-file faults injected: ${faultsInjected}`)
})
