/**
 * Practice service throughput and latency with SigV4 checking on. 50 concurrent keep-alive
 * clients send signed GetUser, ListUsers and GetCallerIdentity requests, two ways:
 * - throughput: each client sends its next request as soon as the last one is answered
 *   (closed loop), against the real server and against a baseline server that skips signature
 *   verification, so the ratio is what SigV4 costs;
 * - latency at the target rate: the 50 clients together send 1,500 requests/s on a fixed
 *   schedule, and latency counts from the scheduled send time (no coordinated omission).
 *   In a closed loop, latency is just 50 / throughput, so p99 < 10 ms is judged here.
 *
 * The server runs on the main thread; the clients (which sign every request with
 * @smithy/signature-v4, as the SDK does) run in a worker thread, so on 2 cores each side has
 * its own. Bounded in count and time; loopback only. Run with `npm run bench`.
 */
import { Agent, request } from 'node:http'
import { cpus } from 'node:os'
import { performance } from 'node:perf_hooks'
import { isMainThread, parentPort, Worker } from 'node:worker_threads'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { startPracticeServer, type PracticeServer, NodeSha256, parseSignatureClaim, verifySignature } from '../src/practice'

const CONCURRENCY = 50
/** Signed and baseline phases alternate this many times per call, so drift in machine load hits both alike. */
const ROUNDS = 3
const REQUESTS_PER_CLIENT = 70
const PHASE_TIME_LIMIT_MS = 20_000
const WARMUP_PER_CLIENT = 100
const TARGET_RPS = 1500
const PACED_DURATION_MS = 4000

interface Call {
  name: string
  service: 'iam' | 'sts'
  body: string
}

const CALLS: Call[] = [
  { name: 'GetUser', service: 'iam', body: 'Action=GetUser&Version=2010-05-08&UserName=bench-user-07' },
  { name: 'ListUsers', service: 'iam', body: 'Action=ListUsers&Version=2010-05-08' },
  { name: 'GetCallerIdentity', service: 'sts', body: 'Action=GetCallerIdentity&Version=2011-06-15' }
]

interface PhaseInput {
  endpoint: string
  credentials: { accessKeyId: string; secretAccessKey: string }
  call: Call
  perClient: number
  /** Set for the paced phase: the aggregate request rate all clients keep together. */
  targetRps?: number
}

interface PhaseResult {
  ok: number
  errors: number
  elapsedMs: number
  latencies: number[]
}

// ---- client side (worker thread) ----

async function runPhase(input: PhaseInput): Promise<PhaseResult> {
  const url = new URL(input.endpoint)
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const signer = new SignatureV4({ service: input.call.service, region: 'us-east-1', credentials: input.credentials, sha256: NodeSha256 })
  const latencies: number[] = []
  let ok = 0
  let errors = 0
  const deadline = performance.now() + PHASE_TIME_LIMIT_MS

  const send = async (due?: number): Promise<void> => {
    const signed = await signer.sign(
      new HttpRequest({
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: input.call.body
      })
    )
    const started = due ?? performance.now()
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          headers: { ...signed.headers, 'content-length': Buffer.byteLength(input.call.body) }
        },
        (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0))
        }
      )
      req.on('error', reject)
      req.end(input.call.body)
    })
    latencies.push(performance.now() - started)
    if (status === 200) ok++
    else errors++
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
  const begin = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, client) => {
      if (input.targetRps === undefined) {
        for (let i = 0; i < input.perClient && performance.now() < deadline; i++) await send()
        return
      }
      // Paced: this client's k-th request is due at begin + offset + k * interval.
      const interval = (1000 * CONCURRENCY) / input.targetRps
      for (let k = 0; k < input.perClient && performance.now() < deadline; k++) {
        const due = begin + (client * interval) / CONCURRENCY + k * interval
        const wait = due - performance.now()
        if (wait > 0) await sleep(wait)
        await send(due)
      }
    })
  )
  const elapsedMs = performance.now() - begin
  agent.destroy()
  return { ok, errors, elapsedMs, latencies }
}

if (!isMainThread) {
  parentPort!.on('message', (input: PhaseInput) => {
    runPhase(input).then((result) => parentPort!.postMessage(result))
  })
}

// ---- server side (main thread) ----

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

async function prepare(server: PracticeServer): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  // Users and an administrator group, written straight into state: the bench measures reads.
  const state = server.state
  const now = new Date().toISOString()
  state.groups['admins'] = {
    groupName: 'Admins',
    groupId: 'AGPABENCH000000000001',
    arn: `arn:aws:iam::${state.accountId}:group/Admins`,
    path: '/',
    createDate: now,
    attachedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    inlinePolicies: {}
  }
  for (let i = 0; i < 25; i++) {
    const name = `bench-user-${String(i).padStart(2, '0')}`
    state.users[name] = {
      userName: name,
      userId: `AIDABENCH${String(i).padStart(12, '0')}`,
      arn: `arn:aws:iam::${state.accountId}:user/${name}`,
      path: '/',
      createDate: now,
      passwordLastUsed: null,
      loginProfile: null,
      accessKeys: [],
      mfaSerials: [],
      groups: ['admins'],
      attachedPolicyArns: [],
      inlinePolicies: {},
      tags: []
    }
  }
  // The clients sign as an IAM user (not root), so every request is also authorized by policy.
  const key = { accessKeyId: `AKIA${'BENCHCLIENT'.padEnd(16, '0')}`, secretAccessKey: 'benchSecretKeyForThePracticeService00000a' }
  state.users['bench-user-00']!.accessKeys.push({ ...key, status: 'Active', createDate: state.createdAt, lastUsed: null })
  return key
}

/** SigV4 verification alone, in process: the per-request cost without HTTP or scheduling noise. */
async function verificationCost(credentials: { accessKeyId: string; secretAccessKey: string }): Promise<number> {
  const body = CALLS[0]!.body
  const signer = new SignatureV4({ service: 'iam', region: 'us-east-1', credentials, sha256: NodeSha256 })
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 1,
      path: '/',
      headers: { host: '127.0.0.1:1', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body
    })
  )
  const request = { method: 'POST', path: '/', search: '', headers: signed.headers, body: Buffer.from(body) }
  const verifyOnce = async () => verifySignature(request, parseSignatureClaim(request, new Date()), credentials)
  for (let i = 0; i < 2000; i++) await verifyOnce()
  const n = 20_000
  const started = performance.now()
  for (let i = 0; i < n; i++) await verifyOnce()
  return ((performance.now() - started) * 1000) / n
}

function phase(worker: Worker, input: PhaseInput): Promise<PhaseResult> {
  return new Promise((resolve) => {
    worker.once('message', (result: PhaseResult) => resolve(result))
    worker.postMessage(input)
  })
}

interface Row {
  call: string
  mode: string
  requests: number
  errors: number
  rps: number
  p50: number
  p99: number
}

function summarize(call: string, mode: string, result: PhaseResult): Row {
  const sorted = [...result.latencies].sort((a, b) => a - b)
  const requests = result.ok + result.errors
  return { call, mode, requests, errors: result.errors, rps: (requests / result.elapsedMs) * 1000, p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
}

async function main(): Promise<void> {
  const signedServer = await startPracticeServer({ accountId: '111122223333', onUnexpectedError: (e) => console.error(e) })
  const baselineServer = await startPracticeServer({
    accountId: '111122223333',
    skipSignatureVerificationForBenchmark: true,
    onUnexpectedError: (e) => console.error(e)
  })
  const signedKey = await prepare(signedServer)
  const baselineKey = await prepare(baselineServer)
  const worker = new Worker(__filename)
  const rows: Row[] = []

  console.log(
    `Practice service benchmark: ${CONCURRENCY} concurrent keep-alive clients, ${ROUNDS} x ${CONCURRENCY * REQUESTS_PER_CLIENT} requests per call and mode, ${cpus().length} CPU(s), Node ${process.version}`
  )
  const modes = [
    ['SigV4 verified', signedServer, signedKey],
    ['baseline (no verification)', baselineServer, baselineKey]
  ] as const
  // Warm-up: JIT, keep-alive sockets and caches, for every call on both servers.
  for (const call of CALLS) {
    for (const [, server, credentials] of modes) await phase(worker, { endpoint: server.endpoint, credentials, call, perClient: WARMUP_PER_CLIENT })
  }
  for (const call of CALLS) {
    const merged = new Map<string, PhaseResult>()
    for (let round = 0; round < ROUNDS; round++) {
      for (const [mode, server, credentials] of modes) {
        const result = await phase(worker, { endpoint: server.endpoint, credentials, call, perClient: REQUESTS_PER_CLIENT })
        const sum = merged.get(mode) ?? { ok: 0, errors: 0, elapsedMs: 0, latencies: [] }
        merged.set(mode, {
          ok: sum.ok + result.ok,
          errors: sum.errors + result.errors,
          elapsedMs: sum.elapsedMs + result.elapsedMs,
          latencies: sum.latencies.concat(result.latencies)
        })
      }
    }
    for (const [mode] of modes) rows.push(summarize(call.name, mode, merged.get(mode)!))
    const perClient = Math.ceil((TARGET_RPS * PACED_DURATION_MS) / 1000 / CONCURRENCY)
    const paced = await phase(worker, { endpoint: signedServer.endpoint, credentials: signedKey, call, perClient, targetRps: TARGET_RPS })
    rows.push(summarize(call.name, `SigV4 at ${TARGET_RPS} req/s`, paced))
  }
  await worker.terminate()
  await signedServer.close()
  await baselineServer.close()

  console.log('')
  console.log(
    `${'call'.padEnd(18)} ${'mode'.padEnd(27)} ${'requests'.padStart(8)} ${'errors'.padStart(6)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)}`
  )
  for (const r of rows) {
    console.log(
      `${r.call.padEnd(18)} ${r.mode.padEnd(27)} ${String(r.requests).padStart(8)} ${String(r.errors).padStart(6)} ${r.rps.toFixed(0).padStart(8)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)}`
    )
  }
  console.log('')
  for (const call of CALLS) {
    const signed = rows.find((r) => r.call === call.name && r.mode === 'SigV4 verified')!
    const baseline = rows.find((r) => r.call === call.name && r.mode.startsWith('baseline'))!
    console.log(
      `${call.name.padEnd(18)} signed/baseline throughput ${(signed.rps / baseline.rps).toFixed(2)}  (SigV4 costs ${((1000 / signed.rps - 1000 / baseline.rps) * 1000).toFixed(0)} us of service time per request)`
    )
  }
  console.log(`SigV4 verification alone (parse + recompute + compare, one core, in process): ${(await verificationCost(signedKey)).toFixed(1)} us per request`)
  const signedRows = rows.filter((r) => r.mode === 'SigV4 verified')
  const total = signedRows.reduce((n, r) => n + r.requests, 0)
  const overallRps = total / signedRows.reduce((t, r) => t + r.requests / r.rps, 0)
  const pacedRows = rows.filter((r) => r.mode.startsWith('SigV4 at'))
  const worstPacedP99 = Math.max(...pacedRows.map((r) => r.p99))
  console.log('')
  console.log(`Signed throughput, all calls: ${overallRps.toFixed(0)} req/s (target >= ${TARGET_RPS}): ${overallRps >= TARGET_RPS ? 'met' : 'NOT met'}`)
  console.log(
    `Worst p99 at ${TARGET_RPS} signed req/s from ${CONCURRENCY} clients: ${worstPacedP99.toFixed(2)} ms (target < 10 ms): ${worstPacedP99 < 10 ? 'met' : 'NOT met'}`
  )
  if (rows.some((r) => r.errors > 0)) {
    console.log('Some requests failed; the numbers above are not trustworthy.')
    process.exitCode = 1
  }
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
