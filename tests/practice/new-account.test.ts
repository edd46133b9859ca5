import { describe, expect, it } from 'vitest'
import { newPracticeState } from '../../src/practice/new-account'
import { seededRandom } from './iam/practice-harness'

const NOW = new Date('2026-03-01T12:00:00Z')

describe('newPracticeState', () => {
  it('looks like a brand-new AWS account', () => {
    const state = newPracticeState({ now: NOW })
    expect(state.accountId).toMatch(/^[1-9]\d{11}$/)
    expect(state.root).toMatchObject({
      arn: `arn:aws:iam::${state.accountId}:root`,
      email: 'practice@cairn.local',
      mfaSerials: []
    })
    expect(state.root.accessKeys).toHaveLength(1)
    const [key] = state.root.accessKeys
    expect(key).toMatchObject({ status: 'Active', createDate: NOW.toISOString(), lastUsed: null })
    expect(key!.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/)
    expect(key!.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/)
    expect(state).toMatchObject({
      schemaVersion: 1,
      createdAt: NOW.toISOString(),
      users: {},
      groups: {},
      customerPolicies: {},
      virtualMfaDevices: {},
      passwordPolicy: null,
      sessions: {},
      credentialReport: null,
      console: { iamUserAccessToBilling: false }
    })
  })

  it('keeps a given account id and is reproducible from a seeded random source', () => {
    const a = newPracticeState({ accountId: '123456789012', now: NOW, random: seededRandom(7) })
    const b = newPracticeState({ accountId: '123456789012', now: NOW, random: seededRandom(7) })
    expect(a.accountId).toBe('123456789012')
    expect(a).toEqual(b)
  })

  it('gives two accounts different root keys', () => {
    const a = newPracticeState({ now: NOW })
    const b = newPracticeState({ now: NOW })
    expect(a.root.accessKeys[0]!.secretAccessKey).not.toBe(b.root.accessKeys[0]!.secretAccessKey)
  })

  it('refuses an account id that is not 12 digits', () => {
    expect(() => newPracticeState({ accountId: '1234', now: NOW })).toThrow(/12 digits/)
  })
})
