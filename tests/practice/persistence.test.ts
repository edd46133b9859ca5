import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newPracticeState } from '../../src/practice/new-account'
import { fileStore, isPracticeState, loadStateFile, writeStateFile } from '../../src/practice/persistence'
import { legacyState } from './legacy-state'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-state-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const fresh = (accountId = '123456789012') => newPracticeState({ accountId, now: new Date('2026-03-01T12:00:00Z') })

describe('persistence', () => {
  it('writes the state readable only by its owner and loads it back', async () => {
    const file = join(tempDir(), 'practice.json')
    const state = fresh()
    await writeStateFile(file, state)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(loadStateFile(file)).toEqual({ state, source: 'file', setAside: [], upgraded: false })
  })

  it('keeps the previous good write as .bak', async () => {
    const file = join(tempDir(), 'practice.json')
    const state = fresh()
    await writeStateFile(file, state)
    state.console.iamUserAccessToBilling = true
    await writeStateFile(file, state)
    const backup = JSON.parse(readFileSync(`${file}.bak`, 'utf8')) as { console: { iamUserAccessToBilling: boolean } }
    expect(backup.console.iamUserAccessToBilling).toBe(false)
  })

  it('moves a corrupt file aside and starts from the last good copy', async () => {
    const dir = tempDir()
    const file = join(dir, 'practice.json')
    const state = fresh()
    await writeStateFile(file, state)
    await writeStateFile(file, state)
    writeFileSync(file, '{"schemaVersion":1,"accountId":"1234')
    const loaded = loadStateFile(file)
    expect(loaded.source).toBe('backup')
    expect(loaded.state?.accountId).toBe('123456789012')
    expect(loaded.setAside).toHaveLength(1)
    expect(loaded.setAside[0]).toMatch(/practice\.json\.corrupt-\d{4}-\d\d-\d\dT/)
    expect(readFileSync(loaded.setAside[0]!, 'utf8')).toBe('{"schemaVersion":1,"accountId":"1234')
  })

  it('loads a state saved in the older shape (root mfaSerial) in the current one, and says it was upgraded', () => {
    const file = join(tempDir(), 'practice.json')
    const serial = 'arn:aws:iam::123456789012:mfa/root-account-mfa-device'
    writeFileSync(file, JSON.stringify(legacyState({ serial, seed: 'A'.repeat(64) })))
    const loaded = loadStateFile(file)
    expect(loaded).toMatchObject({ source: 'file', upgraded: true, setAside: [] })
    expect(loaded.state!.root.mfaSerials).toEqual([serial])
    expect(loaded.state!.virtualMfaDevices[serial]!.driftSteps).toBe(0)
  })

  it('treats valid JSON of the wrong shape as corrupt', () => {
    expect(isPracticeState({ schemaVersion: 1 })).toBe(false)
    expect(isPracticeState(fresh())).toBe(true)
  })

  it('starts fresh when there is neither a file nor a backup, sweeping temp files of interrupted writes', () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'practice.json.tmp-123-1'), '{"half')
    expect(loadStateFile(join(dir, 'practice.json'))).toEqual({ state: null, source: 'none', setAside: [], upgraded: false })
    expect(readdirSync(dir)).toEqual([])
  })

  it('coalesces a burst of changes and never loses the last one on close', async () => {
    const file = join(tempDir(), 'practice.json')
    const state = fresh()
    const store = fileStore(file, state, { debounceMs: 5 })
    for (let i = 0; i < 50; i++) {
      state.idCounter = i
      store.markDirty()
      if (i % 10 === 0) await new Promise((r) => setTimeout(r, 3))
    }
    state.idCounter = 999
    store.markDirty()
    await store.close()
    expect(loadStateFile(file).state?.idCounter).toBe(999)
  })
})

describe('persistence under SIGKILL', () => {
  let script: string
  beforeAll(async () => {
    const dir = tempDir()
    script = join(dir, 'write-loop.cjs')
    // A child that rewrites a growing state as fast as it can until it is killed.
    writeFileSync(
      join(dir, 'write-loop.ts'),
      `import { newPracticeState } from '${process.cwd()}/src/practice/new-account'
import { writeStateFile } from '${process.cwd()}/src/practice/persistence'
const file = process.argv[2]!
const state = newPracticeState({ accountId: '123456789012', now: new Date() })
;(async () => {
  process.stdout.write('ready\\n')
  for (let i = 0; ; i++) {
    state.idCounter = i
    state.users['u' + i] = { userName: 'u' + i, userId: 'AIDA' + i, arn: 'arn:aws:iam::123456789012:user/u' + i, path: '/', createDate: new Date().toISOString(), passwordLastUsed: null, loginProfile: null, accessKeys: [], mfaSerials: [], groups: [], attachedPolicyArns: [], inlinePolicies: {}, tags: [] }
    await writeStateFile(file, state)
  }
})()
`
    )
    await build({
      entryPoints: [join(dir, 'write-loop.ts')],
      outfile: script,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      logLevel: 'silent'
    })
  })

  it('restarts with the last good state whenever the writer is killed mid-write', async () => {
    const file = join(tempDir(), 'practice.json')
    let lastCounter = -1
    for (let round = 0; round < 8; round++) {
      const child = spawn(process.execPath, [script, file], { stdio: ['ignore', 'pipe', 'inherit'] })
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
      await new Promise((r) => setTimeout(r, 20 + round * 17))
      child.kill('SIGKILL')
      await new Promise((r) => child.once('exit', r))
      const loaded = loadStateFile(file)
      expect(loaded.setAside).toEqual([])
      expect(loaded.state).not.toBeNull()
      expect(isPracticeState(loaded.state)).toBe(true)
      expect(loaded.state!.idCounter).toBeGreaterThanOrEqual(0)
      expect(Object.keys(loaded.state!.users)).toHaveLength(loaded.state!.idCounter + 1)
      lastCounter = loaded.state!.idCounter
    }
    expect(lastCounter).toBeGreaterThanOrEqual(0)
    expect(existsSync(file) || existsSync(`${file}.bak`)).toBe(true)
  })
})
