import {
  DeleteAccessKeyCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  RemoveUserFromGroupCommand
} from '@aws-sdk/client-iam'
import type { AwsClients } from '../../aws/clients'
import { awsErrorCode } from '../../aws/aws-error'
import type { SecretStore } from '../../vault/secret-store'
import type { StepAction } from '../step'
import { deleteStrayKeys } from './access-key-step'
import { explainFailure } from './explain-failure'
import { assertNotRunningElsewhere, Journal, readJournal, type JournalStep } from './journal'
import type { ProgressListener } from './progress'
import { defaultRetryPolicy, type RetryPolicy } from '../../aws/backoff'
import { withRetry, transientWords } from './retry'
import { runGraph } from './run-graph'
import { removeFromVault, vaultKey } from './vault-entries'

export interface RollbackOptions {
  accountId: string
  clients: AwsClients
  readClients: AwsClients
  vault: SecretStore
  journalPath: string
  onProgress?: ProgressListener
  concurrency?: number
  retry?: Partial<RetryPolicy>
  newKeyVisibleAfterMs?: number
  signal?: AbortSignal
  now?: () => Date
}

export interface RollbackReport {
  runId: string | null
  /** nothing: no run to roll back (none recorded, or already rolled back). */
  outcome: 'done' | 'failed' | 'nothing'
  steps: Array<{ id: string; undo: string; outcome: 'done' | 'failed' | 'skipped'; message: string; code?: string }>
  failures: Array<{ stepId: string; code: string; message: string }>
}

/** The call that takes each step back. */
const undoAction: Record<StepAction, string> = {
  CreateGroup: 'DeleteGroup',
  AttachGroupPolicy: 'DetachGroupPolicy',
  PutGroupPolicy: 'DeleteGroupPolicy',
  CreateUser: 'DeleteUser',
  AddUserToGroup: 'RemoveUserFromGroup',
  CreateLoginProfile: 'DeleteLoginProfile',
  CreateAccessKey: 'DeleteAccessKey',
  CreateRole: 'DeleteRole',
  AttachRolePolicy: 'DetachRolePolicy',
  // A changed setting has no delete; the journal does not keep what it was, so it stays as Cairn set it.
  UpdateAssumeRolePolicy: 'none',
  UpdateRole: 'none'
}

/** A step this run may have made: done and created, or sent and never confirmed (a kill). */
function toUndo(record: JournalStep): boolean {
  if (record.state === 'undone' || undoAction[record.action] === 'none') return false
  return record.created || (record.callSent && record.state !== 'done')
}

interface UndoNode {
  id: string
  dependsOn: string[]
  record: JournalStep
}

/**
 * Deletes exactly what the last apply created, in reverse dependency order (memberships, keys
 * and passwords before users; policies and members before groups), and takes back the keychain
 * entries it wrote. Anything that is already gone counts as undone, so it can run again.
 */
export async function rollbackSetup(options: RollbackOptions): Promise<RollbackReport> {
  const now = options.now ?? (() => new Date())
  const emit = options.onProgress ?? (() => undefined)
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const run = await readJournal(options.journalPath)
  if (!run || run.accountId !== options.accountId || run.state === 'rolled-back')
    return { runId: run?.runId ?? null, outcome: 'nothing', steps: [], failures: [] }
  assertNotRunningElsewhere(run)
  const journal = await Journal.open(options.journalPath, { ...run, state: 'rolling-back' }, now)
  const { iam } = options.clients
  const send = { ...(options.signal ? { abortSignal: options.signal } : {}) }

  const records = Object.values(run.steps).filter(toUndo)
  const ids = new Set(records.map((r) => r.id))
  const nodes: UndoNode[] = records.map((record) => ({
    id: record.id,
    record,
    // Undo A only after undoing everything that needed A.
    dependsOn: records.filter((other) => other.dependsOn.includes(record.id) && ids.has(other.id)).map((other) => other.id)
  }))
  // runGraph starts ready nodes in list order; keep dependents' undo first for readability.
  nodes.reverse()
  const undone = new Set<string>()
  const reports: RollbackReport['steps'] = []

  const undo = async (record: JournalStep): Promise<string> => {
    const {
      userName: UserName = '',
      groupName: GroupName = '',
      policyArn: PolicyArn = '',
      policyName: PolicyName = '',
      roleName: RoleName = ''
    } = record.target
    switch (record.action) {
      case 'CreateRole':
        await iam.send(new DeleteRoleCommand({ RoleName }), send)
        return `Deleted role ${RoleName}.`
      case 'AttachRolePolicy':
        await iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn }), send)
        return `Detached ${PolicyArn.split('/').pop()} from role ${RoleName}.`
      case 'UpdateAssumeRolePolicy':
      case 'UpdateRole':
        return `${RoleName} keeps the setting Cairn gave it.`
      case 'CreateGroup':
        await iam.send(new DeleteGroupCommand({ GroupName }), send)
        return `Deleted group ${GroupName}.`
      case 'AttachGroupPolicy':
        await iam.send(new DetachGroupPolicyCommand({ GroupName, PolicyArn }), send)
        return `Detached ${PolicyArn.split('/').pop()} from ${GroupName}.`
      case 'PutGroupPolicy':
        await iam.send(new DeleteGroupPolicyCommand({ GroupName, PolicyName }), send)
        return `Removed ${PolicyName} from ${GroupName}.`
      case 'CreateUser':
        await iam.send(new DeleteUserCommand({ UserName }), send)
        return `Deleted user ${UserName}.`
      case 'AddUserToGroup':
        await iam.send(new RemoveUserFromGroupCommand({ UserName, GroupName }), send)
        return `Removed ${UserName} from ${GroupName}.`
      case 'CreateLoginProfile':
        await iam.send(new DeleteLoginProfileCommand({ UserName }), send)
        return `Removed ${UserName}'s console password.`
      case 'CreateAccessKey': {
        if (record.accessKeyId) {
          await iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: record.accessKeyId }), send)
          return `Deleted access key ${record.accessKeyId}.`
        }
        // A kill before AWS's answer was recorded: this run's key is whichever was not there before.
        const key = vaultKey(options.accountId, record.role)
        const held = (await options.vault.get(key))?.accessKey?.accessKeyId
        const deleted = await deleteStrayKeys(
          { ...options, policy, now, signal: options.signal, newKeyVisibleAfterMs: options.newKeyVisibleAfterMs ?? 15_000 },
          UserName,
          record,
          undefined
        )
        if (held && !(record.keysBefore ?? []).includes(held)) await removeFromVault(options.vault, key, ['accessKey'], held)
        return deleted.length > 0 ? `Deleted access key ${deleted.join(', ')}.` : `No access key of ${UserName} was left to delete.`
      }
    }
  }

  await runGraph(nodes, {
    concurrency: options.concurrency ?? 8,
    signal: options.signal,
    run: async ({ record, dependsOn }) => {
      emit({ stepId: record.id, state: 'running', attempt: 1 })
      try {
        let message: string
        try {
          message = await withRetry(() => undo(record), policy, {
            context: { afterDelete: dependsOn.some((id) => undone.has(id)) },
            ...(options.signal ? { signal: options.signal } : {}),
            onRetry: (attempt, reason) => emit({ stepId: record.id, state: 'retrying', attempt, message: `${transientWords[reason]}; retrying.` })
          })
        } catch (error) {
          if (awsErrorCode(error) !== 'NoSuchEntity') throw error
          message = `${undoAction[record.action]}: already gone.`
        }
        if (record.wroteToVault?.length) {
          const fields = record.wroteToVault.filter((field) => (field === 'accessKey' ? record.action === 'CreateAccessKey' : field === 'consolePassword'))
          await removeFromVault(options.vault, vaultKey(options.accountId, record.role), fields, record.accessKeyId)
        }
        undone.add(record.id)
        journal.patch(record.id, { state: 'undone' })
        await journal.save()
        reports.push({ id: record.id, undo: undoAction[record.action], outcome: 'done', message })
        emit({ stepId: record.id, state: 'done', message })
        return 'done'
      } catch (error) {
        if (options.signal?.aborted) throw error
        const failure = explainFailure(error, undoAction[record.action], record.target)
        reports.push({ id: record.id, undo: undoAction[record.action], outcome: 'failed', message: failure.message, code: failure.code })
        emit({ stepId: record.id, state: 'failed', message: failure.message })
        return 'failed'
      }
    },
    onBlocked: ({ record }, blocker) => {
      const message = `Not undone: undoing ${blocker} failed first.`
      reports.push({ id: record.id, undo: undoAction[record.action], outcome: 'skipped', message })
      emit({ stepId: record.id, state: 'skipped', message })
    }
  })

  const failures = reports.filter((r) => r.outcome === 'failed').map((r) => ({ stepId: r.id, code: r.code ?? 'Error', message: r.message }))
  const complete = reports.every((r) => r.outcome === 'done')
  journal.setState(complete ? 'rolled-back' : 'rolling-back')
  await journal.save()
  return { runId: run.runId, outcome: complete ? 'done' : 'failed', steps: reports, failures }
}
