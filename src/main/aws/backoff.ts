/** How long Cairn keeps sending a call AWS answered with "slow down" or a server error. */
export interface RetryPolicy {
  /** First backoff ceiling; each retry doubles it up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
  /** A step gives up once this much time has passed since its first attempt. */
  budgetMs: number
  /**
   * The shorter budget for eventual-consistency errors: past it, "not found" means not found
   * (AWS reports 5-15 s of lag; a user's MFA device really does block DeleteUser).
   */
  consistencyBudgetMs: number
  random: () => number
  now: () => number
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  budgetMs: 60_000,
  consistencyBudgetMs: 30_000,
  random: Math.random,
  now: Date.now,
  sleep: abortableSleep
}

/** "Full jitter" (AWS Architecture Blog): uniform in [0, min(cap, base * 2^n)), so retries spread out. */
export function backoffMs(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(policy.random() * ceiling)
}
