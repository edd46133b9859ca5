import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  ConfigFileChangedError,
  ConfigFileNotUtf8Error,
  ConfigFileNotWritableError,
  readConfigFile,
  writeConfigFile
} from '../../../src/main/profiles/config-file-writer'

let home: string
let aws: string
let config: string
const modeOf = (file: string) => statSync(file).mode & 0o777
const backupsIn = (dir: string) => readdirSync(dir).filter((name) => name.includes('.cairn-backup-'))

beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'cairn-writer-'))
  aws = path.join(home, '.aws')
  config = path.join(aws, 'config')
})
afterEach(() => {
  chmodSync(home, 0o700)
  if (readdirSync(home).includes('.aws')) chmodSync(aws, 0o700)
  rmSync(home, { recursive: true, force: true })
})

function userFile(text: string, mode = 0o600): void {
  mkdirSync(aws, { recursive: true, mode: 0o700 })
  writeFileSync(config, text, { mode })
  chmodSync(config, mode)
}

describe('writeConfigFile', () => {
  it('creates ~/.aws (0700) and a new config file (0600) when there is none', async () => {
    const outcome = await writeConfigFile(config, '[profile cairn]\n', { expectedOriginal: null })
    expect(outcome).toEqual({ file: config, backup: null })
    expect(readFileSync(config, 'utf8')).toBe('[profile cairn]\n')
    expect(modeOf(aws)).toBe(0o700)
    expect(modeOf(config)).toBe(0o600)
    expect(backupsIn(aws)).toEqual([])
  })

  it('backs up the user’s file before Cairn’s first write, and only then', async () => {
    const original = '# mine\r\n[default]\r\nregion = us-east-1'
    userFile(original, 0o644)
    const first = await writeConfigFile(config, `${original}\r\n\r\n[profile cairn]\r\n`, { expectedOriginal: original })
    expect(first.backup).toMatch(/config\.cairn-backup-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/)
    expect(readFileSync(first.backup ?? '', 'utf8')).toBe(original)
    expect(modeOf(first.backup ?? '')).toBe(0o600)

    const second = await writeConfigFile(config, original, { expectedOriginal: `${original}\r\n\r\n[profile cairn]\r\n` })
    expect(second.backup).toBeNull()
    expect(backupsIn(aws)).toHaveLength(1)
  })

  it('keeps the mode the user gave an existing file', async () => {
    userFile('[default]\n', 0o640)
    await writeConfigFile(config, '[default]\nregion = x\n', { expectedOriginal: '[default]\n' })
    expect(modeOf(config)).toBe(0o640)
  })

  it('writes every byte as given: BOM, CRLF, no final newline', async () => {
    const text = '\uFEFF[default]\r\nregion = us-east-1'
    await writeConfigFile(config, text, { expectedOriginal: null })
    expect(readFileSync(config)).toEqual(Buffer.from(text, 'utf8'))
    expect(await readConfigFile(config)).toBe(text)
  })

  it('leaves no temporary file behind', async () => {
    userFile('[default]\n')
    await writeConfigFile(config, '[default]\nregion = x\n', { expectedOriginal: '[default]\n' })
    expect(readdirSync(aws).filter((name) => !name.includes('.cairn-backup-'))).toEqual(['config'])
  })
})

describe('writeConfigFile never clobbers an edit it has not seen', () => {
  it('refuses, writing nothing, when the file changed since it was read', async () => {
    userFile('[default]\nregion = us-west-2\n')
    const attempt = writeConfigFile(config, '[profile cairn]\n', { expectedOriginal: '[default]\n' })
    await expect(attempt).rejects.toBeInstanceOf(ConfigFileChangedError)
    await expect(attempt).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/wrote nothing/) })
    expect(readFileSync(config, 'utf8')).toBe('[default]\nregion = us-west-2\n')
    expect(readdirSync(aws)).toEqual(['config'])
  })

  it('refuses when a file appeared that the caller thought was missing', async () => {
    userFile('[default]\n')
    await expect(writeConfigFile(config, '[profile cairn]\n', { expectedOriginal: null })).rejects.toBeInstanceOf(ConfigFileChangedError)
  })

  it('refuses when the file the caller read was deleted meanwhile', async () => {
    await expect(writeConfigFile(config, '[profile cairn]\n', { expectedOriginal: '[default]\n' })).rejects.toBeInstanceOf(ConfigFileChangedError)
    expect(readdirSync(home)).toEqual([])
  })
})

describe('writeConfigFile and a symlinked config file', () => {
  it('writes through to the target and keeps the link, with the backup next to the link', async () => {
    const dotfiles = path.join(home, 'dotfiles')
    mkdirSync(dotfiles)
    mkdirSync(aws)
    writeFileSync(path.join(dotfiles, 'aws-config'), '[default]\n')
    symlinkSync('../dotfiles/aws-config', config)

    const outcome = await writeConfigFile(config, '[default]\n\n[profile cairn]\n', { expectedOriginal: '[default]\n' })
    expect(outcome.file).toBe(path.join(dotfiles, 'aws-config'))
    expect(lstatSync(config).isSymbolicLink()).toBe(true)
    expect(readFileSync(path.join(dotfiles, 'aws-config'), 'utf8')).toBe('[default]\n\n[profile cairn]\n')
    expect(readdirSync(dotfiles)).toEqual(['aws-config'])
    expect(backupsIn(aws)).toHaveLength(1)
  })

  it('creates the target of a link that points at a file not made yet', async () => {
    mkdirSync(aws)
    symlinkSync(path.join(home, 'elsewhere', 'config'), config)
    await writeConfigFile(config, '[profile cairn]\n', { expectedOriginal: null })
    expect(readFileSync(path.join(home, 'elsewhere', 'config'), 'utf8')).toBe('[profile cairn]\n')
    expect(lstatSync(config).isSymbolicLink()).toBe(true)
  })
})

describe('writeConfigFile where it may not write', () => {
  it('says how to make a read-only file writable, and leaves it alone', async () => {
    userFile('[default]\n', 0o400)
    const attempt = writeConfigFile(config, '[profile cairn]\n', { expectedOriginal: '[default]\n' })
    await expect(attempt).rejects.toBeInstanceOf(ConfigFileNotWritableError)
    await expect(attempt).rejects.toMatchObject({ reason: 'read-only-file', message: expect.stringContaining(`chmod u+w "${config}"`) })
    expect(readFileSync(config, 'utf8')).toBe('[default]\n')
    expect(backupsIn(aws)).toEqual([])
  })

  it('says how to make a read-only folder writable, and writes nothing', async () => {
    userFile('[default]\n')
    chmodSync(aws, 0o500)
    const attempt = writeConfigFile(config, '[profile cairn]\n', { expectedOriginal: '[default]\n' })
    await expect(attempt).rejects.toMatchObject({ reason: 'read-only-folder', message: expect.stringContaining(`chmod u+w "${aws}"`) })
    chmodSync(aws, 0o700)
    expect(readdirSync(aws)).toEqual(['config'])
    expect(readFileSync(config, 'utf8')).toBe('[default]\n')
  })
})

describe('readConfigFile', () => {
  it('returns null when there is no file', async () => {
    expect(await readConfigFile(config)).toBeNull()
  })

  it('refuses a file that is not UTF-8, since rewriting it would lose bytes', async () => {
    mkdirSync(aws)
    writeFileSync(config, Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]))
    await expect(readConfigFile(config)).rejects.toBeInstanceOf(ConfigFileNotUtf8Error)
  })
})
