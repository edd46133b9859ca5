import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types'
import { networkFailure } from './aws-error'
import { backoffMs, type RetryPolicy } from './backoff'

export type ReadRetryPolicy = Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'budgetMs' | 'random' | 'now'>

/** Nobody answering is not AWS saying "slow down": say so within seconds, not after the budget. */
export const UNANSWERED_ATTEMPTS = 3

class ReadRetryToken implements RetryToken {
  constructor(
    readonly startedAt: number,
    private readonly count: number,
    private readonly delayMs: number
  ) {}

  getRetryCount(): number {
    return this.count
  }

  getRetryDelay(): number {
    return this.delayMs
  }
}

/**
 * Reads wait out throttling and server errors for as long as an apply step does (the policy's
 * time budget) rather than for a fixed number of attempts: one read that gives up fails a whole
 * scan or a resumed apply, and at 28% faulty answers six attempts still gave up on about one
 * call in two thousand. No shared retry quota either: Cairn has at most 8 calls in flight, so it
 * cannot start a retry storm, and a quota drained in one bad minute would make every later read
 * of the session give up at its first error.
 */
export class ReadRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'cairn-read'

  constructor(private readonly policy: ReadRetryPolicy) {}

  acquireInitialRetryToken(): Promise<RetryToken> {
    return Promise.resolve(new ReadRetryToken(this.policy.now(), 0, 0))
  }

  refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount()
    const startedAt = token instanceof ReadRetryToken ? token.startedAt : this.policy.now()
    if (info.errorType !== 'THROTTLING' && info.errorType !== 'TRANSIENT') return Promise.reject(info.error ?? new Error(info.errorType))
    if (networkFailure(info.error) !== undefined && retries + 1 >= UNANSWERED_ATTEMPTS) return Promise.reject(info.error)

    let delayMs = backoffMs(retries + 1, this.policy)
    if (info.retryAfterHint) delayMs = Math.max(delayMs, Math.min(info.retryAfterHint.getTime() - this.policy.now(), this.policy.maxDelayMs))
    if (this.policy.now() - startedAt + delayMs > this.policy.budgetMs) return Promise.reject(info.error ?? new Error(info.errorType))
    return Promise.resolve(new ReadRetryToken(startedAt, retries + 1, delayMs))
  }

  recordSuccess(): void {}
}
