import { DeleteAccessKeyCommand, GetAccountSummaryCommand, ListAccessKeysCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { awsErrorCode } from '../../aws/aws-error'
import { awsClients, type AwsClients } from '../../aws/clients'
import type { SecretStore } from '../../vault/secret-store'
import { CairnError } from '../../../shared/errors'
import { defaultRetryPolicy, type RetryPolicy } from '../../aws/backoff'
import { withRetry } from './retry'

export interface DeleteBootstrapKeyOptions {
  accountId: string
  /** The root connection's clients, signed with the key to delete. */
  clients: AwsClients
  accessKeyId: string
  isRoot: boolean
  endpoint?: string
  /** Keys Cairn made during setup, to read the account summary once root's key is gone. */
  vault: SecretStore
  retry?: Partial<RetryPolicy>
}

/**
 * How the deletion was confirmed. account-summary: an IAM user's key read
 * AccountAccessKeysPresent after the deletion. key-refused: AWS now refuses the deleted key,
 * and root had no other key before (checked with ListAccessKeys while the key still worked).
 */
export type BootstrapKeyVerification = 'account-summary' | 'key-refused'

export interface BootstrapKeyDeleted {
  deletedAccessKeyId: string
  verifiedBy: BootstrapKeyVerification
  /** AccountAccessKeysPresent: 0 when root has no access key left. */
  accountAccessKeysPresent: number
  /** Other root keys, which Cairn did not make and leaves to the user. */
  otherRootKeys: string[]
  message: string
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** AccountAccessKeysPresent as one of Cairn's own keys sees it, or null when none may read it. */
async function summaryThroughHeldKey(options: DeleteBootstrapKeyOptions, policy: RetryPolicy): Promise<number | null> {
  for (const key of await options.vault.list(options.accountId)) {
    const held = (await options.vault.get(key).catch(() => null))?.accessKey
    if (!held) continue
    const { iam } = awsClients(held, { purpose: 'apply', ...(options.endpoint ? { endpoint: options.endpoint } : {}) })
    try {
      // A deletion takes a moment to show in the summary; a new key a moment to be accepted.
      const deadline = policy.now() + policy.consistencyBudgetMs
      for (;;) {
        const { SummaryMap } = await withRetry(() => iam.send(new GetAccountSummaryCommand({})), policy, { context: { freshKey: true } })
        const present = SummaryMap?.AccountAccessKeysPresent ?? null
        if (present === 0 || present === null || policy.now() > deadline) return present
        await sleep(500)
      }
    } catch (error) {
      // This role may not read the summary (dev), or must use MFA first: try the next one.
      if (awsErrorCode(error) === 'AccessDenied' || awsErrorCode(error) === 'InvalidClientTokenId') continue
      throw error
    }
  }
  return null
}

/**
 * The end of a setup made with a temporary root access key: delete that key (DeleteAccessKey
 * as root, with the user's consent given by the caller) and confirm root has none left. Once
 * root's only key is gone nothing can call as root, so the check uses a key Cairn made when
 * one may read the account summary (ops can), and otherwise AWS refusing the deleted key.
 */
export async function deleteBootstrapRootKey(options: DeleteBootstrapKeyOptions): Promise<BootstrapKeyDeleted> {
  if (!options.isRoot) {
    throw new CairnError(
      'CONFLICT',
      'Cairn is connected with an IAM user’s key, not a root access key; there is no root key of Cairn’s to delete. Check root’s keys in the console under Security credentials.'
    )
  }
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry }
  const { iam, sts } = options.clients
  const AccessKeyId = options.accessKeyId
  const listed = await withRetry(() => iam.send(new ListAccessKeysCommand({})), policy)
  const otherRootKeys = (listed.AccessKeyMetadata ?? []).map((key) => key.AccessKeyId ?? '').filter((id) => id !== '' && id !== AccessKeyId)

  try {
    await withRetry(() => iam.send(new DeleteAccessKeyCommand({ AccessKeyId })), policy)
  } catch (error) {
    // Gone already (a retry after an unanswered call): that is what was wanted.
    if (awsErrorCode(error) !== 'NoSuchEntity' && awsErrorCode(error) !== 'InvalidClientTokenId') throw error
  }

  const summary = await summaryThroughHeldKey(options, policy)
  if (summary !== null) {
    return {
      deletedAccessKeyId: AccessKeyId,
      verifiedBy: 'account-summary',
      accountAccessKeysPresent: summary,
      otherRootKeys,
      message:
        summary === 0 ? `Deleted root access key ${AccessKeyId}; the account summary confirms root has no access keys.` : remaining(AccessKeyId, otherRootKeys)
    }
  }

  // No key of Cairn's may read the summary: wait until AWS refuses the deleted key.
  const deadline = policy.now() + policy.consistencyBudgetMs
  for (;;) {
    try {
      await withRetry(() => sts.send(new GetCallerIdentityCommand({})), policy)
    } catch (error) {
      if (awsErrorCode(error) === 'InvalidClientTokenId') break
      throw error
    }
    if (policy.now() > deadline)
      throw new CairnError(
        'AWS_ERROR',
        `AWS still accepts root access key ${AccessKeyId} after deleting it. Check root’s keys in the console under Security credentials in a few minutes.`
      )
    await sleep(500)
  }
  const present = otherRootKeys.length
  return {
    deletedAccessKeyId: AccessKeyId,
    verifiedBy: 'key-refused',
    accountAccessKeysPresent: present,
    otherRootKeys,
    message: present === 0 ? `Deleted root access key ${AccessKeyId}; AWS now refuses it, and root had no other key.` : remaining(AccessKeyId, otherRootKeys)
  }
}

function remaining(deleted: string, others: string[]): string {
  return `Deleted root access key ${deleted}, but root still has ${others.length > 0 ? others.join(', ') : 'another access key'}, which Cairn did not make. Delete it in the console under Security credentials > Access keys.`
}
