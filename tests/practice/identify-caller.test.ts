import { describe, expect, it } from 'vitest'
import { AwsError } from '../../src/practice/errors'
import { identifyCaller, KeyDirectory } from '../../src/practice/identify-caller'
import { newPracticeState } from '../../src/practice/new-account'
import type { PracticeState } from '../../src/practice/state'

const START = new Date('2026-03-01T12:00:00Z')

function account(): PracticeState {
  const state = newPracticeState({ accountId: '123456789012', now: START })
  state.users['alice'] = {
    userName: 'Alice',
    userId: 'AIDAALICE000000000001',
    arn: 'arn:aws:iam::123456789012:user/Alice',
    path: '/',
    createDate: START.toISOString(),
    passwordLastUsed: null,
    loginProfile: null,
    accessKeys: [
      {
        accessKeyId: 'AKIAALICE00000000001',
        secretAccessKey: 'secret-a',
        status: 'Active',
        createDate: new Date(START.getTime() + 60_000).toISOString(),
        lastUsed: null
      }
    ],
    mfaSerials: [],
    groups: [],
    attachedPolicyArns: [],
    inlinePolicies: {},
    tags: []
  }
  return state
}

function failure(fn: () => unknown): AwsError {
  try {
    fn()
  } catch (error) {
    return error as AwsError
  }
  throw new Error('expected a failure')
}

describe('identify-caller', () => {
  const later = new Date(START.getTime() + 3600_000)

  it('resolves root and IAM users from their long-term keys', () => {
    const state = account()
    const keys = new KeyDirectory()
    const root = identifyCaller(state, keys, state.root.accessKeys[0]!.accessKeyId, undefined, later, 0, 'iam')
    expect(root.caller).toMatchObject({ kind: 'root', arn: 'arn:aws:iam::123456789012:root' })
    const alice = identifyCaller(state, keys, 'AKIAALICE00000000001', undefined, later, 0, 'iam')
    expect(alice).toMatchObject({ caller: { kind: 'user', userName: 'Alice' }, secretAccessKey: 'secret-a' })
  })

  it('refuses inactive and deleted keys, even after the directory has indexed them', () => {
    const state = account()
    const keys = new KeyDirectory()
    identifyCaller(state, keys, 'AKIAALICE00000000001', undefined, later, 0, 'iam')
    state.users['alice']!.accessKeys[0]!.status = 'Inactive'
    expect(failure(() => identifyCaller(state, keys, 'AKIAALICE00000000001', undefined, later, 0, 'iam')).code).toBe('InvalidClientTokenId')
    state.users['alice']!.accessKeys = []
    keys.invalidate()
    expect(failure(() => identifyCaller(state, keys, 'AKIAALICE00000000001', undefined, later, 0, 'sts')).message).toBe(
      'The security token included in the request is invalid.'
    )
  })

  it('finds a key added after the directory was built once it is told state changed', () => {
    const state = account()
    const keys = new KeyDirectory()
    identifyCaller(state, keys, 'AKIAALICE00000000001', undefined, later, 0, 'iam')
    state.users['alice']!.accessKeys.push({
      accessKeyId: 'AKIAALICE00000000002',
      secretAccessKey: 's2',
      status: 'Active',
      createDate: START.toISOString(),
      lastUsed: null
    })
    keys.invalidate()
    expect(identifyCaller(state, keys, 'AKIAALICE00000000002', undefined, later, 0, 'iam').secretAccessKey).toBe('s2')
  })

  it('holds back a new key for the consistency delay, but never the key the account came with', () => {
    const state = account()
    const keys = new KeyDirectory()
    const soon = new Date(START.getTime() + 65_000)
    expect(failure(() => identifyCaller(state, keys, 'AKIAALICE00000000001', undefined, soon, 10_000, 'iam')).code).toBe('InvalidClientTokenId')
    expect(identifyCaller(state, keys, 'AKIAALICE00000000001', undefined, new Date(START.getTime() + 71_000), 10_000, 'iam').caller.kind).toBe('user')
    expect(identifyCaller(state, keys, state.root.accessKeys[0]!.accessKeyId, undefined, START, 10_000, 'iam').caller.kind).toBe('root')
  })

  it('checks the session token of temporary credentials and their expiry', () => {
    const state = account()
    const keys = new KeyDirectory()
    state.sessions['ASIASESSION000000001'] = {
      accessKeyId: 'ASIASESSION000000001',
      secretAccessKey: 'session-secret',
      sessionToken: 'token',
      expiration: new Date(START.getTime() + 900_000).toISOString(),
      kind: 'session',
      principal: 'Alice',
      mfaAuthenticated: false,
      issuedAt: START.toISOString()
    }
    const now = new Date(START.getTime() + 60_000)
    expect(identifyCaller(state, keys, 'ASIASESSION000000001', 'token', now, 0, 'iam').caller).toMatchObject({ kind: 'user', userName: 'Alice' })
    expect(failure(() => identifyCaller(state, keys, 'ASIASESSION000000001', 'other', now, 0, 'iam')).code).toBe('InvalidClientTokenId')
    expect(failure(() => identifyCaller(state, keys, 'ASIASESSION000000001', undefined, now, 0, 'iam')).code).toBe('InvalidClientTokenId')
    expect(failure(() => identifyCaller(state, keys, 'ASIASESSION000000001', 'token', new Date(START.getTime() + 901_000), 0, 'iam'))).toMatchObject({
      code: 'ExpiredToken',
      status: 403
    })
    expect(failure(() => identifyCaller(state, keys, 'AKIAALICE00000000001', 'token', now, 0, 'iam')).code).toBe('InvalidClientTokenId')
  })
})
