import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { ConfigFileChangedError } from '../../../src/main/profiles/config-file-writer'
import { writeCairnProfiles } from '../../../src/main/profiles/write-profiles'

/** How many of the next writes find that the user saved the file meanwhile. */
const race = vi.hoisted(() => ({ edits: 0 }))
vi.mock('../../../src/main/profiles/config-file-writer', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/main/profiles/config-file-writer')>()
  return {
    ...real,
    writeConfigFile: async (...args: Parameters<typeof real.writeConfigFile>) => {
      if (race.edits > 0) {
        race.edits--
        appendFileSync(args[0], `[profile saved-meanwhile-${race.edits}]\nregion = eu-north-1\n`)
      }
      return real.writeConfigFile(...args)
    }
  }
})

const dir = mkdtempSync(join(tmpdir(), 'cairn-write-profiles-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const profiles = [
  { name: 'cairn-dev', credentialProcess: '/usr/bin/node /opt/cairn.js credential-process dev', region: 'us-east-1' },
  { name: 'cairn', credentialProcess: '/usr/bin/node /opt/cairn.js credential-process --active', region: 'us-east-1' }
]
const paths = (name: string) => {
  mkdirSync(join(dir, name), { recursive: true })
  return { config: join(dir, name, 'config'), credentials: join(dir, name, 'credentials') }
}

describe("writing Cairn's profiles", () => {
  it('creates the config file, readable by its owner only, and writes nothing the second time', async () => {
    const where = paths('fresh')
    expect((await writeCairnProfiles(where, [])).written).toBe(false)
    const first = await writeCairnProfiles(where, profiles)
    expect(first).toEqual({ file: where.config, written: true, backup: null, profiles: ['cairn-dev', 'cairn'], shadowed: [], conflicts: [] })
    if (process.platform !== 'win32') expect(statSync(where.config).mode & 0o777).toBe(0o600)
    expect((await writeCairnProfiles(where, profiles)).written).toBe(false)
  })

  it("backs up the user's file before the first change", async () => {
    const where = paths('backup')
    writeFileSync(where.config, '[profile mine]\nregion = eu-west-1\n')
    const write = await writeCairnProfiles(where, profiles)
    expect(write.backup).toMatch(/config\.cairn-backup-/)
    expect(readFileSync(write.backup!, 'utf8')).toBe('[profile mine]\nregion = eu-west-1\n')
  })

  it("explains a profile of the user's own that has Cairn's name, and writes nothing", async () => {
    const where = paths('conflict')
    writeFileSync(where.config, '[profile cairn-dev]\nregion = eu-west-1\n')
    const write = await writeCairnProfiles(where, profiles)
    expect(write.written).toBe(false)
    expect(write.conflicts).toEqual([
      { profile: 'cairn-dev', line: 1, message: 'A profile named cairn-dev already exists and was not made by Cairn; rename it or remove it, then try again.' }
    ])
    expect(readFileSync(where.config, 'utf8')).toBe('[profile cairn-dev]\nregion = eu-west-1\n')
  })

  it('names the profiles the credentials file would shadow', async () => {
    const where = paths('shadow')
    writeFileSync(where.credentials, '[cairn]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n[cairn-ops]\n')
    expect((await writeCairnProfiles(where, profiles)).shadowed).toEqual(['cairn'])
  })

  it('starts over from the file as it is now when the user saves it meanwhile, keeping their edit', async () => {
    const where = paths('race')
    writeFileSync(where.config, '[profile mine]\nregion = eu-west-1\n')
    race.edits = 1
    const write = await writeCairnProfiles(where, profiles)
    expect(write.written).toBe(true)
    const text = readFileSync(where.config, 'utf8')
    expect(text.startsWith('[profile mine]\nregion = eu-west-1\n[profile saved-meanwhile-0]\nregion = eu-north-1\n')).toBe(true)
    expect(text).toContain('[profile cairn-dev]')
  })

  it('gives up after three tries against a file that keeps changing, having written nothing of its own', async () => {
    const where = paths('busy')
    writeFileSync(where.config, '')
    race.edits = 5
    await expect(writeCairnProfiles(where, profiles)).rejects.toBeInstanceOf(ConfigFileChangedError)
    race.edits = 0
    expect(readFileSync(where.config, 'utf8')).not.toContain('cairn')
  })
})
