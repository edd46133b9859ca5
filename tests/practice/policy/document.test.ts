import { describe, expect, it } from 'vitest'
import { AwsError } from '../../../src/practice/errors'
import { parsePolicyDocument, policySize, statementsOf } from '../../../src/practice/policy/document'

function malformed(json: string): string {
  try {
    parsePolicyDocument(json)
  } catch (error) {
    expect(error).toBeInstanceOf(AwsError)
    const aws = error as AwsError
    expect(aws.code).toBe('MalformedPolicyDocument')
    expect(aws.status).toBe(400)
    return aws.message
  }
  throw new Error('expected the document to be rejected')
}

const doc = (statement: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ Version: '2012-10-17', Statement: statement, ...extra })

const allowAll = { Effect: 'Allow', Action: '*', Resource: '*' }

describe('parsePolicyDocument', () => {
  it('accepts a well-formed document and returns it', () => {
    const parsed = parsePolicyDocument(doc([allowAll]))
    expect(parsed).toEqual({ Version: '2012-10-17', Statement: [allowAll] })
  })

  it('accepts a single statement object as well as a list', () => {
    expect(statementsOf(parsePolicyDocument(doc(allowAll)))).toEqual([allowAll])
  })

  it('rejects text that is not JSON as a syntax error', () => {
    expect(malformed('{"Version": "2012-10-17", "Statement": [')).toBe('Syntax errors in policy.')
    expect(malformed('not json')).toBe('Syntax errors in policy.')
  })

  it('rejects a document without statements, or with an empty list, as a syntax error', () => {
    expect(malformed(JSON.stringify({ Version: '2012-10-17' }))).toBe('Syntax errors in policy.')
    expect(malformed(doc([]))).toBe('Syntax errors in policy.')
    expect(malformed('[]')).toBe('Syntax errors in policy.')
  })

  it('rejects unknown top-level and statement elements', () => {
    expect(malformed(doc([allowAll], { Extra: 1 }))).toBe('Syntax errors in policy.')
    expect(malformed(doc([{ ...allowAll, Actions: 's3:*' }]))).toBe('Syntax errors in policy.')
  })

  it('rejects an Effect other than Allow or Deny', () => {
    expect(malformed(doc([{ ...allowAll, Effect: 'Permit' }]))).toBe('Syntax errors in policy.')
    expect(malformed(doc([{ Action: '*', Resource: '*' }]))).toBe('Syntax errors in policy.')
  })

  it('fails legacy parsing for an Effect in the wrong case', () => {
    expect(malformed(doc([{ ...allowAll, Effect: 'allow' }]))).toBe('The policy failed legacy parsing')
  })

  it('rejects Action together with NotAction, and Resource together with NotResource', () => {
    expect(malformed(doc([{ ...allowAll, NotAction: 'iam:*' }]))).toBe('Syntax errors in policy.')
    expect(malformed(doc([{ ...allowAll, NotResource: 'arn:aws:s3:::b' }]))).toBe('Syntax errors in policy.')
  })

  it('requires the 2012-10-17 language version', () => {
    expect(malformed(JSON.stringify({ Statement: [allowAll] }))).toBe('Policy document must be version 2012-10-17 or greater.')
    expect(malformed(JSON.stringify({ Version: '2008-10-17', Statement: [allowAll] }))).toBe('Policy document must be version 2012-10-17 or greater.')
    expect(malformed(JSON.stringify({ Version: '2020-01-01', Statement: [allowAll] }))).toBe('Syntax errors in policy.')
  })

  it('refuses a principal in an identity-based policy', () => {
    expect(malformed(doc([{ ...allowAll, Principal: { AWS: '*' } }]))).toBe('Policy document should not specify a principal.')
    expect(malformed(doc([{ ...allowAll, NotPrincipal: { AWS: '*' } }]))).toBe('Policy document should not specify a principal.')
  })

  it('requires actions and resources in every statement', () => {
    expect(malformed(doc([{ Effect: 'Allow', Resource: '*' }]))).toBe('Policy statement must contain actions.')
    expect(malformed(doc([{ Effect: 'Allow', Action: [], Resource: '*' }]))).toBe('Policy statement must contain actions.')
    expect(malformed(doc([{ Effect: 'Allow', Action: 's3:*' }]))).toBe('Policy statement must contain resources.')
    expect(malformed(doc([{ Effect: 'Allow', Action: 's3:*', Resource: [] }]))).toBe('Policy statement must contain resources.')
  })

  it('requires statement ids to be unique', () => {
    expect(
      malformed(
        doc([
          { ...allowAll, Sid: 'A' },
          { ...allowAll, Sid: 'A' }
        ])
      )
    ).toBe('Statement IDs (SID) in a single policy must be unique.')
    expect(() =>
      parsePolicyDocument(
        doc([
          { ...allowAll, Sid: 'A' },
          { ...allowAll, Sid: 'B' }
        ])
      )
    ).not.toThrow()
  })

  it('requires every action to name its service', () => {
    expect(malformed(doc([{ ...allowAll, Action: 'CreateUser' }]))).toBe('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.')
    expect(malformed(doc([{ ...allowAll, Action: 'iam:Create:User' }]))).toBe('Actions/Condition can contain only one colon.')
    expect(malformed(doc([{ ...allowAll, Action: 'i am:CreateUser' }]))).toBe('Vendor i am is not valid')
  })

  it('requires resources to be ARNs or "*"', () => {
    expect(malformed(doc([{ ...allowAll, Resource: 'my-bucket' }]))).toBe('Resource my-bucket must be in ARN format or "*".')
    expect(malformed(doc([{ ...allowAll, Resource: 'arn:aws:iam:us-east-1:123456789012:user/a' }]))).toBe(
      'IAM resource arn:aws:iam:us-east-1:123456789012:user/a cannot contain region information.'
    )
    expect(malformed(doc([{ ...allowAll, Resource: 'arn:aws:iam::123456789012:thing/a' }]))).toMatch(
      /^IAM resource path must either be "\*" or start with user\/, federated-user\/, role\//
    )
    expect(malformed(doc([{ ...allowAll, Resource: 'arn:foo:s3:::bucket' }]))).toBe('Partition "foo" is not valid for resource "arn:foo:s3:::bucket".')
  })

  it('accepts a region in the S3 ARNs that carry one (access points, jobs, Storage Lens, Access Grants), not on buckets', () => {
    for (const resource of [
      'arn:aws:s3:us-east-1:123456789012:accesspoint/reports',
      'arn:aws:s3:us-east-1:123456789012:accesspoint/reports/object/*',
      'arn:aws:s3:*:123456789012:accesspoint/*',
      'arn:aws:s3:eu-west-1:123456789012:job/*',
      'arn:aws:s3:us-east-1:123456789012:storage-lens/default',
      'arn:aws:s3:us-east-1:123456789012:access-grants/default'
    ]) {
      expect(() => parsePolicyDocument(doc([{ ...allowAll, Resource: resource }])), resource).not.toThrow()
    }
    expect(malformed(doc([{ ...allowAll, Resource: 'arn:aws:s3:us-east-1::bucket/key' }]))).toBe(
      'Resource arn:aws:s3:us-east-1::bucket/key can not contain region information.'
    )
  })

  it('fails legacy parsing for truncated ARNs and invalid dates in conditions', () => {
    expect(malformed(doc([{ ...allowAll, Resource: 'arn:aws:s3::bucket' }]))).toBe('The policy failed legacy parsing')
    expect(malformed(doc([{ ...allowAll, Condition: { DateGreaterThan: { 'aws:CurrentTime': 'yesterday' } } }]))).toBe('The policy failed legacy parsing')
  })

  it('accepts conditions with strings, lists, booleans and numbers, and known operators only', () => {
    const condition = {
      BoolIfExists: { 'aws:MultiFactorAuthPresent': false },
      NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 },
      'ForAnyValue:StringLike': { 'aws:TagKeys': ['team*', 'env'] },
      DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' }
    }
    expect(() => parsePolicyDocument(doc([{ ...allowAll, Condition: condition }]))).not.toThrow()
    expect(malformed(doc([{ ...allowAll, Condition: { StringSortOf: { 'aws:username': 'a' } } }]))).toBe('Syntax errors in policy.')
    expect(malformed(doc([{ ...allowAll, Condition: { StringEquals: 'a' } }]))).toBe('Syntax errors in policy.')
  })

  it('accepts the classic deny-without-MFA policy', () => {
    const json = doc([
      {
        Sid: 'BlockMostAccessUnlessSignedInWithMFA',
        Effect: 'Deny',
        NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices', 'sts:GetSessionToken'],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }
      }
    ])
    expect(statementsOf(parsePolicyDocument(json))[0]?.Sid).toBe('BlockMostAccessUnlessSignedInWithMFA')
  })
})

describe('policySize', () => {
  it('counts characters without the whitespace between JSON tokens', () => {
    const pretty = JSON.stringify({ Version: '2012-10-17', Statement: [allowAll] }, null, 2)
    expect(policySize(pretty)).toBe(JSON.stringify(JSON.parse(pretty)).length)
  })

  it('keeps whitespace inside strings', () => {
    expect(policySize('{ "a b" : "c  d" }')).toBe('{"a b":"c  d"}'.length)
    expect(policySize('{"a\\" b": 1}')).toBe('{"a\\" b":1}'.length)
  })
})
