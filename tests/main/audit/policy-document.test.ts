import { describe, expect, it } from 'vitest'
import { canonicalPolicyJson, grantsFullAccess, parsePolicyDocument } from '../../../src/main/audit/policy-document'

describe('parsePolicyDocument', () => {
  it('reads the URL-encoded documents IAM returns, and plain JSON', () => {
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/100%' }] }
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(document)))).toEqual(document)
    expect(parsePolicyDocument(JSON.stringify(document))).toEqual(document)
  })

  it('returns null for text that is not a policy', () => {
    expect(parsePolicyDocument('not json')).toBeNull()
    expect(parsePolicyDocument('{"Statement":[{"Effect":"Maybe"}]}')).toBeNull()
  })
})

describe('grantsFullAccess', () => {
  it('finds an Allow of "*" or "*:*" on "*"', () => {
    expect(grantsFullAccess({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } })).toBe(true)
    expect(grantsFullAccess({ Statement: [{ Effect: 'Allow', Action: ['s3:*', '*:*'], Resource: ['arn:x', '*'] }] })).toBe(true)
  })

  it('does not count a Deny, a narrower action, a narrower resource or NotAction', () => {
    expect(grantsFullAccess({ Statement: { Effect: 'Deny', Action: '*', Resource: '*' } })).toBe(false)
    expect(grantsFullAccess({ Statement: { Effect: 'Allow', Action: 'iam:*', Resource: '*' } })).toBe(false)
    expect(grantsFullAccess({ Statement: { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket' } })).toBe(false)
    expect(grantsFullAccess({ Statement: { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' } })).toBe(false)
  })
})

describe('canonicalPolicyJson', () => {
  it('ignores key order but not array order', () => {
    expect(canonicalPolicyJson({ b: 1, a: [1, 2] })).toBe(canonicalPolicyJson({ a: [1, 2], b: 1 }))
    expect(canonicalPolicyJson({ a: [1, 2] })).not.toBe(canonicalPolicyJson({ a: [2, 1] }))
  })
})
