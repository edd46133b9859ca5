import { classifyAwsError } from '../../aws/classify-aws-error'
import { backoffMs, type RetryPolicy } from '../../aws/backoff'

/** Why a failed call is worth sending again; anything else fails the step. */
export type TransientReason = 'throttled' | 'server-error' | 'network' | 'not-yet-visible' | 'key-not-yet-valid' | 'busy'

export interface TransientContext {
  /**
   * What this run just created among what the call refers to, so NoSuchEntity about it may be
   * lag. true: anything; a list: "The user with name X cannot be found." is lag only if the
   * run made a user.
   */
  afterCreate?: boolean | Array<'user' | 'group' | 'role'>
  /** The call is signed with a key made moments ago, which AWS may not accept yet. */
  freshKey?: boolean
  /** What this entity depended on was removed moments ago, so DeleteConflict may be lag. */
  afterDelete?: boolean
}

export function transientReason(error: unknown, context: TransientContext = {}): TransientReason | null {
  const failure = classifyAwsError(error)
  switch (failure.kind) {
    case 'throttled':
      return 'throttled'
    case 'server-error':
      return 'server-error'
    case 'unreachable':
      return 'network'
    // A missing managed policy ('policy-missing') is not lag: Cairn never creates one, so it is not coming.
    case 'not-found':
      return notFoundJustCreated(failure.said, context.afterCreate) ? 'not-yet-visible' : null
    case 'unknown-key':
      return context.freshKey ? 'key-not-yet-valid' : null
    case 'delete-conflict':
      return context.afterDelete ? 'not-yet-visible' : null
    // SDKs do not retry these, but IAM documents both as "try again": another change to the
    // same entity is in flight, or a name was deleted moments ago.
    case 'busy':
      return 'busy'
    // A trust policy naming a user made moments ago: IAM may not know the principal yet.
    case 'invalid-request':
      return failure.awsCode === 'MalformedPolicyDocument' && /invalid principal/i.test(failure.said) && justMade('user', context.afterCreate)
        ? 'not-yet-visible'
        : null
    default:
      return null
  }
}

function justMade(kind: 'user' | 'group' | 'role', created: TransientContext['afterCreate']): boolean {
  return created === true || (Array.isArray(created) && created.includes(kind))
}

function notFoundJustCreated(said: string, created: TransientContext['afterCreate']): boolean {
  if (created === undefined || created === false) return false
  if (created === true) return true
  const named = /\b(user|group|role)\b/i.exec(said)?.[1]?.toLowerCase() as 'user' | 'group' | 'role' | undefined
  return named === undefined ? created.length > 0 : created.includes(named)
}

export const transientWords: Record<TransientReason, string> = {
  throttled: 'AWS asked Cairn to slow down (Throttling)',
  'server-error': 'AWS had a server error',
  network: 'the connection to AWS failed',
  'not-yet-visible': 'AWS does not see the latest change yet (eventual consistency)',
  'key-not-yet-valid': 'AWS does not accept the new key yet (eventual consistency)',
  busy: 'another change to the same entity is in progress'
}

/** The last transient error of a step that ran out of time, with how long it tried. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly last: unknown,
    readonly reason: TransientReason,
    readonly attempts: number,
    readonly elapsedMs: number
  ) {
    super(`Still failing after ${attempts} attempts in ${Math.round(elapsedMs / 1000)} s: ${transientWords[reason]}.`)
    this.name = 'RetriesExhaustedError'
  }
}

export interface RetryHooks {
  /** Before waiting to send attempt `attempt` again (2, 3, ...). */
  onRetry?: (attempt: number, reason: TransientReason, delayMs: number, error: unknown) => void
  /** Runs before a retry; e.g. CreateAccessKey makes sure an unanswered call left no key behind. */
  beforeRetry?: (reason: TransientReason, error: unknown) => Promise<void>
  context?: TransientContext | (() => TransientContext)
  signal?: AbortSignal
}

/** Calls `attempt` until it succeeds, a non-transient error comes, or the time budget is spent. */
export async function withRetry<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const started = policy.now()
  for (let n = 1; ; n++) {
    hooks.signal?.throwIfAborted()
    try {
      return await attempt(n)
    } catch (error) {
      hooks.signal?.throwIfAborted()
      const context = typeof hooks.context === 'function' ? hooks.context() : hooks.context
      const reason = transientReason(error, context)
      if (!reason) throw error
      const delay = backoffMs(n, policy)
      const elapsed = policy.now() - started
      const budget = reason === 'not-yet-visible' || reason === 'key-not-yet-valid' ? Math.min(policy.budgetMs, policy.consistencyBudgetMs) : policy.budgetMs
      if (elapsed + delay > budget) throw new RetriesExhaustedError(error, reason, n, elapsed)
      hooks.onRetry?.(n + 1, reason, delay, error)
      await policy.sleep(delay, hooks.signal)
      await hooks.beforeRetry?.(reason, error)
    }
  }
}
