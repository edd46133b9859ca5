import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { fetchSnapshot } from '../audit/fetch-snapshot'
import type { Partition } from '../aws/partition'
import { fixPasswordPolicy, scanAccount } from '../audit/scan-account'
import type { CheckResult } from '../audit/run-checks'
import { connect } from '../connect/connect'
import { ConnectionHolder, type Connection, type ConnectionInfo } from '../connect/connection'
import type { BootstrapCredentials } from '../connect/credentials-format'
import { connectPractice, isPracticeService, practiceBillingAccess, type PracticeAccess } from '../connect/practice-bootstrap'
import type { SecretStore } from '../vault/secret-store'
import { CairnError } from '../../shared/errors'
import { applySetup, checkRoles, type ApplyOptions, type ApplyReport } from './apply/apply-setup'
import { deleteBootstrapRootKey, type BootstrapKeyDeleted } from './apply/bootstrap-key'
import { readJournal, type RunState } from './apply/journal'
import type { ProgressListener } from './apply/progress'
import { rollbackSetup, type RollbackReport } from './apply/rollback'
import { secretsHeld } from './apply/vault-entries'
import { planSetup, type Plan } from './plan'
import { defaultRoles, rolesInPartition, type RoleSpec } from './roles'

export type ConnectionStatus = ({ connected: true } & ConnectionInfo) | { connected: false }

/** The last apply as the journal tells it: what can be resumed or rolled back. */
export interface LastRun {
  runId: string
  state: RunState
  startedAt: string
  updatedAt: string
  roles: RoleSpec['role'][]
  steps: { done: number; failed: number; started: number; undone: number; created: number }
  canResume: boolean
  canRollBack: boolean
}

export interface Operation<T> {
  operationId: string
  summary: T
}

export interface OperationOptions {
  operationId?: string
  onProgress?: ProgressListener
}

/** Tuning the apply engine, for tests and the benchmark. */
export type ApplyTuning = Pick<ApplyOptions, 'concurrency' | 'retry' | 'newKeyVisibleAfterMs'>

export interface SetupServiceInput {
  /** Shared with the other services (MFA enrolment uses the same connection). */
  connection?: ConnectionHolder
  /** Where the setup journal lives (the app's userData, or CAIRN_DATA_DIR). */
  dataDir: string
  vault: () => Promise<SecretStore>
  /** The embedded practice account, when it runs. */
  practice?: () => PracticeAccess | null
  tuning?: ApplyTuning
  /**
   * Called after an apply or a resume that did not fail, with the roles it set up: the
   * profiles registry records them (app and command line alike).
   */
  onApplied?: (applied: AppliedSetup) => Promise<void>
}

/** What an apply set up, and where: enough for the profiles registry. */
export interface AppliedSetup {
  roles: RoleSpec[]
  accountId: string
  /** The account's partition, from the caller's ARN. */
  partition: Partition
  endpoint: string | undefined
  /** A Cairn practice account (connectPractice, or a practice service behind the endpoint), not AWS or another service. */
  practice: boolean
  vault: SecretStore
}

export interface SetupService {
  connectPractice(): Promise<ConnectionInfo>
  connectWithKeys(credentials: BootstrapCredentials): Promise<ConnectionInfo>
  status(): ConnectionStatus
  disconnect(): ConnectionStatus
  scan(options?: { adminGroupName?: string }): Promise<CheckResult[]>
  fix(fixId: 'set-password-policy'): Promise<CheckResult>
  defaults(options?: { includeAdmin?: boolean }): RoleSpec[]
  plan(roles: RoleSpec[]): Promise<Plan>
  apply(roles: RoleSpec[], options?: OperationOptions): Promise<Operation<ApplyReport>>
  resume(options?: OperationOptions): Promise<Operation<ApplyReport>>
  rollback(options?: OperationOptions): Promise<Operation<RollbackReport>>
  deleteBootstrapKey(): Promise<BootstrapKeyDeleted>
  lastRun(): Promise<LastRun | null>
}

export function journalPath(dataDir: string, accountId: string): string {
  return join(dataDir, 'setup', `${accountId}.journal.json`)
}

/**
 * Connection, security status, plan and apply, as the app and the command line use them. The
 * bootstrap credentials live in this service's ConnectionHolder, in memory only; callers get
 * ConnectionInfo, never the key. One long operation (apply, resume, rollback, root key
 * deletion) runs at a time.
 */
export function createSetupService(input: SetupServiceInput): SetupService {
  const holder = input.connection ?? new ConnectionHolder()
  let busy: string | null = null

  const exclusive = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    if (busy) throw new CairnError('CONFLICT', `Cairn is already running ${busy}; wait for it to finish.`)
    busy = what
    try {
      return await work()
    } finally {
      busy = null
    }
  }

  const hold = (connection: Connection): ConnectionInfo => {
    holder.set(connection)
    return connection.info
  }

  const engine = (connection: Connection) => ({
    accountId: connection.info.accountId,
    clients: connection.clients('apply'),
    readClients: connection.clients('read'),
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    journalPath: journalPath(input.dataDir, connection.info.accountId),
    ...input.tuning
  })

  const applyRoles = async (wanted: RoleSpec[], options: OperationOptions): Promise<Operation<ApplyReport>> => {
    const connection = holder.require()
    const roles = rolesInPartition(wanted, connection.partition)
    const operationId = options.operationId ?? randomUUID()
    const vault = await input.vault()
    const summary = await applySetup({ ...engine(connection), vault, roles, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
    if (summary.outcome !== 'failed' && input.onApplied) {
      // The app's own practice account, or another practice service reached through --endpoint.
      const practice = connection.info.practice || (await isPracticeService(connection.endpoint))
      await input.onApplied({ roles, accountId: connection.info.accountId, partition: connection.partition, endpoint: connection.endpoint, practice, vault })
    }
    return { operationId, summary }
  }

  return {
    connectPractice: async () => {
      const practice = input.practice?.()
      if (!practice) throw new CairnError('NOT_FOUND', 'The practice account is not running. Restart Cairn; if it keeps failing, run `cairn doctor`.')
      return hold(await connectPractice(practice))
    },
    connectWithKeys: async (credentials) => hold(await connect(credentials)),
    status: () => {
      const current = holder.current
      return current ? { connected: true, ...current.info } : { connected: false }
    },
    disconnect: () => {
      holder.clear()
      return { connected: false }
    },
    scan: async (options = {}) => {
      const connection = holder.require()
      const practice = connection.info.practice ? input.practice?.() : null
      return scanAccount(connection.clients('read'), {
        ...(options.adminGroupName ? { adminGroupName: options.adminGroupName } : {}),
        ...(practice ? { billingAccess: () => practiceBillingAccess(practice) } : {})
      })
    },
    fix: async (fixId) => {
      if (fixId !== 'set-password-policy') throw new CairnError('NOT_FOUND', `Cairn has no fix called ${fixId}.`)
      return fixPasswordPolicy(holder.require().clients('read'))
    },
    defaults: (options = {}) => defaultRoles({ includeAdmin: options.includeAdmin ?? false, ...(holder.current ? { partition: holder.current.partition } : {}) }),
    plan: async (wanted) => {
      checkRoles(wanted)
      const connection = holder.require()
      const roles = rolesInPartition(wanted, connection.partition)
      const [snapshot, held] = await Promise.all([
        fetchSnapshot(connection.clients('read'), { credentialReport: false }),
        input.vault().then((vault) => secretsHeld(vault, connection.info.accountId, roles))
      ])
      return planSetup(roles, snapshot, { secretsHeld: held })
    },
    apply: (roles, options = {}) => exclusive('an apply', () => applyRoles(roles, options)),
    resume: (options = {}) =>
      exclusive('an apply', async () => {
        const connection = holder.require()
        const run = await readJournal(journalPath(input.dataDir, connection.info.accountId))
        if (!run || (run.state !== 'running' && run.state !== 'failed')) {
          throw new CairnError('NOT_FOUND', 'There is no stopped apply to resume: the last one finished or was rolled back.')
        }
        return applyRoles(run.roles, options)
      }),
    rollback: (options = {}) =>
      exclusive('a rollback', async () => {
        const connection = holder.require()
        const operationId = options.operationId ?? randomUUID()
        const { readClients, ...rest } = engine(connection)
        const summary = await rollbackSetup({ ...rest, readClients, vault: await input.vault(), ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
        return { operationId, summary }
      }),
    deleteBootstrapKey: () =>
      exclusive('the root key deletion', async () => {
        const connection = holder.require()
        if (connection.isTemporary) throw new CairnError('CONFLICT', 'Cairn is connected with temporary credentials, which expire by themselves; there is no access key to delete.')
        const result = await deleteBootstrapRootKey({
          accountId: connection.info.accountId,
          clients: connection.clients('apply'),
          accessKeyId: connection.accessKeyId,
          isRoot: connection.info.isRoot,
          ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
          vault: await input.vault(),
          ...(input.tuning?.retry ? { retry: input.tuning.retry } : {})
        })
        // The key is gone: keeping it would only make every later call fail.
        holder.clear()
        return result
      }),
    lastRun: async () => {
      const connection = holder.require()
      const run = await readJournal(journalPath(input.dataDir, connection.info.accountId))
      if (!run) return null
      const records = Object.values(run.steps)
      const count = (state: string) => records.filter((r) => r.state === state).length
      return {
        runId: run.runId,
        state: run.state,
        startedAt: run.startedAt,
        updatedAt: run.updatedAt,
        roles: run.roles.map((r) => r.role),
        steps: { done: count('done'), failed: count('failed'), started: count('started'), undone: count('undone'), created: records.filter((r) => r.created && r.state !== 'undone').length },
        canResume: run.state === 'running' || run.state === 'failed',
        canRollBack: run.state !== 'rolled-back' && records.some((r) => r.state !== 'undone' && (r.created || r.callSent))
      }
    }
  }
}
