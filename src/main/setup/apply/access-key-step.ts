import { CreateAccessKeyCommand, DeleteAccessKeyCommand, paginateListAccessKeys } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { awsErrorCode } from '../../aws/aws-error'
import { awsClients } from '../../aws/clients'
import { findUser } from '../../audit/snapshot'
import type { RoleSecrets } from '../../vault/secret-store'
import { stepIds, type Step } from '../step'
import { StepError } from './explain-failure'
import type { JournalStep } from './journal'
import { withRetry } from './retry'
import { retrying, sendOptions, type StepContext, type StepDone } from './step-context'
import { vaultKey } from './vault-entries'

type HeldKey = NonNullable<RoleSecrets['accessKey']>

const sleepUntil = (ctx: Pick<StepContext, 'policy' | 'signal' | 'now'>, at: number) => {
  const wait = at - ctx.now().getTime()
  return wait > 0 ? ctx.policy.sleep(wait, ctx.signal) : Promise.resolve()
}

export async function listKeyIds(ctx: Pick<StepContext, 'readClients' | 'signal'>, UserName: string): Promise<string[]> {
  const ids: string[] = []
  for await (const page of paginateListAccessKeys({ client: ctx.readClients.iam }, { UserName }, ...(ctx.signal ? [{ abortSignal: ctx.signal }] : []))) {
    for (const key of page.AccessKeyMetadata ?? []) if (key.AccessKeyId) ids.push(key.AccessKeyId)
  }
  return ids
}

/**
 * Deletes the keys of `userName` that a CreateAccessKey of this run made but whose secret is
 * not in the keychain (a kill or an unanswered call between AWS making it and Cairn storing
 * it). A new key can be missing from ListAccessKeys for a while, so this first waits until
 * any key made by the call at `callAt` must be listed.
 */
export async function deleteStrayKeys(
  ctx: Pick<StepContext, 'clients' | 'readClients' | 'policy' | 'signal' | 'now' | 'newKeyVisibleAfterMs'>,
  userName: string,
  record: Pick<JournalStep, 'keysBefore' | 'callAt' | 'startedAt'>,
  keepAccessKeyId: string | undefined
): Promise<string[]> {
  await sleepUntil(ctx, Date.parse(record.callAt ?? record.startedAt) + ctx.newKeyVisibleAfterMs)
  const before = new Set(record.keysBefore ?? [])
  const strays = (await listKeyIds(ctx, userName)).filter((id) => !before.has(id) && id !== keepAccessKeyId)
  for (const AccessKeyId of strays) {
    try {
      await withRetry(
        () => ctx.clients.iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId }), sendOptions(ctx)),
        ctx.policy,
        ctx.signal ? { signal: ctx.signal } : {}
      )
    } catch (error) {
      if (awsErrorCode(error) !== 'NoSuchEntity') throw error
    }
  }
  return strays
}

/**
 * Whether the key in the keychain still works for this user. The plan cannot tell while the
 * user is not listed yet (eventual consistency), and making a second key would throw away the
 * first one's secret; so sign a GetCallerIdentity with it, allowing a new key time to work.
 */
async function heldKeyWorks(ctx: StepContext, held: HeldKey, userName: string): Promise<boolean> {
  const listed = findUser(ctx.snapshot, userName)?.accessKeys.find((key) => key.accessKeyId === held.accessKeyId)
  if (listed) return listed.status === 'Active'
  const { sts } = awsClients(held, { purpose: 'apply', ...(ctx.endpoint ? { endpoint: ctx.endpoint } : {}) })
  // IAM's CreateDate has whole seconds: the key may be up to a second younger than it says.
  const patientUntil = Date.parse(held.createdAt) + 1000 + ctx.newKeyVisibleAfterMs
  for (;;) {
    try {
      const { Arn } = await withRetry(() => sts.send(new GetCallerIdentityCommand({}), sendOptions(ctx)), ctx.policy, ctx.signal ? { signal: ctx.signal } : {})
      return Arn?.endsWith(`/${userName}`) ?? false
    } catch (error) {
      if (awsErrorCode(error) !== 'InvalidClientTokenId') throw error
      if (ctx.now().getTime() >= patientUntil) return false
      await ctx.policy.sleep(Math.min(1000, patientUntil - ctx.now().getTime()), ctx.signal)
    }
  }
}

/** The user's keys before the call: from the snapshot, none for a user this run made, else listed. */
async function keysBeforeCall(ctx: StepContext, userName: string): Promise<string[]> {
  const user = findUser(ctx.snapshot, userName)
  if (user) return user.accessKeys.map((key) => key.accessKeyId)
  if (ctx.createdInRun.has(stepIds.user(userName))) return []
  // The user step is done, so the user exists; "not found" here is lag (the snapshot missed it too).
  return withRetry(() => listKeyIds(ctx, userName), ctx.policy, { context: { afterCreate: ['user'] }, ...(ctx.signal ? { signal: ctx.signal } : {}) })
}

/**
 * CreateAccessKey is the one call that is not idempotent and returns a secret once. So: the
 * journal says "creating a key for X" (with X's keys so far) before the call; the secret goes
 * to the keychain before the step counts as done; if the keychain refuses, the new key is
 * deleted again. A key is never left in AWS with its secret nowhere.
 */
export async function createAccessKey(ctx: StepContext, step: Step): Promise<StepDone> {
  const UserName = step.target.userName ?? ''
  const key = vaultKey(ctx.accountId, step.role)
  const held = (await ctx.vault.get(key))?.accessKey
  if (held && (await heldKeyWorks(ctx, held, UserName))) {
    const earlier = ctx.journal.step(step.id)
    return { created: earlier?.accessKeyId === held.accessKeyId, message: `Access key ${held.accessKeyId} is in your keychain.` }
  }

  const keysBefore = await keysBeforeCall(ctx, UserName)
  const record = ctx.journal.begin(step, { callSent: true, keysBefore, callAt: ctx.now().toISOString() })
  ctx.signal?.throwIfAborted()
  await ctx.journal.save()

  const created = await retrying(ctx, step, () => ctx.clients.iam.send(new CreateAccessKeyCommand({ UserName }), sendOptions(ctx)), {
    // A 5xx or a dropped connection may come after AWS made the key: clear it before asking again.
    beforeRetry: async (reason) => {
      if (reason === 'server-error' || reason === 'network') await deleteStrayKeys(ctx, UserName, ctx.journal.step(step.id) ?? record, undefined)
      ctx.journal.patch(step.id, { callAt: ctx.now().toISOString() })
      await ctx.journal.save()
    }
  })
  // Between AWS's answer and the keychain is the one place a kill would strand a key; the
  // next run finds it through the journal and deletes it.
  ctx.signal?.throwIfAborted()
  const accessKey = created.AccessKey
  if (!accessKey?.AccessKeyId || !accessKey.SecretAccessKey)
    throw new StepError('InvalidResponse', 'AWS answered CreateAccessKey without the key. Apply again.')
  const { AccessKeyId, SecretAccessKey } = accessKey
  ctx.journal.patch(step.id, { accessKeyId: AccessKeyId, created: true })

  try {
    await ctx.vault.update(key, (current) => ({
      ...current,
      accessKey: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, createdAt: (accessKey.CreateDate ?? ctx.now()).toISOString() }
    }))
  } catch (vaultError) {
    const why = vaultError instanceof Error ? vaultError.message : String(vaultError)
    try {
      await retrying(ctx, step, () => ctx.clients.iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId }), sendOptions(ctx)))
    } catch {
      await ctx.journal.save()
      throw new StepError(
        'KEYCHAIN_UNAVAILABLE',
        `${why} AWS made access key ${AccessKeyId} for ${UserName}, but its secret could not be saved and the key could not be deleted again. Delete ${AccessKeyId} in the IAM console (Users > ${UserName} > Security credentials); the next apply also tries.`
      )
    }
    ctx.journal.patch(step.id, { created: false })
    await ctx.journal.save()
    throw new StepError(
      'KEYCHAIN_UNAVAILABLE',
      `${why} The new access key ${AccessKeyId} was deleted again, so no key exists without its secret. Fix the keychain, then apply again.`
    )
  }
  ctx.journal.patch(step.id, { wroteToVault: [...new Set([...(record.wroteToVault ?? []), 'accessKey' as const])] })
  return { created: true, message: `Created access key ${AccessKeyId} for ${UserName}; its secret is in your keychain.` }
}
