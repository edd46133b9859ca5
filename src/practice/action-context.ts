import { createHash } from 'node:crypto'
import type { ActionContext, Caller, QueryParams } from './action'
import type { PracticeState } from './state'

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/**
 * AWS-shaped unique ids (AIDA…, AGPA…, AKIA…, ASIA…): the prefix followed by Base32 characters
 * derived from the account id and a per-account counter, so ids never repeat within an account.
 */
export function nextId(state: PracticeState, prefix: string, length = 21): string {
  state.idCounter += 1
  const digest = createHash('sha256').update(`${state.accountId}:${state.idCounter}:${prefix}`).digest()
  let id = prefix
  for (let i = 0; id.length < length; i++) id += BASE32[digest[i % digest.length]! & 31]
  return id
}

export function createActionContext(fields: {
  state: PracticeState
  caller: Caller
  params: QueryParams
  now: Date
  requestId: string
  consistencyDelayMs: number
  markDirty: () => void
}): ActionContext {
  const { state } = fields
  return { ...fields, newId: (prefix, length) => nextId(state, prefix, length) }
}
