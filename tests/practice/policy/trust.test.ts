import { describe, expect, it } from 'vitest'
import { evaluateTrust } from '../../../src/practice/policy/trust'

const ACCOUNT = '123456789012'
const alice = { accountId: ACCOUNT, directArns: [`arn:aws:iam::${ACCOUNT}:user/alice`] }
const doc = (principal: unknown, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow' as const, Principal: principal as '*', Action: 'sts:AssumeRole', ...extra }]
})

describe('evaluateTrust', () => {
  it('allows the account root principal for anyone in the account, but not as naming them directly', () => {
    expect(evaluateTrust(doc({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), 'sts:AssumeRole', alice, {})).toEqual({ decision: 'Allow', namedDirectly: false })
    expect(evaluateTrust(doc({ AWS: ACCOUNT }), 'sts:AssumeRole', alice, {})).toEqual({ decision: 'Allow', namedDirectly: false })
  })

  it('names a user directly by its ARN, and nobody else', () => {
    expect(evaluateTrust(doc({ AWS: alice.directArns[0] }), 'sts:AssumeRole', alice, {})).toEqual({ decision: 'Allow', namedDirectly: true })
    const bob = { accountId: ACCOUNT, directArns: [`arn:aws:iam::${ACCOUNT}:user/bob`] }
    expect(evaluateTrust(doc({ AWS: alice.directArns[0] }), 'sts:AssumeRole', bob, {}).decision).toBe('ImplicitDeny')
    expect(evaluateTrust(doc({ AWS: 'arn:aws:iam::999999999999:root' }), 'sts:AssumeRole', alice, {}).decision).toBe('ImplicitDeny')
    expect(evaluateTrust(doc({ Service: 'ec2.amazonaws.com' }), 'sts:AssumeRole', alice, {}).decision).toBe('ImplicitDeny')
  })

  it('holds conditions: MFA present, and recent enough', () => {
    const mfa = doc(
      { AWS: alice.directArns[0] },
      { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }
    )
    expect(evaluateTrust(mfa, 'sts:AssumeRole', alice, { 'aws:MultiFactorAuthPresent': undefined, 'aws:MultiFactorAuthAge': undefined }).decision).toBe(
      'ImplicitDeny'
    )
    expect(evaluateTrust(mfa, 'sts:AssumeRole', alice, { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '10' }).decision).toBe('Allow')
    expect(evaluateTrust(mfa, 'sts:AssumeRole', alice, { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '4000' }).decision).toBe(
      'ImplicitDeny'
    )
  })

  it('lets an explicit deny win, and other actions go unallowed', () => {
    const denied = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow' as const, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
        { Effect: 'Deny' as const, Principal: { AWS: alice.directArns[0]! }, Action: 'sts:*' }
      ]
    }
    expect(evaluateTrust(denied, 'sts:AssumeRole', alice, {}).decision).toBe('ExplicitDeny')
    expect(evaluateTrust(doc('*'), 'sts:TagSession', alice, {}).decision).toBe('ImplicitDeny')
  })
})
