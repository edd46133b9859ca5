import { describe, expect, it } from 'vitest'
import { requireMfaPolicy, requireMfaPolicyJson, requireMfaPolicyName } from '../../../src/main/setup/mfa-policy'

describe('the require-MFA policy', () => {
  it('is the inline policy CairnRequireMFA', () => {
    expect(requireMfaPolicyName).toBe('CairnRequireMFA')
  })

  it('is a single Deny of everything but the MFA self-service, on every resource, without MFA', () => {
    expect(requireMfaPolicy.Version).toBe('2012-10-17')
    expect(requireMfaPolicy.Statement).toHaveLength(1)
    const [statement] = requireMfaPolicy.Statement
    expect(statement).toMatchObject({ Sid: 'BlockMostAccessUnlessSignedInWithMFA', Effect: 'Deny', Resource: '*' })
    expect(statement).not.toHaveProperty('Action')
  })

  it('uses BoolIfExists, so long-term access keys (which carry no MFA key at all) are denied too', () => {
    expect(requireMfaPolicy.Statement[0].Condition).toEqual({ BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } })
  })

  it('leaves open exactly what it takes to get MFA: the device, the password, and GetSessionToken', () => {
    expect([...requireMfaPolicy.Statement[0].NotAction].sort()).toEqual([
      'iam:ChangePassword',
      'iam:CreateVirtualMFADevice',
      'iam:EnableMFADevice',
      'iam:GetAccountPasswordPolicy',
      'iam:GetMFADevice',
      'iam:GetUser',
      'iam:ListMFADevices',
      'iam:ListVirtualMFADevices',
      'iam:ResyncMFADevice',
      'sts:GetSessionToken'
    ])
  })

  it('grants nothing by itself', () => {
    expect(requireMfaPolicy.Statement.every((s) => s.Effect === 'Deny')).toBe(true)
  })

  it("is sent as that exact JSON, within IAM's 5,120-character limit for inline group policies", () => {
    expect(JSON.parse(requireMfaPolicyJson)).toEqual(requireMfaPolicy)
    expect(requireMfaPolicyJson.replace(/\s/g, '').length).toBeLessThanOrEqual(5120)
  })
})
