import { promises as fs } from 'node:fs'
import path from 'node:path'

/**
 * Replaces a file atomically (temp file in the same folder, fsync, rename), readable by this
 * user only: a crash leaves the old file or the new one, never half of either.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const folder = path.dirname(file)
  await fs.mkdir(folder, { recursive: true, mode: 0o700 })
  // Unique enough with 'wx' refusing a clash; node:crypto would cost credential_process its load time.
  const temp = path.join(folder, `.${path.basename(file)}.${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.tmp`)
  try {
    const handle = await fs.open(temp, 'wx', 0o600)
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, file)
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined)
    throw error
  }
}
