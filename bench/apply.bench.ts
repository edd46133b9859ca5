/**
 * How much the parallel apply and scan save over the same AWS calls made one after another,
 * at 100 ms of injected latency per call (the practice account's latency knob), as a user far
 * from us-east-1 would see. For each of them:
 * - parallel: the real thing (applySetup on a new account; scanAccount on the set-up one);
 * - sequential: every call it made, recorded by SDK middleware, sent again one after another
 *   to a fresh account with the same latency.
 * The apply's critical path is also counted from the plan (layers of its dependency graph plus
 * the snapshot's one round trip on a new account). The keychain is an in-memory store here:
 * what is measured is AWS round trips. Numbers are printed; nothing asserts on them.
 */
import { performance } from 'node:perf_hooks'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as iamCommands from '@aws-sdk/client-iam'
import * as stsCommands from '@aws-sdk/client-sts'
import { scanAccount } from '../src/main/audit/scan-account'
import type { AccountSnapshot } from '../src/main/audit/snapshot'
import type { AwsClients } from '../src/main/aws/clients'
import { connect } from '../src/main/connect/connect'
import type { Connection } from '../src/main/connect/connection'
import { startPracticeServer, type PracticeServer } from '../src/practice'
import { applySetup } from '../src/main/setup/apply/apply-setup'
import { planSetup } from '../src/main/setup/plan'
import { planLayers } from '../src/main/setup/plan-order'
import { defaultRoles } from '../src/main/setup/roles'
import { journalPath } from '../src/main/setup/setup-service'
import { memoryVault } from './support/memory-vault'

const LATENCY_MS = 100
const ROUNDS = 5

interface RecordedCall {
  service: 'iam' | 'sts'
  command: string
  input: unknown
  startedAt: number
  endedAt: number
}

/** Records every call the clients send; `take` hands over what was sent so far and starts afresh. */
function recorder(clientSets: AwsClients[]): { take(): RecordedCall[] } {
  let calls: RecordedCall[] = []
  const send = async <T>(service: 'iam' | 'sts', command: string | undefined, input: unknown, next: () => Promise<T>): Promise<T> => {
    const call: RecordedCall = { service, command: command ?? '', input: structuredClone(input), startedAt: performance.now(), endedAt: 0 }
    calls.push(call)
    try {
      return await next()
    } finally {
      call.endedAt = performance.now()
    }
  }
  for (const { iam, sts } of clientSets) {
    iam.middlewareStack.add((next, context) => (args) => send('iam', context.commandName, args.input, () => next(args)), {
      step: 'initialize',
      name: 'bench-record'
    })
    sts.middlewareStack.add((next, context) => (args) => send('sts', context.commandName, args.input, () => next(args)), {
      step: 'initialize',
      name: 'bench-record'
    })
  }
  return {
    take: () => {
      const taken = calls
      calls = []
      return taken
    }
  }
}

/** The recorded calls again, one at a time, each waiting for the last; errors are part of the cost. */
async function replaySequentially(connection: Connection, calls: RecordedCall[]): Promise<number> {
  const { iam, sts } = connection.clients('apply')
  const started = performance.now()
  for (const call of calls) {
    const modules = (call.service === 'iam' ? iamCommands : stsCommands) as unknown as Record<string, new (input: unknown) => never>
    const Command = modules[call.command]
    if (!Command) throw new Error(`unknown command ${call.command}`)
    const client = call.service === 'iam' ? iam : sts
    await (client.send as (command: unknown) => Promise<unknown>)(new Command(call.input)).catch(() => undefined)
  }
  return performance.now() - started
}

/**
 * Round trips on the critical path, from what happened: the longest chain of calls in which
 * each started only after the one before it had its answer.
 */
function criticalPath(calls: RecordedCall[]): number {
  const byStart = [...calls].sort((a, b) => a.startedAt - b.startedAt)
  const depth = new Map<RecordedCall, number>()
  for (const call of byStart) {
    const before = byStart.filter((other) => other.endedAt <= call.startedAt).map((other) => depth.get(other) ?? 0)
    depth.set(call, 1 + Math.max(0, ...before))
  }
  return Math.max(0, ...depth.values())
}

/** A new practice account, connected, its clients warmed up (as after Connect and Plan), then slowed down. */
async function practiceAccount(): Promise<{ server: PracticeServer; connection: Connection }> {
  const server = await startPracticeServer()
  const connection = await connect({ ...server.rootCredentials!, endpoint: server.endpoint }, { practice: true })
  for (const purpose of ['read', 'apply'] as const) {
    const { iam, sts } = connection.clients(purpose)
    await Promise.all([iam.send(new iamCommands.ListUsersCommand({})), sts.send(new stsCommands.GetCallerIdentityCommand({}))])
  }
  server.setFaults({ latencyMs: LATENCY_MS })
  return { server, connection }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ms = (value: number) => `${value.toFixed(0).padStart(6)} ms`

async function main(): Promise<void> {
  const roles = defaultRoles({ includeAdmin: false })
  const results = {
    apply: { parallel: [] as number[], sequential: [] as number[], calls: 0, path: 0 },
    scan: { parallel: [] as number[], sequential: [] as number[], calls: 0, path: 0 }
  }
  let layers = 0

  for (let round = 0; round < ROUNDS; round++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-bench-'))
    const { server, connection } = await practiceAccount()
    const calls = recorder([connection.clients('apply'), connection.clients('read')])
    const options = {
      accountId: connection.info.accountId,
      clients: connection.clients('apply'),
      readClients: connection.clients('read'),
      endpoint: server.endpoint,
      vault: memoryVault(),
      journalPath: journalPath(dataDir, connection.info.accountId),
      setup: { layout: 'users' as const, roles }
    }
    let started = performance.now()
    const report = await applySetup(options)
    results.apply.parallel.push(performance.now() - started)
    if (report.outcome !== 'done') throw new Error(`apply did not finish: ${JSON.stringify(report.failures)}`)
    const applyCalls = calls.take()
    results.apply.calls = applyCalls.length
    results.apply.path = criticalPath(applyCalls)

    started = performance.now()
    await scanAccount(connection.clients('read'), { pollIntervalMs: 0 })
    results.scan.parallel.push(performance.now() - started)
    const scanCalls = calls.take()
    results.scan.calls = scanCalls.length
    results.scan.path = criticalPath(scanCalls)

    // The depth the plan allows: its dependency layers among the steps that call AWS.
    layers = planLayers({ steps: planSetup(roles, newAccount(connection)).steps.filter((step) => !step.deferredUntilMfa) }).length

    const fresh = await practiceAccount()
    results.apply.sequential.push(await replaySequentially(fresh.connection, applyCalls))
    results.scan.sequential.push(await replaySequentially(fresh.connection, scanCalls))
    await fresh.server.close()
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }

  console.log(`Latency injected per call: ${LATENCY_MS} ms; median of ${ROUNDS} rounds; default roles (billing, dev, ops) on a new practice account.`)
  console.log('')
  console.log(
    `${'operation'.padEnd(10)} ${'calls'.padStart(5)} ${'parallel'.padStart(9)} ${'sequential'.padStart(10)} ${'speed-up'.padStart(8)} ${'critical path'.padStart(14)} ${'wall/latency'.padStart(12)}`
  )
  for (const [name, r] of Object.entries(results)) {
    const parallel = median(r.parallel)
    const sequential = median(r.sequential)
    console.log(
      `${name.padEnd(10)} ${String(r.calls).padStart(5)} ${ms(parallel)} ${ms(sequential).padStart(10)} ${`${(sequential / parallel).toFixed(1)}x`.padStart(8)} ${`${r.path} round trips`.padStart(14)} ${(parallel / LATENCY_MS).toFixed(1).padStart(12)}`
    )
  }
  console.log('')
  console.log(`critical path: the longest chain of calls each sent after the previous one's answer (measured).`)
  console.log(`wall/latency: wall time in units of the injected latency; above the critical path by SigV4, XML and scheduling.`)
  console.log(
    `The plan's own depth: 1 round trip to read a new account + ${layers} layers of steps; at concurrency 8 the widest layer (11 steps) takes 2 waves: ${2 + layers}.`
  )
  console.log(`Target: apply within 4 round trips on its critical path and >= 4x faster than sequential.`)
}

/** A new account as the plan sees it, for counting the plan's layers. */
function newAccount(connection: Connection): AccountSnapshot {
  return {
    accountId: connection.info.accountId,
    caller: { arn: connection.info.arn, isRoot: true, accessKeyId: connection.accessKeyId },
    summary: {},
    passwordPolicy: null,
    credentialReport: null,
    users: [],
    groups: [],
    roles: [],
    billingAccess: 'unknown',
    now: new Date()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
