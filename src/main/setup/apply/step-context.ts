import type { AccountSnapshot } from '../../audit/snapshot'
import type { AwsClients } from '../../aws/clients'
import type { SecretStore } from '../../vault/secret-store'
import type { StepOwner } from '../../../shared/domain/words'
import type { Holder } from '../setup-layout'
import type { Step } from '../step'
import type { Journal } from './journal'
import type { StepProgress } from './progress'
import type { RetryPolicy } from '../../aws/backoff'
import { transientWords, withRetry, type RetryHooks } from './retry'

/** Everything a step needs to run, shared by the steps of one apply. */
export interface StepContext {
  accountId: string
  /** One attempt per send; `retry` does the retrying. */
  clients: AwsClients
  /** For the few reads apply makes (ListAccessKeys); these clients retry on their own (ReadRetryStrategy). */
  readClients: AwsClients
  endpoint: string | undefined
  vault: SecretStore
  journal: Journal
  snapshot: AccountSnapshot
  /** The users whose secrets this setup keeps, by keychain entry. */
  holders: ReadonlyMap<StepOwner, Holder>
  /** Ids of the steps whose entity this run created, for "not found right after a create". */
  createdInRun: Set<string>
  policy: RetryPolicy
  /** After a CreateAccessKey call, a key it made is sure to be listed by then. */
  newKeyVisibleAfterMs: number
  signal: AbortSignal | undefined
  now: () => Date
  emit: (progress: StepProgress) => void
}

/** What a step did, for its row and for the journal. */
export interface StepDone {
  /** This run made the entity (now or in an attempt before a kill). */
  created: boolean
  message: string
}

/** The kinds of entity this step refers to that the run created (user:..., group:..., role:... steps). */
function createdKinds(ctx: StepContext, step: Pick<Step, 'dependsOn'>): Array<'user' | 'group' | 'role'> {
  const kinds = step.dependsOn.filter((id) => ctx.createdInRun.has(id)).map((id) => id.slice(0, id.indexOf(':')))
  return (['user', 'group', 'role'] as const).filter((kind) => kinds.includes(kind))
}

/** Retries `call` under the apply's policy, reporting each retry on the step's row. */
export function retrying<T>(
  ctx: StepContext,
  step: Pick<Step, 'id' | 'dependsOn'>,
  call: () => Promise<T>,
  hooks: Omit<RetryHooks, 'signal' | 'onRetry'> = {}
): Promise<T> {
  return withRetry(() => call(), ctx.policy, {
    context: () => ({ afterCreate: createdKinds(ctx, step) }),
    ...hooks,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onRetry: (attempt, reason, delayMs) =>
      ctx.emit({
        stepId: step.id,
        state: 'retrying',
        attempt,
        message: `${transientWords[reason]}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt}).`
      })
  })
}

/** The signal as a send option, so a stopped apply does not wait on calls in flight. */
export function sendOptions(ctx: Pick<StepContext, 'signal'>): { abortSignal?: AbortSignal } {
  return ctx.signal ? { abortSignal: ctx.signal } : {}
}
