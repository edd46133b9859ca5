import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { mkdir, open, rename } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { PracticeState } from './state'
import { upgradeState } from './state-upgrade'

/**
 * Where the practice account's state lives. In memory, or in a JSON file written atomically:
 * write a temp file in the same directory, fsync it, move the current file to `.bak`, rename
 * the temp file into place, fsync the directory. A crash at any point leaves either the file
 * or its `.bak` holding the last complete state.
 */
export interface StateStore {
  readonly file: string | null
  /** Schedules a write; writes are coalesced, never lost. */
  markDirty(): void
  /** Resolves once every change marked so far is on disk. */
  flush(): Promise<void>
  close(): Promise<void>
}

export interface LoadedState {
  state: PracticeState | null
  /** Which copy was good: the file itself, its backup, or none (start a fresh account). */
  source: 'file' | 'backup' | 'none'
  /** Corrupt copies moved aside, e.g. state.json.corrupt-2026-03-01T10-00-00-000Z. */
  setAside: string[]
  /** The copy was in an older shape and has been brought up to date in memory (state-upgrade.ts). */
  upgraded: boolean
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Enough structure to trust a file as ours; anything less is treated as corrupt. */
export function isPracticeState(value: unknown): value is PracticeState {
  if (!isRecord(value)) return false
  const root = value['root']
  return (
    value['schemaVersion'] === 1 &&
    typeof value['accountId'] === 'string' &&
    /^\d{12}$/.test(value['accountId']) &&
    isRecord(root) &&
    Array.isArray(root['accessKeys']) &&
    isRecord(value['users']) &&
    isRecord(value['groups']) &&
    isRecord(value['customerPolicies']) &&
    isRecord(value['virtualMfaDevices']) &&
    isRecord(value['sessions']) &&
    isRecord(value['console']) &&
    typeof value['idCounter'] === 'number'
  )
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-')
}

function readCopy(path: string, now: Date, setAside: string[]): PracticeState | null {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (isPracticeState(parsed)) return parsed
  } catch {
    // falls through: unparseable is corrupt
  }
  const aside = `${path}.corrupt-${stamp(now)}`
  renameSync(path, aside)
  setAside.push(aside)
  return null
}

/** Loads the last good state, moving corrupt copies aside and sweeping temp files of interrupted writes. */
export function loadStateFile(file: string, now = new Date()): LoadedState {
  const dir = dirname(file)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const tmpPrefix = `${basename(file)}.tmp-`
  for (const name of readdirSync(dir)) {
    if (name.startsWith(tmpPrefix)) rmSync(join(dir, name), { force: true })
  }
  const setAside: string[] = []
  const fromFile = readCopy(file, now, setAside)
  if (fromFile) return { state: fromFile, source: 'file', setAside, upgraded: upgradeState(fromFile) }
  const fromBackup = readCopy(`${file}.bak`, now, setAside)
  if (fromBackup) return { state: fromBackup, source: 'backup', setAside, upgraded: upgradeState(fromBackup) }
  return { state: null, source: 'none', setAside, upgraded: false }
}

let tmpCounter = 0

/** One atomic write of `state` to `file` (see StateStore). */
export async function writeStateFile(file: string, state: PracticeState): Promise<void> {
  const dir = dirname(file)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const tmp = `${file}.tmp-${process.pid}-${++tmpCounter}`
  const handle = await open(tmp, 'w', 0o600)
  try {
    await handle.writeFile(JSON.stringify(state), 'utf8')
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await rename(file, `${file}.bak`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  await rename(tmp, file)
  const dirHandle = await open(dir, 'r')
  try {
    await dirHandle.sync()
  } finally {
    await dirHandle.close()
  }
}

export function memoryStore(): StateStore {
  return { file: null, markDirty() {}, flush: async () => {}, close: async () => {} }
}

/**
 * Persists `state` (mutated in place by the service) to `file`. Changes are coalesced for
 * `debounceMs`; a change made while a write is running triggers one more write after it.
 */
export function fileStore(file: string, state: PracticeState, options: { debounceMs?: number; onError?: (error: unknown) => void } = {}): StateStore {
  const debounceMs = options.debounceMs ?? 20
  let dirty = false
  let timer: NodeJS.Timeout | null = null
  let writing: Promise<void> | null = null
  let closed = false

  const writeLoop = async (): Promise<void> => {
    while (dirty) {
      dirty = false
      try {
        await writeStateFile(file, state)
      } catch (error) {
        // Still unsaved: the next markDirty or flush tries again.
        dirty = true
        options.onError?.(error)
        throw error
      }
    }
  }

  const startWrite = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer)
      timer = null
    }
    if (!writing) {
      writing = writeLoop().finally(() => {
        writing = null
      })
    }
    return writing
  }

  return {
    file,
    markDirty() {
      dirty = true
      if (closed || timer || writing) return
      timer = setTimeout(() => void startWrite().catch(() => undefined), debounceMs)
      timer.unref()
    },
    async flush() {
      // A write already running may have serialized the state before the latest change.
      while (dirty || writing) await startWrite()
    },
    async close() {
      closed = true
      while (dirty || writing) await startWrite()
    }
  }
}
