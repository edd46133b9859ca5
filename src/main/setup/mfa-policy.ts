import type { PolicyDocument } from '../audit/policy-document'

/** The inline group policy Cairn puts on roles whose API calls must be MFA-backed. */
export const requireMfaPolicyName = 'CairnRequireMFA'

/**
 * AWS's documented BlockMostAccessUnlessSignedInWithMFA statement: without MFA in the
 * request, everything is denied except what it takes to get MFA — managing one's own MFA
 * device and password, and sts:GetSessionToken to trade a code for MFA-backed credentials.
 *
 * BoolIfExists, not Bool: requests signed with a long-term access key carry no
 * aws:MultiFactorAuthPresent at all, and Bool would let them through. The policy only
 * denies; the group's managed policies grant, so it cannot widen anyone's access.
 */
export const requireMfaPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'BlockMostAccessUnlessSignedInWithMFA',
      Effect: 'Deny',
      NotAction: [
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
      ],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }
    }
  ]
} as const satisfies PolicyDocument

/** The exact text PutGroupPolicy sends. */
export const requireMfaPolicyJson = JSON.stringify(requireMfaPolicy)
