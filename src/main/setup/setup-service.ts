import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { fetchSnapshot } from '../audit/fetch-snapshot'
import type { Partition } from '../aws/partition'
import type { Connection, ConnectionHolder } from '../connect/connection'
import { isPracticeService } from '../../practice'
import type { ChannelService } from '../ipc/service-channels'
import type { SecretStore } from '../vault/secret-store'
import { CairnError } from '../../shared/errors'
import type { EventPayloadOf } from '../../shared/contract'
import { applySetup, type ApplyOptions, type ApplyReport } from './apply/apply-setup'
import { deleteBootstrapRootKey, type BootstrapKeyDeleted } from './apply/bootstrap-key'
import { readJournal, setupOfRun, type RunState } from './apply/journal'
import type { ProgressListener } from './apply/progress'
import { rollbackSetup, type RollbackReport } from './apply/rollback'
import { secretsHeld } from './apply/vault-entries'
import type { Plan } from './plan'
import { defaultRoles, type RoleSpec } from './roles'
import { DEFAULT_SIGN_IN_USER, defaultIamRoles, type IamRoleSpec, type SignInSpec } from './roles-layout'
import { checkSetup, holdersOf, planFor, roleIdsOf, setupInPartition, type SetupSpec } from './setup-layout'
import type { Layout } from '../../shared/domain/words'

/** The last apply as the journal tells it: what can be resumed or rolled back. */
export interface LastRun {
  runId: string
  state: RunState
  startedAt: string
  updatedAt: string
  layout: Layout
  roles: RoleSpec['role'][]
  steps: { done: number; failed: number; started: number; undone: number; created: number }
  canResume: boolean
  canRollBack: boolean
}

export interface Operation<T> {
  operationId: string
  summary: T
}

/** What an apply, resume or rollback reports its steps to: the window that asked (a HandlerContext), or a terminal. */
export interface OperationContext {
  emit(event: 'progress', payload: EventPayloadOf<'progress'>): void
}

/** The renderer may name the operation, so it can match progress events that arrive before the answer. */
export interface OperationRequest {
  operationId?: string | undefined
}

/** The operation's id (the caller's, or a new one), and its steps as `progress` events to the context. */
function operation(request: OperationRequest, context: OperationContext | undefined): { operationId: string; onProgress?: ProgressListener } {
  const operationId = request.operationId ?? randomUUID()
  return context ? { operationId, onProgress: (progress) => context.emit('progress', { operationId, ...progress }) } : { operationId }
}

/** Tuning the apply engine, for tests and the benchmark. */
export type ApplyTuning = Pick<ApplyOptions, 'concurrency' | 'retry' | 'newKeyVisibleAfterMs'>

export interface SetupServiceInput {
  /** The connection the connect service opens (MFA enrolment uses the same one). */
  connection: ConnectionHolder
  /** Where the setup journal lives (the app's userData, or CAIRN_DATA_DIR). */
  dataDir: string
  vault: () => Promise<SecretStore>
  tuning?: ApplyTuning
  /**
   * Called after an apply or a resume that did not fail, with the roles it set up: the
   * profiles registry records them (app and command line alike).
   */
  onApplied?: (applied: AppliedSetup) => Promise<void>
}

/** What an apply set up, and where: enough for the profiles registry. */
export interface AppliedSetup {
  /** The layout and its identities, as applied (policies in the account's partition). */
  setup: SetupSpec
  accountId: string
  /** The account's partition, from the caller's ARN. */
  partition: Partition
  endpoint: string | undefined
  /** A Cairn practice account (connectPractice, or a practice service behind the endpoint), not AWS or another service. */
  practice: boolean
  vault: SecretStore
}

/** What setup.plan and setup.apply take: the guide's layout (`layout` may be left out) or the roles layout. */
export type SetupRequest = { layout?: 'users' | undefined; roles: RoleSpec[] } | { layout: 'roles'; signIn: SignInSpec; roles: IamRoleSpec[] }

export function setupOfRequest(request: SetupRequest): SetupSpec {
  return request.layout === 'roles' ? { layout: 'roles', signIn: request.signIn, roles: request.roles } : { layout: 'users', roles: request.roles }
}

/** The setup.* channels; apply, resume and rollback report each step to the context, when given one. */
export interface SetupService extends ChannelService<'setup'> {
  defaults(request: { includeAdmin?: boolean | undefined }): RoleSpec[]
  rolesLayoutDefaults(request: { includeAdmin?: boolean | undefined }): { signIn: SignInSpec; roles: IamRoleSpec[] }
  plan(request: SetupRequest): Promise<Plan>
  apply(request: OperationRequest & SetupRequest, context?: OperationContext): Promise<Operation<ApplyReport>>
  resume(request: OperationRequest, context?: OperationContext): Promise<Operation<ApplyReport>>
  rollback(request: OperationRequest, context?: OperationContext): Promise<Operation<RollbackReport>>
  /** `confirm` is the user's consent to delete the root key Cairn is connected with. */
  deleteBootstrapKey(request: { confirm: true }): Promise<BootstrapKeyDeleted>
  lastRun(): Promise<LastRun | null>
}

export function journalPath(dataDir: string, accountId: string): string {
  return join(dataDir, 'setup', `${accountId}.journal.json`)
}

/**
 * Plan and apply on the connected account, as the app and the command line use them. One long
 * operation (apply, resume, rollback, root key deletion) runs at a time.
 */
export function createSetupService(input: SetupServiceInput): SetupService {
  const holder = input.connection
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

  const engine = (connection: Connection) => ({
    accountId: connection.info.accountId,
    clients: connection.clients('apply'),
    readClients: connection.clients('read'),
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    journalPath: journalPath(input.dataDir, connection.info.accountId),
    ...input.tuning
  })

  const applyRoles = async (wanted: SetupSpec, options: { operationId: string; onProgress?: ProgressListener }): Promise<Operation<ApplyReport>> => {
    const { operationId } = options
    const connection = holder.require()
    const setup = setupInPartition(wanted, connection.partition)
    const vault = await input.vault()
    const summary = await applySetup({ ...engine(connection), vault, setup, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
    if (summary.outcome !== 'failed' && input.onApplied) {
      // The app's own practice account, or another practice service reached through --endpoint.
      const practice = connection.info.practice || (await isPracticeService(connection.endpoint))
      await input.onApplied({ setup, accountId: connection.info.accountId, partition: connection.partition, endpoint: connection.endpoint, practice, vault })
    }
    return { operationId, summary }
  }

  return {
    defaults: ({ includeAdmin }) => defaultRoles({ includeAdmin: includeAdmin ?? false, ...(holder.current ? { partition: holder.current.partition } : {}) }),
    rolesLayoutDefaults: ({ includeAdmin }) => ({
      signIn: { userName: DEFAULT_SIGN_IN_USER },
      roles: defaultIamRoles({ includeAdmin: includeAdmin ?? false, ...(holder.current ? { partition: holder.current.partition } : {}) })
    }),
    plan: async (request) => {
      const wanted = setupOfRequest(request)
      checkSetup(wanted)
      const connection = holder.require()
      const setup = setupInPartition(wanted, connection.partition)
      const [snapshot, held] = await Promise.all([
        fetchSnapshot(connection.clients('read'), { credentialReport: false }),
        input.vault().then((vault) => secretsHeld(vault, connection.info.accountId, holdersOf(setup)))
      ])
      return planFor(setup, snapshot, { secretsHeld: held })
    },
    apply: (request, context) => exclusive('an apply', () => applyRoles(setupOfRequest(request), operation(request, context))),
    resume: (request, context) =>
      exclusive('an apply', async () => {
        const connection = holder.require()
        const run = await readJournal(journalPath(input.dataDir, connection.info.accountId))
        if (!run || (run.state !== 'running' && run.state !== 'failed')) {
          throw new CairnError('NOT_FOUND', 'There is no stopped apply to resume: the last one finished or was rolled back.')
        }
        return applyRoles(setupOfRun(run), operation(request, context))
      }),
    rollback: (request, context) =>
      exclusive('a rollback', async () => {
        const connection = holder.require()
        const { operationId, onProgress } = operation(request, context)
        const { readClients, ...rest } = engine(connection)
        const summary = await rollbackSetup({ ...rest, readClients, vault: await input.vault(), ...(onProgress ? { onProgress } : {}) })
        return { operationId, summary }
      }),
    deleteBootstrapKey: () =>
      exclusive('the root key deletion', async () => {
        const connection = holder.require()
        if (connection.isTemporary)
          throw new CairnError('CONFLICT', 'Cairn is connected with temporary credentials, which expire by themselves; there is no access key to delete.')
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
        layout: run.layout ?? 'users',
        roles: roleIdsOf(setupOfRun(run)),
        steps: {
          done: count('done'),
          failed: count('failed'),
          started: count('started'),
          undone: count('undone'),
          created: records.filter((r) => r.created && r.state !== 'undone').length
        },
        canResume: run.state === 'running' || run.state === 'failed',
        canRollBack: run.state !== 'rolled-back' && records.some((r) => r.state !== 'undone' && (r.created || r.callSent))
      }
    }
  }
}
