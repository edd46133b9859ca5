import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { iamActions } from '../../../src/practice/iam'
import { stsActions } from '../../../src/practice/sts'
import { ACCOUNT_ID, practiceAccount } from './practice-harness'

const REQUIRED = [
  'CreateGroup',
  'GetGroup',
  'ListGroups',
  'DeleteGroup',
  'AttachGroupPolicy',
  'DetachGroupPolicy',
  'ListAttachedGroupPolicies',
  'CreateUser',
  'GetUser',
  'ListUsers',
  'DeleteUser',
  'AddUserToGroup',
  'RemoveUserFromGroup',
  'ListGroupsForUser',
  'AttachUserPolicy',
  'DetachUserPolicy',
  'ListAttachedUserPolicies',
  'ListUserPolicies',
  'PutUserPolicy',
  'GetUserPolicy',
  'DeleteUserPolicy',
  'PutGroupPolicy',
  'GetGroupPolicy',
  'DeleteGroupPolicy',
  'ListGroupPolicies',
  'CreateLoginProfile',
  'GetLoginProfile',
  'UpdateLoginProfile',
  'DeleteLoginProfile',
  'CreateAccessKey',
  'ListAccessKeys',
  'UpdateAccessKey',
  'DeleteAccessKey',
  'GetAccessKeyLastUsed',
  'CreateVirtualMFADevice',
  'EnableMFADevice',
  'ResyncMFADevice',
  'ListMFADevices',
  'ListVirtualMFADevices',
  'DeactivateMFADevice',
  'DeleteVirtualMFADevice',
  'GetAccountSummary',
  'GetAccountPasswordPolicy',
  'UpdateAccountPasswordPolicy',
  'DeleteAccountPasswordPolicy',
  'GenerateCredentialReport',
  'GetCredentialReport',
  'ListPolicies',
  'GetPolicy',
  'GetPolicyVersion',
  'ListEntitiesForPolicy',
  'CreatePolicy',
  'DeletePolicy',
  'CreatePolicyVersion',
  'CreateAccountAlias',
  'ListAccountAliases',
  'DeleteAccountAlias'
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

describe('the action tables in docs/architecture.md', () => {
  const doc = readFileSync(join(__dirname, '../../../docs/architecture.md'), 'utf8')
  /** The actions named in the rows of the table whose header starts with `header`. */
  function table(header: string): { iam: string[]; sts: string[] } {
    const lines = doc
      .slice(doc.indexOf(`| Service | ${header}`))
      .split('\n')
      .slice(2)
    const rows = lines.slice(
      0,
      lines.findIndex((line) => !line.startsWith('|'))
    )
    const actions = (prefix: string) =>
      rows
        .filter((row) => row.startsWith(`| ${prefix}`))
        .flatMap((row) =>
          row
            .split('|')[2]!
            .split(/[,;]/)
            .map((name) => name.trim())
        )
    return { iam: actions('IAM'), sts: actions('STS') }
  }

  it('list exactly the actions the practice account implements', () => {
    const implemented = table('Implemented')
    expect([...implemented.iam].sort()).toEqual(Object.keys(iamActions).sort())
    expect([...implemented.sts].sort()).toEqual(Object.keys(stsActions).sort())
  })

  it('name as InvalidAction only actions it does not implement', () => {
    const refused = table('Answered with `InvalidAction`')
    expect(refused.iam.length).toBeGreaterThan(50)
    for (const action of refused.iam) expect(iamActions[action], action).toBeUndefined()
    for (const action of refused.sts) expect(stsActions[action], action).toBeUndefined()
  })
})
