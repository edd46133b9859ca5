import { describe, expect, it } from 'vitest'
import { iamActions } from '../../../../src/main/practice/iam'
import { ACCOUNT_ID, practiceAccount } from './practice-harness'

const REQUIRED = [
  'CreateGroup', 'GetGroup', 'ListGroups', 'DeleteGroup', 'AttachGroupPolicy', 'DetachGroupPolicy',
  'ListAttachedGroupPolicies', 'CreateUser', 'GetUser', 'ListUsers', 'DeleteUser', 'AddUserToGroup',
  'RemoveUserFromGroup', 'ListGroupsForUser', 'AttachUserPolicy', 'DetachUserPolicy', 'ListAttachedUserPolicies',
  'ListUserPolicies', 'PutUserPolicy', 'GetUserPolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'GetGroupPolicy',
  'DeleteGroupPolicy', 'ListGroupPolicies', 'CreateLoginProfile', 'GetLoginProfile', 'UpdateLoginProfile',
  'DeleteLoginProfile', 'CreateAccessKey', 'ListAccessKeys', 'UpdateAccessKey', 'DeleteAccessKey',
  'GetAccessKeyLastUsed', 'CreateVirtualMFADevice', 'EnableMFADevice', 'ResyncMFADevice', 'ListMFADevices',
  'ListVirtualMFADevices', 'DeactivateMFADevice', 'DeleteVirtualMFADevice', 'GetAccountSummary',
  'GetAccountPasswordPolicy', 'UpdateAccountPasswordPolicy', 'DeleteAccountPasswordPolicy',
  'GenerateCredentialReport', 'GetCredentialReport', 'ListPolicies', 'GetPolicy', 'GetPolicyVersion',
  'ListEntitiesForPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'CreateAccountAlias',
  'ListAccountAliases', 'DeleteAccountAlias'
]

describe('iamActions', () => {
  it('answers every IAM action Cairn uses', () => {
    for (const action of REQUIRED) expect(iamActions[action], action).toBeDefined()
  })

  it('says which actions change state', () => {
    for (const [name, spec] of Object.entries(iamActions)) {
      const reads = /^(Get|List)/.test(name)
      expect(spec.mutates, name).toBe(!reads || name === 'GenerateCredentialReport')
    }
  })

  it('names an ARN in this account (or *) for every authorization check', () => {
    const account = practiceAccount()
    const params = {
      UserName: 'u',
      GroupName: 'g',
      PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
      SerialNumber: `arn:aws:iam::${ACCOUNT_ID}:mfa/u`,
      VirtualMFADeviceName: 'u',
      PolicyName: 'p',
      AccessKeyId: 'AKIA0000000000000000'
    }
    for (const [name, spec] of Object.entries(iamActions)) {
      expect(spec.resource, name).toBeDefined()
      const arn = account.resource(name, params)
      expect(arn === '*' || arn.startsWith(`arn:aws:iam::${ACCOUNT_ID}:`) || arn.startsWith('arn:aws:iam::aws:'), `${name}: ${arn}`).toBe(true)
    }
  })
})
