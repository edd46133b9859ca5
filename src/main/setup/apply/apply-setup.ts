import { fetchSnapshot, type FetchSnapshotOptions } from '../../audit/fetch-snapshot'
import type { AwsClients } from '../../aws/clients'
import type { SecretStore } from '../../vault/secret-store'
import { CairnError } from '../../../shared/errors'
import type { Conflict, Plan } from '../plan'
import { checkSetup, holdersOf, planFor, type SetupSpec } from '../setup-layout'
import type { Step, StepAction } from '../step'
import { createAccessKey, deleteStrayKeys } from './access-key-step'
import { addUserToGroup, attachGroupPolicy, createGroup, createUser, putGroupPolicy } from './entity-steps'
import { explainFailure } from './explain-failure'
import { assertNotRunningElsewhere, Journal, readJournal, setupFields, type JournalRun } from './journal'
import { createLoginProfile } from './login-profile-step'
import type { ProgressListener } from './progress'
import { defaultRetryPolicy, type RetryPolicy } from '../../aws/backoff'
import { attachRolePolicy, createRole, updateAssumeRolePolicy, updateRole } from './role-steps'
import { runGraph } from './run-graph'
import type { StepContext, StepDone } from './step-context'
import { recordFoundDevices, secretsHeld, vaultKey } from './vault-entries'
import { findUser } from '../../audit/snapshot'
import { sessionDevices } from '../plan'

export interface ApplyOptions {
  accountId: string
  /** One attempt per call (purpose 'apply'): the engine retries, and says so. */
  clients: AwsClients
  /** SDK-retried clients for the snapshot and the few reads. */
  readClients: AwsClients
  endpoint?: string
  vault: SecretStore
  journalPath: string
  setup: SetupSpec
  onProgress?: ProgressListener
  /** Calls in flight at once. Default 8: the default plan's widest layer has 11 steps. */
  concurrency?: number
  retry?: Partial<RetryPolicy>
  /** How long a new access key may be missing from ListAccessKeys. Default 15 s. */
  newKeyVisibleAfterMs?: number
  /** Stops the run where it is, as a kill would; the journal lets the next apply resume. */
  signal?: AbortSignal
  now?: () => Date
  snapshot?: Pick<FetchSnapshotOptions, 'concurrency'>
}

export type StepOutcome = 'done' | 'failed' | 'skipped'

export interface StepReport {
  id: string
  action: StepAction
  outcome: StepOutcome
  /** This run made it (a create, not something found in place). */
  created: boolean
  message: string
  code?: string
}

export interface ApplyReport {
  /** null when there was nothing to do, so no run was recorded. */
  runId: string | null
  /** blocked: every step that could run is done, but conflicts kept some from running. */
  outcome: 'done' | 'failed' | 'blocked'
  /** This apply continued a run that had been stopped. */
  resumed: boolean
  counts: { created: number; existed: number; updated: number; failed: number; skipped: number; deferred: number }
  steps: StepReport[]
  failures: Array<{ stepId: string; code: string; message: string }>
  conflicts: Conflict[]
}

const unfinished = (run: JournalRun | null): run is JournalRun => run !== null && (run.state === 'running' || run.state === 'failed')

const executors: Record<StepAction, (ctx: StepContext, step: Step) => Promise<StepDone>> = {
  CreateGroup: createGroup,
  CreateUser: createUser,
  AttachGroupPolicy: attachGroupPolicy,
  AddUserToGroup: addUserToGroup,
  PutGroupPolicy: putGroupPolicy,
  CreateLoginProfile: createLoginProfile,
  CreateAccessKey: createAccessKey,
  CreateRole: createRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  UpdateRole: updateRole,
  AttachRolePolicy: attachRolePolicy
}

/**
 * After a kill, a CreateAccessKey may have made a key whose secret never reached the keychain:
 * delete such keys before planning, and count a key that did reach it as this run's.
 */
async function recoverAccessKeys(ctx: Omit<StepContext, 'snapshot'>, journal: Journal): Promise<void> {
  for (const record of Object.values(journal.run.steps)) {
    if (record.action !== 'CreateAccessKey' || record.state === 'done' || record.state === 'undone' || !record.callSent) continue
    const userName = record.target.userName ?? ''
    const held = (await ctx.vault.get(vaultKey(ctx.accountId, record.role)))?.accessKey
    const ours = held && !(record.keysBefore ?? []).includes(held.accessKeyId) ? held.accessKeyId : undefined
    await deleteStrayKeys(ctx, userName, record, held?.accessKeyId)
    if (ours)
      journal.patch(record.id, {
        state: 'done',
        created: true,
        accessKeyId: ours,
        wroteToVault: [...new Set([...(record.wroteToVault ?? []), 'accessKey' as const])]
      })
  }
  await journal.save()
}

/**
 * Applies the setup: plans against the live account and the keychain, then runs the plan's
 * steps as a dependency graph, at most `concurrency` at a time. A run stopped before it
 * finished (killed, failed, aborted) is continued by the next apply: same run, same journal.
 */
export async function applySetup(options: ApplyOptions): Promise<ApplyReport> {
  checkSetup(options.setup)
  const now = options.now ?? (() => new Date())
  const emit = options.onProgress ?? (() => undefined)
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const previous = await readJournal(options.journalPath)
  if (previous) assertNotRunningElsewhere(previous)
  if (previous?.state === 'rolling-back') {
    throw new CairnError('CONFLICT', 'A rollback of the last apply was interrupted. Roll back again to finish it before applying.')
  }
  const resumed = unfinished(previous) && previous.accountId === options.accountId
  const base = {
    accountId: options.accountId,
    clients: options.clients,
    readClients: options.readClients,
    endpoint: options.endpoint,
    vault: options.vault,
    holders: new Map(holdersOf(options.setup).map((holder) => [holder.owner, holder])),
    createdInRun: new Set<string>(),
    policy,
    newKeyVisibleAfterMs: options.newKeyVisibleAfterMs ?? 15_000,
    signal: options.signal,
    now,
    emit
  }

  let journal: Journal | null = null
  if (resumed) {
    const { layout: _layout, signIn: _signIn, iamRoles: _iamRoles, ...rest } = previous
    journal = await Journal.open(options.journalPath, { ...rest, ...setupFields(options.setup), state: 'running' }, now)
    await recoverAccessKeys({ ...base, journal }, journal)
    for (const record of Object.values(journal.run.steps)) if (record.created) base.createdInRun.add(record.id)
  }

  const snapshot = await fetchSnapshot(options.readClients, { credentialReport: false, ...options.snapshot })
  const held = await secretsHeld(options.vault, options.accountId, holdersOf(options.setup))
  const plan = planFor(options.setup, snapshot, { secretsHeld: held })
  const runnable = (step: Step) => (step.status === 'create' || step.status === 'update') && !step.deferredUntilMfa
  if (!journal && plan.steps.some(runnable)) {
    journal = await Journal.open(options.journalPath, Journal.newRun(options.accountId, options.setup, now()), now)
  }
  const ctx: StepContext | null = journal ? { ...base, journal, snapshot } : null

  const reports = new Map<string, StepReport>()
  const report = (step: Step, outcome: StepOutcome, created: boolean, message: string, code?: string) => {
    reports.set(step.id, { id: step.id, action: step.action, outcome, created, message, ...(code ? { code } : {}) })
    emit({ stepId: step.id, state: outcome, message })
  }
  for (const step of plan.steps) if (runnable(step)) emit({ stepId: step.id, state: 'waiting' })

  const run = async (step: Step): Promise<StepOutcome> => {
    if (step.status === 'conflict') {
      report(step, 'skipped', false, step.reason ?? 'Conflicts with the account; see the plan.')
      return 'skipped'
    }
    if (step.deferredUntilMfa) {
      report(step, 'skipped', false, step.reason ?? 'Waits for the MFA device.')
      return 'done'
    }
    const earlier = journal?.step(step.id)
    if (step.status === 'exists') {
      // Found in place; it is this run's if an attempt before a kill sent the call.
      const created = earlier !== undefined && earlier.state !== 'undone' && (earlier.created || earlier.callSent)
      if (journal && earlier && earlier.state !== 'done' && earlier.state !== 'undone') {
        journal.patch(step.id, { state: 'done', created })
        await journal.save()
      }
      if (created) base.createdInRun.add(step.id)
      report(step, 'done', created, step.reason ?? 'Already in the account.')
      return 'done'
    }
    if (!ctx || !journal) throw new Error('a runnable step without a journal')
    emit({ stepId: step.id, state: 'running', attempt: 1 })
    try {
      const done = await executors[step.action](ctx, step)
      options.signal?.throwIfAborted()
      if (done.created) base.createdInRun.add(step.id)
      // A step that found its work done without a call (a held key) has no record yet.
      if (!journal.step(step.id)) journal.begin(step)
      journal.patch(step.id, { state: 'done', created: done.created })
      await journal.save()
      report(step, 'done', done.created, done.message)
      return 'done'
    } catch (error) {
      if (options.signal?.aborted) throw error
      const failure = explainFailure(error, step.action, step.target)
      if (journal.step(step.id)) {
        journal.patch(step.id, { state: 'failed', error: failure })
        await journal.save().catch(() => undefined)
      }
      report(step, 'failed', false, failure.message, failure.code)
      return 'failed'
    }
  }

  await runGraph(plan.steps, {
    concurrency: options.concurrency ?? 8,
    run,
    onBlocked: (step, blocker) => report(step, 'skipped', false, `Not started: ${blocker} did not finish.`),
    ...(options.signal ? { signal: options.signal } : {})
  })

  const steps = plan.steps.map(
    (step) => reports.get(step.id) ?? { id: step.id, action: step.action, outcome: 'skipped' as const, created: false, message: 'Not started.' }
  )
  const failures = steps.filter((s) => s.outcome === 'failed').map((s) => ({ stepId: s.id, code: s.code ?? 'Error', message: s.message }))
  const blocked = plan.steps.some((s) => s.status === 'conflict')
  if (journal) {
    journal.setState(failures.length > 0 ? 'failed' : 'finished')
    await journal.save()
  }
  // A device enabled outside Cairn (the plan's mfa-device-found note): its serial goes with the user's secrets.
  await recordFoundDevices(options.vault, options.accountId, holdersOf(options.setup), (userName) => sessionDevices(findUser(snapshot, userName))).catch(
    () => undefined
  )
  return {
    runId: journal?.run.runId ?? null,
    outcome: failures.length > 0 ? 'failed' : blocked ? 'blocked' : 'done',
    resumed,
    counts: countSteps(plan, steps),
    steps,
    failures,
    conflicts: plan.conflicts
  }
}

function countSteps(plan: Plan, steps: StepReport[]): ApplyReport['counts'] {
  const byId = new Map(plan.steps.map((step) => [step.id, step]))
  const counts = { created: 0, existed: 0, updated: 0, failed: 0, skipped: 0, deferred: 0 }
  for (const report of steps) {
    const step = byId.get(report.id)
    if (report.outcome === 'failed') counts.failed++
    else if (step?.deferredUntilMfa && report.outcome === 'skipped') counts.deferred++
    else if (report.outcome === 'skipped') counts.skipped++
    else if (step?.status === 'update') counts.updated++
    else if (report.created) counts.created++
    else counts.existed++
  }
  return counts
}
