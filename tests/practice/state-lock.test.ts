import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lockStateFile, processIsAlive, StateFileInUseError } from '../../src/practice/state-lock'

const dirs: string[] = []
function stateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-lock-'))
  dirs.push(dir)
  return join(dir, 'practice.json')
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

const inUse = (pid: number, file: string) => `Another Cairn practice service (pid ${pid}) is using ${file}. Close it, or use --state with another file.`

async function rejection(promise: Promise<unknown>): Promise<StateFileInUseError> {
  const error = await promise.then(
    () => new Error('expected the lock to be refused'),
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(StateFileInUseError)
  return error as StateFileInUseError
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''])
  await new Promise((r) => child.once('exit', r))
  return child.pid!
}

describe('lockStateFile', () => {
  it('creates FILE.lock holding its pid, and removes it on release', async () => {
    const file = stateFile()
    const lock = await lockStateFile(file)
    expect(lock.lockFile).toBe(`${file}.lock`)
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`)
    lock.release()
    expect(existsSync(`${file}.lock`)).toBe(false)
    lock.release()
  })

  it('refuses a second lock on the same file while the first is held, naming the holder', async () => {
    const file = stateFile()
    const lock = await lockStateFile(file)
    const refused = await rejection(lockStateFile(file))
    expect(refused.message).toBe(inUse(process.pid, file))
    expect({ pid: refused.pid, stateFile: refused.stateFile }).toEqual({ pid: process.pid, stateFile: file })
    lock.release()
    ;(await lockStateFile(file)).release()
  })

  it('takes over a lock whose process is gone', async () => {
    const file = stateFile()
    writeFileSync(`${file}.lock`, `${await deadPid()}\n`)
    const lock = await lockStateFile(file)
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`)
    lock.release()
  })

  it('takes over a lock holding its own pid that this process never took (a pid reused after a crash)', async () => {
    const file = stateFile()
    writeFileSync(`${file}.lock`, `${process.pid}\n`)
    const lock = await lockStateFile(file)
    await rejection(lockStateFile(file))
    lock.release()
  })

  it('waits out a lock still being written, and takes over one left empty by a crash', async () => {
    const file = stateFile()
    writeFileSync(`${file}.lock`, '')
    const old = new Date(Date.now() - 60_000)
    utimesSync(`${file}.lock`, old, old)
    ;(await lockStateFile(file)).release()

    writeFileSync(`${file}.lock`, '')
    const pending = lockStateFile(file, { isAlive: () => true })
    await new Promise((r) => setTimeout(r, 100))
    writeFileSync(`${file}.lock`, '4242\n')
    expect((await rejection(pending)).pid).toBe(4242)
  })

  it('answers "in use" for a live pid, as the injected check says', async () => {
    const file = stateFile()
    writeFileSync(`${file}.lock`, '4242\n')
    expect((await rejection(lockStateFile(file, { isAlive: (pid) => pid === 4242 }))).message).toBe(inUse(4242, file))
    ;(await lockStateFile(file, { isAlive: () => false })).release()
  })

  it('never removes a lock that is no longer its own on release', async () => {
    const file = stateFile()
    const lock = await lockStateFile(file)
    // Another service took the file over (its pid check went wrong): its lock must survive ours.
    renameSync(`${file}.lock`, `${file}.lock.mine`)
    writeFileSync(`${file}.lock`, '4242\n')
    lock.release()
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe('4242\n')
  })

  it('tells live processes from gone ones', async () => {
    expect(processIsAlive(process.pid)).toBe(true)
    expect(processIsAlive(await deadPid())).toBe(false)
  })
})

describe('lockStateFile across processes', () => {
  let script: string
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-lock-script-'))
    dirs.push(dir)
    script = join(dir, 'hold-lock.cjs')
    // A child that takes the lock, then exits at once or holds it until killed.
    writeFileSync(
      join(dir, 'hold-lock.ts'),
      `import { lockStateFile } from '${process.cwd()}/src/practice/state-lock'
lockStateFile(process.argv[2]!).then(() => {
  process.stdout.write('locked\\n')
  if (process.argv[3] === 'exit') process.exit(0)
  setInterval(() => undefined, 1000)
})
`
    )
    await build({ entryPoints: [join(dir, 'hold-lock.ts')], outfile: script, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' })
  })

  function holder(file: string, mode: 'exit' | 'hold'): { child: ChildProcess; locked: Promise<void>; exited: Promise<void> } {
    const child = spawn(process.execPath, [script, file, mode], { stdio: ['ignore', 'pipe', 'inherit'] })
    const locked = new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()))
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    return { child, locked, exited }
  }

  it('is released when the holding process exits without closing', async () => {
    const file = stateFile()
    const run = holder(file, 'exit')
    await run.locked
    await run.exited
    expect(existsSync(`${file}.lock`)).toBe(false)
  })

  it('refuses while another process holds it, and takes it over once that process was killed', async () => {
    const file = stateFile()
    const run = holder(file, 'hold')
    await run.locked
    expect((await rejection(lockStateFile(file))).message).toBe(inUse(run.child.pid!, file))
    run.child.kill('SIGKILL')
    await run.exited
    // SIGKILL runs no exit handler: the lock is left behind, stale.
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(`${run.child.pid}\n`)
    ;(await lockStateFile(file)).release()
  })
})
