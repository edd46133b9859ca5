import { describe, expect, it } from 'vitest'
import { backoffMs, type RetryPolicy } from '../../../../src/main/aws/backoff'
import { RetriesExhaustedError, transientReason, withRetry } from '../../../../src/main/setup/apply/retry'

const aws = (Code: string, status: number, fault: 'client' | 'server' = 'client') =>
  Object.assign(new Error(Code), { Code, $fault: fault, $metadata: { httpStatusCode: status } })

/** A clock that sleeping moves forward, so budgets are tested without waiting. */
function virtualPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { slept: number[] } {
  let now = 0
  const slept: number[] = []
  return {
    baseDelayMs: 100,
    maxDelayMs: 1000,
    budgetMs: 10_000,
    consistencyBudgetMs: 3000,
    random: () => 0.5,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms)
      now += ms
    },
    slept,
    ...overrides
  }
}

describe('transientReason', () => {
  it('retries throttling, server errors and dropped connections', () => {
    expect(transientReason(aws('Throttling', 400))).toBe('throttled')
    expect(transientReason(aws('ServiceFailure', 500, 'server'))).toBe('server-error')
    expect(transientReason(aws('ServiceUnavailable', 503, 'server'))).toBe('server-error')
    expect(transientReason(Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' }))).toBe('network')
  })

  it('retries "not found" only right after this run created what the call refers to', () => {
    expect(transientReason(aws('NoSuchEntity', 404))).toBeNull()
    expect(transientReason(aws('NoSuchEntity', 404), { afterCreate: true })).toBe('not-yet-visible')
    const userNotFound = Object.assign(aws('NoSuchEntity', 404), { message: 'The user with name dev cannot be found.' })
    expect(transientReason(userNotFound, { afterCreate: ['user'] })).toBe('not-yet-visible')
    expect(transientReason(userNotFound, { afterCreate: ['group'] })).toBeNull()
  })

  it('retries a trust policy whose principal IAM does not know yet only right after this run made the user', () => {
    const invalidPrincipal = Object.assign(aws('MalformedPolicyDocument', 400), {
      message: 'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:user/me"'
    })
    expect(transientReason(invalidPrincipal, { afterCreate: ['user'] })).toBe('not-yet-visible')
    expect(transientReason(invalidPrincipal, { afterCreate: ['group'] })).toBeNull()
    expect(transientReason(invalidPrincipal)).toBeNull()
    const otherwiseMalformed = Object.assign(aws('MalformedPolicyDocument', 400), { message: 'Syntax errors in policy.' })
    expect(transientReason(otherwiseMalformed, { afterCreate: ['user'] })).toBeNull()
  })

  it('never retries a managed policy that does not exist, even right after creating the group', () => {
    const missing = (arn: string) => Object.assign(aws('NoSuchEntity', 404), { message: `Policy ${arn} does not exist or is not attachable.` })
    expect(transientReason(missing('arn:aws-cn:iam::aws:policy/job-function/Billing'), { afterCreate: ['group'] })).toBeNull()
    expect(transientReason(missing('arn:aws:iam::aws:policy/NoSuchPolicy'), { afterCreate: true })).toBeNull()
    // "group" in the policy's own name is not the group of the call.
    expect(transientReason(missing('arn:aws:iam::123456789012:policy/group-readers'), { afterCreate: ['group'] })).toBeNull()
  })

  it('retries an unknown key only when it is brand new', () => {
    expect(transientReason(aws('InvalidClientTokenId', 403))).toBeNull()
    expect(transientReason(aws('InvalidClientTokenId', 403), { freshKey: true })).toBe('key-not-yet-valid')
  })

  it('does not retry what asking again cannot fix', () => {
    for (const code of ['AccessDenied', 'LimitExceeded', 'EntityAlreadyExists', 'ValidationError', 'PasswordPolicyViolation'])
      expect(transientReason(aws(code, 400))).toBeNull()
  })
})

describe('withRetry', () => {
  it('backs off exponentially with jitter, capped', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 }
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, policy))).toEqual([99, 199, 399, 799, 999, 999])
    expect(backoffMs(3, { ...policy, random: () => 0 })).toBe(0)
  })

  it('tries again until the call succeeds, telling each retry', async () => {
    const retries: number[] = []
    let calls = 0
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw aws('Throttling', 400)
        return 'ok'
      },
      virtualPolicy(),
      { onRetry: (attempt) => retries.push(attempt) }
    )
    expect(result).toBe('ok')
    expect(retries).toEqual([2, 3])
  })

  it('gives up once the time budget is spent', async () => {
    const policy = virtualPolicy({ budgetMs: 2000 })
    const error = await withRetry(() => Promise.reject(aws('Throttling', 400)), policy).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RetriesExhaustedError)
    expect(policy.slept.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2000)
  })

  it('gives eventual-consistency errors the shorter budget', async () => {
    const policy = virtualPolicy({ budgetMs: 60_000, consistencyBudgetMs: 1500 })
    await expect(withRetry(() => Promise.reject(aws('NoSuchEntity', 404)), policy, { context: { afterCreate: true } })).rejects.toBeInstanceOf(
      RetriesExhaustedError
    )
    expect(policy.now()).toBeLessThanOrEqual(1500)
  })

  it('fails at once on an error that is not transient', async () => {
    let calls = 0
    await expect(
      withRetry(() => {
        calls++
        return Promise.reject(aws('AccessDenied', 403))
      }, virtualPolicy())
    ).rejects.toMatchObject({ Code: 'AccessDenied' })
    expect(calls).toBe(1)
  })

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stop'))
    await expect(withRetry(async () => 'never', virtualPolicy(), { signal: controller.signal })).rejects.toThrow('stop')
  })
})
