import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startEmbeddedPractice } from '../../src/practice/embedded'

const dir = mkdtempSync(join(tmpdir(), 'cairn-embedded-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('startEmbeddedPractice', () => {
  it('runs on its state file, and tells the app who holds that file when another service does', async () => {
    const file = join(dir, 'practice-account.json')
    const first = await startEmbeddedPractice({ stateFile: file })
    expect(first.status()).toMatchObject({ running: true, persisted: true })

    const errors: unknown[] = []
    const second = await startEmbeddedPractice({ stateFile: file, onError: (e) => errors.push(e) })
    expect(second.server).toBeNull()
    expect(second.status()).toEqual({
      running: false,
      message: `Another Cairn practice service (pid ${process.pid}) is using ${file}, perhaps \`cairn practice\` in a terminal. Close it, then restart Cairn.`
    })
    expect(errors).toHaveLength(1)
    await first.close()
  })
})
