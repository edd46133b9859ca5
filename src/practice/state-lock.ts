import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/**
 * One practice service per state file. Two services on one file would each overwrite the other's
 * writes, so the first takes `<stateFile>.lock` (created with O_EXCL, holding its pid) and the next
 * refuses to start. A lock whose process is gone (a crash, SIGKILL, a power cut) is stale and is
 * taken over. The holder releases it on close and, failing that, when its process exits.
 */

export class StateFileInUseError extends Error {
  constructor(
    readonly pid: number,
    readonly stateFile: string
  ) {
    super(`Another Cairn practice service (pid ${pid}) is using ${stateFile}. Close it, or use --state with another file.`)
    this.name = 'StateFileInUseError'
  }
}

export interface StateFileLock {
  readonly lockFile: string
  /** Removes the lock file if it is still the one this lock created. Safe to call twice. */
  release(): void
}

export interface LockOptions {
  /** Whether a process is running; tests replace it. */
  isAlive?: (pid: number) => boolean
}

/** An empty lock younger than this is being written (O_EXCL create, then write), not abandoned. */
const BEING_WRITTEN_MS = 1000
/** A takeover guard lives for microseconds; one this old was left by a crash mid-takeover. */
const GUARD_STALE_MS = 5000
const RETRY_MS = 20
const GIVE_UP_MS = 3000

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still makes the lock live.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Locks held by this process, so its own pid in a lock file can be told apart from a reused pid. */
const heldHere = new Map<string, StateFileLock>()
let exitHookInstalled = false

function releaseAllAtExit(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // 'exit' handlers must be synchronous, which release() is.
  process.on('exit', () => {
    for (const lock of [...heldHere.values()]) lock.release()
  })
}

const errnoCode = (error: unknown) => (error as NodeJS.ErrnoException).code

function inodeOf(file: string): bigint | null {
  try {
    return statSync(file, { bigint: true }).ino
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null
    throw error
  }
}

/** The lock as found: its text, which file it is (inode) and its age; null once it is gone. */
function readLock(lockFile: string): { text: string; ino: bigint; ageMs: number } | null {
  try {
    const stats = statSync(lockFile, { bigint: true })
    const text = readFileSync(lockFile, 'utf8')
    return { text, ino: stats.ino, ageMs: Date.now() - Number(stats.mtimeMs) }
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null
    throw error
  }
}

function tryCreate(lockFile: string): bigint | null {
  let fd: number
  try {
    fd = openSync(lockFile, 'wx', 0o600)
  } catch (error) {
    if (errnoCode(error) === 'EEXIST') return null
    throw error
  }
  try {
    writeSync(fd, `${process.pid}\n`)
  } finally {
    closeSync(fd)
  }
  return inodeOf(lockFile)
}

/**
 * Removes a stale lock, unless someone else replaced it since it was read; false when another
 * starter holds the guard. Racing starters take turns through an O_EXCL guard file, so none of
 * them removes a lock another has just taken.
 */
function removeStale(lockFile: string, seen: { text: string; ino: bigint }): boolean {
  const guard = `${lockFile}.takeover`
  let fd: number
  try {
    fd = openSync(guard, 'wx', 0o600)
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error
    const age = readLock(guard)?.ageMs ?? 0
    if (age > GUARD_STALE_MS) unlinkQuietly(guard)
    return false
  }
  try {
    const current = readLock(lockFile)
    if (current && current.ino === seen.ino && current.text === seen.text) unlinkSync(lockFile)
    return true
  } finally {
    closeSync(fd)
    unlinkQuietly(guard)
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file)
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw error
  }
}

function hold(lockFile: string, ino: bigint): StateFileLock {
  let released = false
  const lock: StateFileLock = {
    lockFile,
    release() {
      if (released) return
      released = true
      heldHere.delete(lockFile)
      // Never remove a lock that is no longer ours (taken over after a pid check went wrong).
      if (inodeOf(lockFile) === ino) unlinkQuietly(lockFile)
    }
  }
  heldHere.set(lockFile, lock)
  releaseAllAtExit()
  return lock
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Takes `<stateFile>.lock`, or rejects with StateFileInUseError while a live service holds it. */
export async function lockStateFile(stateFile: string, options: LockOptions = {}): Promise<StateFileLock> {
  const isAlive = options.isAlive ?? processIsAlive
  const file = resolve(stateFile)
  const lockFile = `${file}.lock`
  mkdirSync(dirname(lockFile), { recursive: true, mode: 0o700 })
  const deadline = Date.now() + GIVE_UP_MS
  while (Date.now() < deadline) {
    const created = tryCreate(lockFile)
    if (created !== null) return hold(lockFile, created)
    const found = readLock(lockFile)
    if (!found) continue
    const pid = /^(\d+)\s*$/.exec(found.text)?.[1]
    if (pid !== undefined) {
      const holder = Number(pid)
      // Our own pid without a lock held here is a previous process's, reused (containers do that).
      const live = holder === process.pid ? heldHere.has(lockFile) : isAlive(holder)
      if (live) throw new StateFileInUseError(holder, file)
    }
    const young = pid === undefined && found.ageMs < BEING_WRITTEN_MS
    if (young || !removeStale(lockFile, found)) await sleep(RETRY_MS)
  }
  throw new Error(`Could not take the lock ${lockFile}: it kept changing. Try again.`)
}
