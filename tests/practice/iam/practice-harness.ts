import { expect } from 'vitest'
import type { ActionContext, Caller } from '../../../src/practice/action'
import { AwsError } from '../../../src/practice/errors'
import { iamActions } from '../../../src/practice/iam'
import { newPracticeState } from '../../../src/practice/new-account'
import type { PracticeState } from '../../../src/practice/state'

/** Results are loosely typed XML trees; tests read them like the SDK's parsed output. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any

export const ACCOUNT_ID = '123456789012'
export const START = new Date('2026-03-01T12:00:00Z')

/** A deterministic [0, 1) sequence (mulberry32), so fresh accounts are the same every run. */
export function seededRandom(seed = 42): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A practice account driven straight through the action handlers: root signs by default, the
 * clock only moves when a test moves it, and ids come from a counter.
 */
export function practiceAccount(opts: { consistencyDelayMs?: number } = {}) {
  const state: PracticeState = newPracticeState({ accountId: ACCOUNT_ID, now: START, random: seededRandom() })
  const clock = { now: new Date(START) }
  let counter = 0
  let dirty = 0
  const rootKey = state.root.accessKeys[0]!

  const root: Caller = { kind: 'root', arn: state.root.arn, accessKeyId: rootKey.accessKeyId }

  function userCaller(userName: string): Caller {
    const user = state.users[userName.toLowerCase()]
    if (!user) throw new Error(`no user ${userName}`)
    return { kind: 'user', userName: user.userName, arn: user.arn, accessKeyId: 'AKIAUSERKEY000000000' }
  }

  function context(params: Record<string, string>, caller: Caller): ActionContext {
    return {
      state,
      caller,
      params,
      now: new Date(clock.now),
      requestId: `req-${counter}`,
      consistencyDelayMs: opts.consistencyDelayMs ?? 0,
      newId(prefix: string, length = 21) {
        counter += 1
        return (
          prefix +
          counter
            .toString(36)
            .toUpperCase()
            .padStart(length - prefix.length, '0')
        )
      },
      markDirty() {
        dirty += 1
      }
    }
  }

  async function call(action: string, params: Record<string, string> = {}, caller: Caller = root): Promise<Json> {
    const spec = iamActions[action]
    if (!spec) throw new Error(`no action ${action}`)
    return (await spec.handler(context(params, caller))) as Json
  }

  async function fail(action: string, params: Record<string, string> = {}, caller: Caller = root): Promise<AwsError> {
    try {
      await call(action, params, caller)
    } catch (error) {
      expect(error).toBeInstanceOf(AwsError)
      return error as AwsError
    }
    throw new Error(`${action} succeeded but was expected to fail`)
  }

  function resource(action: string, params: Record<string, string> = {}, caller: Caller = root): string {
    const spec = iamActions[action]!
    return spec.resource ? spec.resource(context(params, caller)) : '*'
  }

  return {
    state,
    root,
    userCaller,
    call,
    fail,
    resource,
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms)
    },
    get now() {
      return new Date(clock.now)
    },
    get dirtyCount() {
      return dirty
    }
  }
}

export type PracticeAccount = ReturnType<typeof practiceAccount>

export function expectAwsError(error: AwsError, code: string, status: number, message?: string | RegExp): void {
  expect({ code: error.code, status: error.status }).toEqual({ code, status })
  if (typeof message === 'string') expect(error.message).toBe(message)
  else if (message) expect(error.message).toMatch(message)
}

export const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess'
export const BILLING_ARN = 'arn:aws:iam::aws:policy/job-function/Billing'
