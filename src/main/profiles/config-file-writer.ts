import { randomBytes } from 'node:crypto'
import type { Stats } from 'node:fs'
import { access, constants, lstat, mkdir, open, readFile, readdir, readlink, rename, stat, unlink } from 'node:fs/promises'
import path from 'node:path'
import { CairnError } from '../../shared/errors'

/**
 * Reads and writes the AWS config file without ever losing what the user wrote: a one-time
 * backup before Cairn's first change, atomic replacement, and no write at all when the file
 * changed on disk since it was read.
 */

/** The file is not what the caller read: someone edited it meanwhile. Re-read, re-apply, retry. */
export class ConfigFileChangedError extends CairnError {
  constructor(readonly file: string) {
    super('CONFLICT', `${file} changed while Cairn was updating it, so Cairn wrote nothing. Try again: Cairn starts over from what is in the file now.`)
    this.name = 'ConfigFileChangedError'
  }
}

export type NotWritableReason = 'read-only-file' | 'read-only-folder' | 'read-only-file-system'

export class ConfigFileNotWritableError extends CairnError {
  constructor(
    readonly file: string,
    readonly reason: NotWritableReason,
    options?: { cause?: unknown }
  ) {
    super('INTERNAL', notWritableMessage(file, reason))
    this.name = 'ConfigFileNotWritableError'
    if (options?.cause !== undefined) this.cause = options.cause
  }
}

/** Rewriting a file that is not UTF-8 would replace the bytes Node cannot decode. */
export class ConfigFileNotUtf8Error extends CairnError {
  constructor(readonly file: string) {
    super('INTERNAL', `${file} is not UTF-8 text, so Cairn will not change it (it could not keep every character as it is). Save it as UTF-8, then try again.`)
    this.name = 'ConfigFileNotUtf8Error'
  }
}

function notWritableMessage(file: string, reason: NotWritableReason): string {
  const windows = process.platform === 'win32'
  const folder = path.dirname(file)
  if (reason === 'read-only-file') {
    const fix = windows ? 'clear Read-only in its Properties' : `chmod u+w "${file}"`
    return `${file} is read-only, so Cairn left it unchanged. Make it writable (${fix}), or point AWS_CONFIG_FILE at a file you can write, then try again.`
  }
  if (reason === 'read-only-folder') {
    const fix = windows ? 'check its Security settings' : `chmod u+w "${folder}"`
    return `Cairn cannot create files in ${folder}, so it left ${file} unchanged. Make that folder writable (${fix}), then try again.`
  }
  return `${file} is on a read-only disk, so Cairn left it unchanged. Point AWS_CONFIG_FILE at a file on a writable disk, then try again.`
}

/** The file's text, or null when it does not exist. Follows a symlink like every reader does. */
export async function readConfigFile(file: string): Promise<string | null> {
  const bytes = await readBytes(file)
  if (bytes === null) return null
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new ConfigFileNotUtf8Error(file)
  }
}

export interface ConfigFileWrite {
  /** The file actually replaced: the symlink's target when `file` is a symlink. */
  file: string
  /** The backup made by this write (only the first write to an existing file makes one). */
  backup: string | null
}

/**
 * Replaces the file with `newText`, provided it still holds `expectedOriginal` (null: it must
 * not exist). A new file and the backup are 0600; an existing file keeps its mode and owner.
 */
export async function writeConfigFile(file: string, newText: string, options: { expectedOriginal: string | null }): Promise<ConfigFileWrite> {
  const target = await symlinkTarget(file)
  const folder = path.dirname(target)
  const before = await readBytes(target)
  if (!holds(before, options.expectedOriginal)) throw new ConfigFileChangedError(file)
  await mkdir(folder, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw asNotWritable(error, target, 'read-only-folder')
  })
  const existing = before === null ? null : await stat(target)
  await ensureWritable(target, existing)
  const backup = before === null ? null : await backUpOnce(file, before)
  await removeStrandedTemps(folder, path.basename(target))

  const temp = path.join(folder, `.${path.basename(target)}.cairn-${process.pid}-${randomBytes(6).toString('hex')}.tmp`)
  try {
    const handle = await open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(newText, 'utf8')
      if (existing) {
        await handle.chmod(existing.mode & 0o7777)
        await keepOwner(handle, existing)
      }
      await handle.sync()
    } finally {
      await handle.close()
    }
    // Checked again as late as possible: an edit saved while we wrote the temp file must win.
    if (!holds(await readBytes(target), options.expectedOriginal)) throw new ConfigFileChangedError(file)
    await rename(temp, target)
  } catch (error) {
    await unlink(temp).catch(() => undefined)
    throw asNotWritable(error, target, 'read-only-folder')
  }
  await syncFolder(folder)
  return { file: target, backup }
}

export const BACKUP_INFIX = '.cairn-backup-'

/**
 * A Cairn killed between creating its temporary file and the rename leaves that file behind
 * (it holds no secret, only a config text). Each write clears those of processes that are gone,
 * so they do not pile up next to the user's config.
 */
async function removeStrandedTemps(folder: string, name: string): Promise<void> {
  const prefix = `.${name}.cairn-`
  const names = await readdir(folder).catch(() => [])
  for (const entry of names) {
    const pid = entry.startsWith(prefix) && entry.endsWith('.tmp') ? /^(\d+)-[0-9a-f]{12}\.tmp$/.exec(entry.slice(prefix.length))?.[1] : undefined
    if (pid === undefined || Number(pid) === process.pid || processAlive(Number(pid))) continue
    await unlink(path.join(folder, entry)).catch(() => undefined)
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return codeOf(error) === 'EPERM'
  }
}

/**
 * The backup sits next to the path the user knows (the symlink, not its target: a dotfiles
 * repository should not collect stray files). Any earlier backup there means Cairn wrote before.
 */
async function backUpOnce(file: string, bytes: Buffer): Promise<string | null> {
  const folder = path.dirname(file)
  const prefix = path.basename(file) + BACKUP_INFIX
  if ((await readdir(folder)).some((name) => name.startsWith(prefix))) return null
  // Colons are not allowed in Windows file names, so the ISO time uses dashes there.
  const backup = path.join(folder, prefix + new Date().toISOString().replaceAll(':', '-'))
  try {
    const handle = await open(backup, 'wx', 0o600)
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch (error) {
    throw asNotWritable(error, file, 'read-only-folder')
  }
  return backup
}

/**
 * Write permission is checked by hand as well: the rename would succeed on a read-only file
 * (and everywhere for root), but a file or folder made read-only is the user saying "leave it".
 */
async function ensureWritable(target: string, existing: Stats | null): Promise<void> {
  const folder = path.dirname(target)
  if (existing && ((existing.mode & 0o200) === 0 || !(await canWrite(target)))) throw new ConfigFileNotWritableError(target, 'read-only-file')
  const folderStats = await stat(folder)
  if ((folderStats.mode & 0o200) === 0 || !(await canWrite(folder))) throw new ConfigFileNotWritableError(target, 'read-only-folder')
}

async function canWrite(file: string): Promise<boolean> {
  try {
    await access(file, constants.W_OK)
    return true
  } catch (error) {
    if (codeOf(error) === 'EROFS') throw new ConfigFileNotWritableError(file, 'read-only-file-system', { cause: error })
    return false
  }
}

function asNotWritable(error: unknown, file: string, reason: NotWritableReason): unknown {
  const code = codeOf(error)
  if (code === 'EROFS') return new ConfigFileNotWritableError(file, 'read-only-file-system', { cause: error })
  if (code === 'EACCES' || code === 'EPERM') return new ConfigFileNotWritableError(file, reason, { cause: error })
  return error
}

/** Follows a chain of symlinks to the file that holds the text, even when it does not exist yet. */
async function symlinkTarget(file: string): Promise<string> {
  let current = path.resolve(file)
  for (let hops = 0; hops < 40; hops++) {
    let stats: Stats
    try {
      stats = await lstat(current)
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return current
      throw error
    }
    if (!stats.isSymbolicLink()) return current
    current = path.resolve(path.dirname(current), await readlink(current))
  }
  throw new Error(`${file} is a loop of symbolic links; fix the link, then try again.`)
}

async function keepOwner(handle: { chown(uid: number, gid: number): Promise<void> }, existing: Stats): Promise<void> {
  const uid = process.getuid?.()
  const gid = process.getgid?.()
  if (uid === undefined || (existing.uid === uid && existing.gid === gid)) return
  // Only root may give a file away; anyone else keeps owning what they write.
  await handle.chown(existing.uid, existing.gid).catch(() => undefined)
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the rename itself durable. Windows cannot open a folder for syncing; NTFS journals renames.
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    return
  }
}

async function readBytes(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file)
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null
    throw error
  }
}

function holds(bytes: Buffer | null, expected: string | null): boolean {
  if (bytes === null || expected === null) return bytes === expected
  return bytes.equals(Buffer.from(expected, 'utf8'))
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined
}
