import { promises as fs } from 'node:fs'
import path from 'node:path'
import { CairnError } from '../../shared/errors'

export interface FileLockOptions {
  /** How long to wait for another holder before giving up. */
  waitMs?: number
  /** A lock older than this is a leftover of a process that died holding it. */
  staleMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function holderGone(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

async function isStale(file: string, staleMs: number): Promise<boolean> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)])
    const pid = Number.parseInt(text, 10)
    return (Number.isInteger(pid) && pid > 0 && holderGone(pid)) || Date.now() - stat.mtimeMs > staleMs
  } catch {
    // Gone already (released), or written half a moment ago: try again rather than break it.
    return false
  }
}

/**
 * Runs `task` while holding `file` (created with O_EXCL, so one process at a time across the
 * machine). A holder that died is detected by its pid or the lock's age, so a crash never leaves
 * the lock stuck. For work many processes may start at once, such as a role's first session.
 */
export async function withFileLock<T>(file: string, task: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const deadline = Date.now() + (options.waitMs ?? 15_000)
  const staleMs = options.staleMs ?? 30_000
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 })
  for (;;) {
    try {
      const handle = await fs.open(file, 'wx', 0o600)
      try {
        await handle.writeFile(String(process.pid))
      } finally {
        await handle.close()
      }
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      if (await isStale(file, staleMs)) {
        await fs.unlink(file).catch(() => undefined)
        continue
      }
      if (Date.now() > deadline)
        throw new CairnError('CONFLICT', 'Another Cairn process is busy with the same thing and has not finished; try again in a moment.')
      await sleep(25 + Math.random() * 50)
    }
  }
  try {
    return await task()
  } finally {
    await fs.unlink(file).catch(() => undefined)
  }
}
