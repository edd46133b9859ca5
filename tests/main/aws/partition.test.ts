import { describe, expect, it } from 'vitest'
import { awsManagedPolicyArn, iamArn, inPartition, partitionOf } from '../../../src/main/aws/partition'

describe('partitionOf', () => {
  it('reads the partition from the caller’s ARN', () => {
    expect(partitionOf('arn:aws:iam::123456789012:user/x')).toBe('aws')
    expect(partitionOf('arn:aws-cn:iam::123456789012:user/x')).toBe('aws-cn')
    expect(partitionOf('arn:aws-us-gov:iam::123456789012:root')).toBe('aws-us-gov')
    expect(partitionOf('arn:aws-us-gov:sts::123456789012:federated-user/ops')).toBe('aws-us-gov')
  })

  it('falls back to aws for what is not an ARN', () => {
    expect(partitionOf(undefined)).toBe('aws')
    expect(partitionOf('')).toBe('aws')
    expect(partitionOf('dev')).toBe('aws')
  })
})

describe('building ARNs', () => {
  it('puts IAM resources and AWS managed policies in the given partition', () => {
    expect(iamArn('aws-cn', '123456789012', 'user/dev')).toBe('arn:aws-cn:iam::123456789012:user/dev')
    expect(awsManagedPolicyArn('aws-cn', 'job-function/Billing')).toBe('arn:aws-cn:iam::aws:policy/job-function/Billing')
    expect(awsManagedPolicyArn('aws-us-gov', 'PowerUserAccess')).toBe('arn:aws-us-gov:iam::aws:policy/PowerUserAccess')
    expect(awsManagedPolicyArn('aws', 'AdministratorAccess')).toBe('arn:aws:iam::aws:policy/AdministratorAccess')
  })

  it('moves an AWS managed policy to the account’s partition and leaves customer policies alone', () => {
    expect(inPartition('arn:aws:iam::aws:policy/job-function/Billing', 'aws-cn')).toBe('arn:aws-cn:iam::aws:policy/job-function/Billing')
    expect(inPartition('arn:aws-cn:iam::aws:policy/ReadOnlyAccess', 'aws')).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess')
    expect(inPartition('arn:aws:iam::aws:policy/job-function/Billing', 'aws')).toBe('arn:aws:iam::aws:policy/job-function/Billing')
    expect(inPartition('arn:aws:iam::123456789012:policy/Readers', 'aws-cn')).toBe('arn:aws:iam::123456789012:policy/Readers')
  })
})
