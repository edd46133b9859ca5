import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { CreateUserCommand, IAMClient, ListUsersCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCliBundle } from '../cli-bundle'
import { main } from '../../../src/cli/main'
import { loadStateFile } from '../../../src/practice'

interface Started {
  endpoint: string
  accountId: string
  accessKeyId: string
  secretAccessKey: string
}

const clients = (s: Started) => {
  const config = { endpoint: s.endpoint, region: 'us-east-1', credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey }, maxAttempts: 1 }
  return { iam: new IAMClient(config), sts: new STSClient(config) }
}

function capture(signal?: AbortSignal) {
  const out = { stdout: '', stderr: '' }
  return {
    out,
    io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, env: {}, ...(signal ? { signal } : {}) }
  }
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-cli-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

describe('cairn practice (in process)', () => {
  it('prints exactly one JSON line with the endpoint, account and root credentials, and serves until stopped', async () => {
    const stop = new AbortController()
    const { out, io } = capture(stop.signal)
    const running = main(['practice', '--json'], io)
    await waitFor(() => out.stdout.includes('\n'))
    const lines = out.stdout.split('\n').filter(Boolean)
    expect(lines).toHaveLength(1)
    const started = JSON.parse(lines[0]!) as Started
    expect(Object.keys(started)).toEqual(['endpoint', 'accountId', 'accessKeyId', 'secretAccessKey'])
    expect(started.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const identity = await clients(started).sts.send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(`arn:aws:iam::${started.accountId}:root`)
    stop.abort()
    expect(await running).toBe(0)
    expect(out.stdout.split('\n').filter(Boolean)).toHaveLength(1)
  })

  it('explains itself in words without --json', async () => {
    const stop = new AbortController()
    const { out, io } = capture(stop.signal)
    const running = main(['practice'], io)
    await waitFor(() => out.stdout.includes('Press Ctrl+C'))
    expect(out.stdout).toMatch(/Endpoint\s+http:\/\/127\.0\.0\.1:\d+/)
    expect(out.stdout).toMatch(/Account ID\s+\d{12}/)
    expect(out.stdout).toMatch(/Access key ID\s+AKIA/)
    stop.abort()
    expect(await running).toBe(0)
  })

  it('exits 1 with what to do when another practice service is using the state file', async () => {
    const file = join(tempDir(), 'practice.json')
    const stop = new AbortController()
    const first = capture(stop.signal)
    const running = main(['practice', '--state', file], first.io)
    await waitFor(() => first.out.stdout.includes('Press Ctrl+C'))

    const second = capture()
    expect(await main(['practice', '--state', file], second.io)).toBe(1)
    expect(second.out.stderr).toBe(
      `cairn practice: Another Cairn practice service (pid ${process.pid}) is using ${file}. Close it, or use --state with another file.\n`
    )
    expect(second.out.stdout).toBe('')
    stop.abort()
    expect(await running).toBe(0)
  })

  it('refuses bad arguments with usage and exit code 2', async () => {
    for (const args of [['--port', 'abc'], ['--port', '70000'], ['--bogus'], ['extra'], ['--state', '']]) {
      const { out, io } = capture()
      expect(await main(['practice', ...args], io)).toBe(2)
      expect(out.stderr).toContain('Usage: cairn practice')
    }
  })
})

describe('cairn practice (as a process)', () => {
  let bundle: string
  let removeBundle = () => undefined as void
  beforeAll(async () => {
    const built = await buildCliBundle()
    bundle = built.file
    removeBundle = built.remove
  })
  afterAll(() => removeBundle())

  // The bundle lives outside the project; NODE_PATH lets its external packages resolve.
  function startCli(args: string[]): { child: ChildProcessWithoutNullStreams; started: Promise<Started>; stderr: () => string } {
    const child = spawn(process.execPath, [bundle, 'practice', '--json', ...args], { env: { ...process.env, NODE_PATH: resolve('node_modules') } })
    let stdout = ''
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const started = new Promise<Started>((resolveStarted, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString()
        if (stdout.includes('\n')) resolveStarted(JSON.parse(stdout.split('\n')[0]!) as Started)
      })
      child.once('exit', (code) => reject(new Error(`cairn exited ${code}: ${stderr}`)))
    })
    return { child, started, stderr: () => stderr }
  }

  const exited = (child: ChildProcessWithoutNullStreams) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })))

  it('stops cleanly on SIGTERM with its state saved, and the next run is the same account', async () => {
    const file = join(tempDir(), 'practice.json')
    const first = startCli(['--state', file])
    const s1 = await first.started
    await clients(s1).iam.send(new CreateUserCommand({ UserName: 'kept' }))
    const done = exited(first.child)
    first.child.kill('SIGTERM')
    expect((await done).code).toBe(0)
    expect(first.stderr()).toContain('stopped (SIGTERM)')

    const second = startCli(['--state', file])
    const s2 = await second.started
    expect(s2).toMatchObject({ accountId: s1.accountId, accessKeyId: s1.accessKeyId })
    expect((await clients(s2).iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toEqual(['kept'])
    const done2 = exited(second.child)
    second.child.kill('SIGINT')
    expect((await done2).code).toBe(0)
  })

  it('restarts with the last good state after being SIGKILLed in the middle of writes', async () => {
    const file = join(tempDir(), 'practice.json')
    const run = startCli(['--state', file])
    const s = await run.started
    const { iam } = clients(s)
    const burst = Array.from({ length: 40 }, (_, i) => iam.send(new CreateUserCommand({ UserName: `u${i}` })).catch(() => undefined))
    await Promise.race([Promise.all(burst), new Promise((r) => setTimeout(r, 150))])
    const done = exited(run.child)
    run.child.kill('SIGKILL')
    expect((await done).signal).toBe('SIGKILL')
    await Promise.allSettled(burst)

    const loaded = loadStateFile(file)
    expect(loaded.setAside).toEqual([])
    expect(loaded.state?.accountId).toBe(s.accountId)
    const again = startCli(['--state', file])
    const s2 = await again.started
    expect(s2.accountId).toBe(s.accountId)
    const users = (await clients(s2).iam.send(new ListUsersCommand({}))).Users!
    expect(users.every((u) => /^u\d+$/.test(u.UserName!))).toBe(true)
    const done2 = exited(again.child)
    again.child.kill('SIGTERM')
    expect((await done2).code).toBe(0)
  })

  it('exits 1 naming the other process when its state file is in use, and takes the file over once that one was killed', async () => {
    const file = join(tempDir(), 'practice.json')
    const holder = startCli(['--state', file])
    const s = await holder.started
    const clash = spawn(process.execPath, [bundle, 'practice', '--state', file], { env: { ...process.env, NODE_PATH: resolve('node_modules') } })
    let stderr = ''
    clash.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    expect((await exited(clash as ChildProcessWithoutNullStreams)).code).toBe(1)
    expect(stderr).toBe(
      `cairn practice: Another Cairn practice service (pid ${holder.child.pid}) is using ${file}. Close it, or use --state with another file.\n`
    )

    const done = exited(holder.child)
    holder.child.kill('SIGKILL')
    await done
    const next = startCli(['--state', file])
    expect((await next.started).accountId).toBe(s.accountId)
    const stopped = exited(next.child)
    next.child.kill('SIGTERM')
    expect((await stopped).code).toBe(0)
  })

  it('exits 1 with a message when the port is taken', async () => {
    const holder = startCli([])
    const s = await holder.started
    const port = new URL(s.endpoint).port
    const clash = spawn(process.execPath, [bundle, 'practice', '--port', port], { env: { ...process.env, NODE_PATH: resolve('node_modules') } })
    let stderr = ''
    clash.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const result = await exited(clash as ChildProcessWithoutNullStreams)
    expect(result.code).toBe(1)
    expect(stderr).toContain('could not start')
    const done = exited(holder.child)
    holder.child.kill('SIGTERM')
    await done
  })
})
