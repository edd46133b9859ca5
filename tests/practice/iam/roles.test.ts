import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { practiceSuite, sdkFailure } from '../practice-clients'

const trustingAccount = (account: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'sts:AssumeRole' }] })
const readOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' }] })

describe('IAM roles', () => {
  const suite = practiceSuite()
  const account = () => suite.server.accountId

  it('creates a role with its trust policy, path, description, session limit, boundary and tags, and GetRole returns it', async () => {
    const created = await suite.iam.send(
      new CreateRoleCommand({
        RoleName: 'Admin',
        Path: '/cairn/',
        AssumeRolePolicyDocument: trustingAccount(account()),
        Description: 'Administrators',
        MaxSessionDuration: 7200,
        PermissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
        Tags: [{ Key: 'owner', Value: 'cairn' }]
      })
    )
    expect(created.Role).toMatchObject({
      RoleName: 'Admin',
      Path: '/cairn/',
      Arn: `arn:aws:iam::${account()}:role/cairn/Admin`,
      Description: 'Administrators',
      MaxSessionDuration: 7200,
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/PowerUserAccess' },
      Tags: [{ Key: 'owner', Value: 'cairn' }]
    })
    expect(created.Role!.RoleId).toMatch(/^AROA[A-Z0-9]{17}$/)
    const got = (await suite.iam.send(new GetRoleCommand({ RoleName: 'admin' }))).Role!
    expect(got.RoleId).toBe(created.Role!.RoleId)
    expect(JSON.parse(decodeURIComponent(got.AssumeRolePolicyDocument!))).toEqual(JSON.parse(trustingAccount(account())))
  })

  it('refuses a second role of the same name in any case, and unknown roles with NoSuchEntity', async () => {
    expect(await sdkFailure(suite.iam.send(new CreateRoleCommand({ RoleName: 'ADMIN', AssumeRolePolicyDocument: trustingAccount(account()) })))).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'Role with name ADMIN already exists.'
    })
    expect(await sdkFailure(suite.iam.send(new GetRoleCommand({ RoleName: 'Nobody' })))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The role with name Nobody cannot be found.'
    })
  })

  it('validates names and MaxSessionDuration with IAM messages', async () => {
    const badName = await sdkFailure(suite.iam.send(new CreateRoleCommand({ RoleName: 'has space', AssumeRolePolicyDocument: trustingAccount(account()) })))
    expect(badName).toMatchObject({ code: 'ValidationError', status: 400 })
    expect(badName.message).toBe(
      "1 validation error detected: Value 'has space' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
    )
    const long = await sdkFailure(
      suite.iam.send(new CreateRoleCommand({ RoleName: 'Long', AssumeRolePolicyDocument: trustingAccount(account()), MaxSessionDuration: 43201 }))
    )
    expect(long.message).toBe(
      "1 validation error detected: Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200"
    )
    const short = await sdkFailure(suite.iam.send(new UpdateRoleCommand({ RoleName: 'Admin', MaxSessionDuration: 3599 })))
    expect(short.message).toBe(
      "1 validation error detected: Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"
    )
  })

  it('checks trust policies as resource policies: Principal required, no Resource, principals that exist', async () => {
    const create = (doc: unknown) => sdkFailure(suite.iam.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: JSON.stringify(doc) })))
    const statement = { Effect: 'Allow', Action: 'sts:AssumeRole' }
    expect(await create({ Version: '2012-10-17', Statement: [statement] })).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: 'Missing required field Principal'
    })
    expect(await create({ Version: '2012-10-17', Statement: [{ ...statement, Principal: { AWS: '*' }, Resource: '*' }] })).toMatchObject({
      message: 'Has prohibited field Resource'
    })
    const ghost = `arn:aws:iam::${account()}:user/ghost`
    expect(await create({ Version: '2012-10-17', Statement: [{ ...statement, Principal: { AWS: ghost } }] })).toMatchObject({
      code: 'MalformedPolicyDocument',
      message: `Invalid principal in policy: "AWS":"${ghost}"`
    })
    const wide = { ...statement, Principal: { AWS: Array.from({ length: 60 }, () => `arn:aws:iam::${account()}:root`) } }
    expect(await create({ Version: '2012-10-17', Statement: [wide] })).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for ACLSizePerRole: 2048'
    })
    expect(await sdkFailure(suite.iam.send(new CreateRoleCommand({ RoleName: 'Bad', AssumeRolePolicyDocument: '{' })))).toMatchObject({
      message: 'Syntax errors in policy.'
    })
  })

  it('updates the trust policy, description and session limit', async () => {
    await suite.iam.send(new CreateUserCommand({ UserName: 'alice' }))
    const trustAlice = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account()}:user/alice` }, Action: 'sts:AssumeRole' }]
    })
    await suite.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Admin', PolicyDocument: trustAlice }))
    await suite.iam.send(new UpdateRoleCommand({ RoleName: 'Admin', Description: 'Admins', MaxSessionDuration: 43200 }))
    const role = (await suite.iam.send(new GetRoleCommand({ RoleName: 'Admin' }))).Role!
    expect(role).toMatchObject({ Description: 'Admins', MaxSessionDuration: 43200 })
    expect(JSON.parse(decodeURIComponent(role.AssumeRolePolicyDocument!))).toEqual(JSON.parse(trustAlice))
  })

  it('refuses a trust policy naming a user the account does not have, on CreateRole and UpdateAssumeRolePolicy alike', async () => {
    const trusting = (...users: string[]) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { AWS: users.map((u) => `arn:aws:iam::${account()}:user/${u}`) }, Action: 'sts:AssumeRole' }]
      })
    const x = `arn:aws:iam::${account()}:user/x`
    const invalid = { code: 'MalformedPolicyDocument', status: 400, type: 'Sender', message: `Invalid principal in policy: "AWS":"${x}"` }
    expect(await sdkFailure(suite.iam.send(new CreateRoleCommand({ RoleName: 'Ghostly', AssumeRolePolicyDocument: trusting('alice', 'x') })))).toEqual(invalid)
    expect(await sdkFailure(suite.iam.send(new GetRoleCommand({ RoleName: 'Ghostly' })))).toMatchObject({ code: 'NoSuchEntity' })
    const before = (await suite.iam.send(new GetRoleCommand({ RoleName: 'Admin' }))).Role!.AssumeRolePolicyDocument
    expect(await sdkFailure(suite.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Admin', PolicyDocument: trusting('x') })))).toEqual(invalid)
    // A user's ARN names its path too: alice lives at /, so /team/alice is no one.
    const elsewhere = `arn:aws:iam::${account()}:user/team/alice`
    expect(
      await sdkFailure(
        suite.iam.send(
          new UpdateAssumeRolePolicyCommand({
            RoleName: 'Admin',
            PolicyDocument: JSON.stringify({
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Principal: { AWS: elsewhere }, Action: 'sts:AssumeRole' }]
            })
          })
        )
      )
    ).toMatchObject({ code: 'MalformedPolicyDocument', message: `Invalid principal in policy: "AWS":"${elsewhere}"` })
    expect((await suite.iam.send(new GetRoleCommand({ RoleName: 'Admin' }))).Role!.AssumeRolePolicyDocument).toBe(before)
  })

  it('lists roles by path, a page at a time', async () => {
    for (const name of ['Billing', 'Developer']) {
      await suite.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustingAccount(account()) }))
    }
    const first = await suite.iam.send(new ListRolesCommand({ MaxItems: 2 }))
    expect(first.Roles!.map((r) => r.RoleName)).toEqual(['Admin', 'Billing'])
    expect(first.IsTruncated).toBe(true)
    expect(first.Roles![0]!.Tags).toBeUndefined()
    const rest = await suite.iam.send(new ListRolesCommand({ Marker: first.Marker }))
    expect(rest.Roles!.map((r) => r.RoleName)).toEqual(['Developer'])
    expect(rest.IsTruncated).toBe(false)
    const underCairn = await suite.iam.send(new ListRolesCommand({ PathPrefix: '/cairn/' }))
    expect(underCairn.Roles!.map((r) => r.RoleName)).toEqual(['Admin'])
  })

  it('attaches, lists and detaches managed policies; a policy in use by a role cannot be deleted', async () => {
    const policy = (await suite.iam.send(new CreatePolicyCommand({ PolicyName: 'ReadIam', PolicyDocument: readOnly }))).Policy!
    await suite.iam.send(new AttachRolePolicyCommand({ RoleName: 'Developer', PolicyArn: policy.Arn! }))
    await suite.iam.send(new AttachRolePolicyCommand({ RoleName: 'Developer', PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }))
    const attached = await suite.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'Developer' }))
    expect(attached.AttachedPolicies!.map((p) => p.PolicyName).sort()).toEqual(['PowerUserAccess', 'ReadIam'])
    const entities = await suite.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: policy.Arn! }))
    expect(entities.PolicyRoles!.map((r) => r.RoleName)).toEqual(['Developer'])
    expect(await sdkFailure(suite.iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn! })))).toMatchObject({ code: 'DeleteConflict' })
    await suite.iam.send(new DetachRolePolicyCommand({ RoleName: 'Developer', PolicyArn: policy.Arn! }))
    expect(await sdkFailure(suite.iam.send(new DetachRolePolicyCommand({ RoleName: 'Developer', PolicyArn: policy.Arn! })))).toMatchObject({
      code: 'NoSuchEntity',
      message: `Policy ${policy.Arn} was not found.`
    })
  })

  it('puts, gets, lists and deletes inline policies', async () => {
    await suite.iam.send(new PutRolePolicyCommand({ RoleName: 'Billing', PolicyName: 'read', PolicyDocument: readOnly }))
    const got = await suite.iam.send(new GetRolePolicyCommand({ RoleName: 'Billing', PolicyName: 'read' }))
    expect(got.RoleName).toBe('Billing')
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!))).toEqual(JSON.parse(readOnly))
    expect((await suite.iam.send(new ListRolePoliciesCommand({ RoleName: 'Billing' }))).PolicyNames).toEqual(['read'])
    expect(await sdkFailure(suite.iam.send(new GetRolePolicyCommand({ RoleName: 'Billing', PolicyName: 'other' })))).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The role policy with name other cannot be found.'
    })
    const huge = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:Get*', Resource: `arn:aws:iam::*:user/${'x'.repeat(10300)}` }]
    })
    expect(await sdkFailure(suite.iam.send(new PutRolePolicyCommand({ RoleName: 'Billing', PolicyName: 'huge', PolicyDocument: huge })))).toMatchObject({
      code: 'LimitExceeded',
      message: 'Maximum policy size of 10240 bytes exceeded for role Billing'
    })
  })

  it('refuses to delete a role while inline or attached policies remain, in AWS words', async () => {
    expect(await sdkFailure(suite.iam.send(new DeleteRoleCommand({ RoleName: 'Billing' })))).toEqual({
      code: 'DeleteConflict',
      status: 409,
      type: 'Sender',
      message: 'Cannot delete entity, must delete policies first.'
    })
    await suite.iam.send(new DeleteRolePolicyCommand({ RoleName: 'Billing', PolicyName: 'read' }))
    await suite.iam.send(new DeleteRoleCommand({ RoleName: 'Billing' }))
    expect(await sdkFailure(suite.iam.send(new DeleteRoleCommand({ RoleName: 'Developer' })))).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must detach all policies first.'
    })
  })

  it('counts roles in GetAccountSummary and leaves them out of the credential report', async () => {
    const summary = (await suite.iam.send(new GetAccountSummaryCommand({}))).SummaryMap!
    expect(summary).toMatchObject({ Roles: 2, RolesQuota: 1000, RolePolicySizeQuota: 10240, AssumeRolePolicySizeQuota: 2048 })
    await suite.iam.send(new GenerateCredentialReportCommand({}))
    await suite.iam.send(new GenerateCredentialReportCommand({}))
    const report = new TextDecoder().decode((await suite.iam.send(new GetCredentialReportCommand({}))).Content)
    expect(report).not.toContain(':role/')
    expect(
      report
        .trim()
        .split('\n')
        .map((line) => line.split(',')[0])
    ).toEqual(['user', '<root_account>', 'alice'])
  })
})
