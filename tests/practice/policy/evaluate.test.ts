import { describe, expect, it } from 'vitest'
import { awsManagedDocument, awsManagedPolicies, findAwsManagedPolicy } from '../../../src/practice/policy/catalog'
import { statementsOf, type PolicyDocument, type PolicyStatement } from '../../../src/practice/policy/document'
import { evaluate, evaluateWithSessionPolicy, type AuthorizationRequest } from '../../../src/practice/policy/evaluate'

const account = '123456789012'
const userArn = (name: string, path = '/'): string => `arn:aws:iam::${account}:user${path}${name}`

function managed(name: string): PolicyDocument {
  const policy = findAwsManagedPolicy(
    ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'SecurityAudit', 'IAMUserChangePassword', 'AWSSupportAccess'].includes(name)
      ? `arn:aws:iam::aws:policy/${name}`
      : `arn:aws:iam::aws:policy/job-function/${name}`
  )
  if (!policy) throw new Error(`no policy ${name}`)
  return awsManagedDocument(policy)
}

const policy = (...statements: PolicyStatement[]): PolicyDocument => ({ Version: '2012-10-17', Statement: statements })

function request(action: string, resource = '*', context: AuthorizationRequest['context'] = {}): AuthorizationRequest {
  return { action, resource, context }
}

const blockWithoutMfa = policy({
  Sid: 'BlockMostAccessUnlessSignedInWithMFA',
  Effect: 'Deny',
  NotAction: [
    'iam:CreateVirtualMFADevice',
    'iam:EnableMFADevice',
    'iam:ListMFADevices',
    'iam:ListVirtualMFADevices',
    'iam:ResyncMFADevice',
    'sts:GetSessionToken'
  ],
  Resource: '*',
  Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } }
})

describe('evaluate with AWS managed policies', () => {
  it('AdministratorAccess allows every action on every resource', () => {
    const admin = [managed('AdministratorAccess')]
    expect(evaluate(request('iam:CreateUser', userArn('alice')), admin)).toBe('Allow')
    expect(evaluate(request('organizations:CreateOrganization'), admin)).toBe('Allow')
    expect(evaluate(request('s3:GetObject', 'arn:aws:s3:::bucket/key'), admin)).toBe('Allow')
  })

  it('PowerUserAccess refuses IAM user management but allows service-linked roles and other services', () => {
    const power = [managed('PowerUserAccess')]
    expect(evaluate(request('iam:CreateUser', userArn('alice')), power)).toBe('ImplicitDeny')
    expect(evaluate(request('iam:AttachUserPolicy', userArn('alice')), power)).toBe('ImplicitDeny')
    expect(evaluate(request('iam:CreateServiceLinkedRole', `arn:aws:iam::${account}:role/aws-service-role/x`), power)).toBe('Allow')
    expect(evaluate(request('iam:ListRoles'), power)).toBe('Allow')
    expect(evaluate(request('s3:ListBuckets'), power)).toBe('Allow')
    expect(evaluate(request('s3:ListAllMyBuckets'), power)).toBe('Allow')
    expect(evaluate(request('ec2:RunInstances', `arn:aws:ec2:us-east-1:${account}:instance/*`), power)).toBe('Allow')
    expect(evaluate(request('organizations:CreateOrganization'), power)).toBe('ImplicitDeny')
    expect(evaluate(request('organizations:DescribeOrganization'), power)).toBe('Allow')
    expect(evaluate(request('account:GetAccountInformation'), power)).toBe('Allow')
    expect(evaluate(request('account:PutAlternateContact'), power)).toBe('ImplicitDeny')
  })

  it('PowerUserAccess matches actions regardless of case, as IAM does', () => {
    const power = [managed('PowerUserAccess')]
    expect(evaluate(request('IAM:createuser', userArn('alice')), power)).toBe('ImplicitDeny')
    expect(evaluate(request('iam:createservicelinkedrole'), power)).toBe('Allow')
  })

  it('Billing allows billing, budgets and payment actions but not IAM or other services', () => {
    const billing = [managed('Billing')]
    expect(evaluate(request('aws-portal:ViewBilling'), billing)).toBe('Allow')
    expect(evaluate(request('aws-portal:ModifyBilling'), billing)).toBe('Allow')
    expect(evaluate(request('aws-portal:ModifyPaymentMethods'), billing)).toBe('Allow')
    expect(evaluate(request('aws-portal:ViewUsage'), billing)).toBe('Allow')
    expect(evaluate(request('budgets:ViewBudget'), billing)).toBe('Allow')
    expect(evaluate(request('ce:GetCostAndUsage'), billing)).toBe('Allow')
    expect(evaluate(request('aws-portal:ViewAccount'), billing)).toBe('ImplicitDeny')
    expect(evaluate(request('iam:CreateUser', userArn('alice')), billing)).toBe('ImplicitDeny')
    expect(evaluate(request('ec2:RunInstances'), billing)).toBe('ImplicitDeny')
  })

  it('ReadOnlyAccess allows reading IAM and S3 but not changing them', () => {
    const readOnly = [managed('ReadOnlyAccess')]
    expect(evaluate(request('iam:GetUser', userArn('alice')), readOnly)).toBe('Allow')
    expect(evaluate(request('iam:ListUsers'), readOnly)).toBe('Allow')
    expect(evaluate(request('iam:GenerateCredentialReport'), readOnly)).toBe('Allow')
    expect(evaluate(request('s3:GetObject', 'arn:aws:s3:::b/k'), readOnly)).toBe('Allow')
    expect(evaluate(request('iam:CreateUser', userArn('alice')), readOnly)).toBe('ImplicitDeny')
    expect(evaluate(request('s3:PutObject', 'arn:aws:s3:::b/k'), readOnly)).toBe('ImplicitDeny')
  })

  it('SystemAdministrator may pass only the roles its resource patterns name', () => {
    const sysadmin = [managed('SystemAdministrator')]
    expect(evaluate(request('iam:PassRole', `arn:aws:iam::${account}:role/ec2-sysadmin-web`), sysadmin)).toBe('Allow')
    expect(evaluate(request('iam:PassRole', `arn:aws:iam::${account}:role/rds-monitoring-role`), sysadmin)).toBe('Allow')
    expect(evaluate(request('iam:PassRole', `arn:aws:iam::${account}:role/Admin`), sysadmin)).toBe('ImplicitDeny')
    expect(evaluate(request('iam:PassRole', `arn:aws:iam::${account}:role/EC2-SYSADMIN-web`), sysadmin)).toBe('ImplicitDeny')
  })

  it('ViewOnlyAccess matches resource ARNs with wildcard regions and empty accounts', () => {
    const viewOnly = [managed('ViewOnlyAccess')]
    expect(evaluate(request('apigateway:GET', 'arn:aws:apigateway:eu-west-1::/restapis'), viewOnly)).toBe('Allow')
    expect(evaluate(request('apigateway:GET', 'arn:aws:apigateway:eu-west-1::/restapis/abc/stages/prod'), viewOnly)).toBe('Allow')
    expect(evaluate(request('apigateway:GET', 'arn:aws:apigateway:eu-west-1::/apikeys/abc'), viewOnly)).toBe('ImplicitDeny')
  })

  it('IAMUserChangePassword lets a user change only their own password, with or without a path', () => {
    const changeOwn = [managed('IAMUserChangePassword')]
    const alice = { 'aws:username': 'alice' }
    expect(evaluate(request('iam:ChangePassword', userArn('alice'), alice), changeOwn)).toBe('Allow')
    expect(evaluate(request('iam:ChangePassword', userArn('alice', '/dev/'), alice), changeOwn)).toBe('Allow')
    expect(evaluate(request('iam:ChangePassword', userArn('bob'), alice), changeOwn)).toBe('ImplicitDeny')
    expect(evaluate(request('iam:ChangePassword', userArn('alice')), changeOwn)).toBe('ImplicitDeny')
    expect(evaluate(request('iam:GetAccountPasswordPolicy', '*', alice), changeOwn)).toBe('Allow')
  })

  it('grants nothing without policies', () => {
    expect(evaluate(request('iam:GetUser', userArn('alice')), [])).toBe('ImplicitDeny')
  })
})

describe('explicit deny and MFA', () => {
  it('an explicit deny wins over an allow, whatever the order', () => {
    const deny = policy({ Effect: 'Deny', Action: 'iam:CreateUser', Resource: '*' })
    const admin = managed('AdministratorAccess')
    expect(evaluate(request('iam:CreateUser', userArn('a')), [admin, deny])).toBe('ExplicitDeny')
    expect(evaluate(request('iam:CreateUser', userArn('a')), [deny, admin])).toBe('ExplicitDeny')
    expect(evaluate(request('iam:DeleteUser', userArn('a')), [deny, admin])).toBe('Allow')
  })

  it('the deny-without-MFA statement denies when MFA is absent from the request', () => {
    const policies = [managed('AdministratorAccess'), blockWithoutMfa]
    expect(evaluate(request('iam:CreateUser', userArn('a')), policies)).toBe('ExplicitDeny')
    expect(evaluate(request('iam:CreateUser', userArn('a'), { 'aws:MultiFactorAuthPresent': false }), policies)).toBe('ExplicitDeny')
  })

  it('the deny-without-MFA statement allows once MFA is present', () => {
    const policies = [managed('AdministratorAccess'), blockWithoutMfa]
    const mfa = { 'aws:MultiFactorAuthPresent': true, 'aws:MultiFactorAuthAge': 120 }
    expect(evaluate(request('iam:CreateUser', userArn('a'), mfa), policies)).toBe('Allow')
    expect(evaluate(request('iam:CreateUser', userArn('a'), { 'aws:MultiFactorAuthPresent': 'true' }), policies)).toBe('Allow')
  })

  it('the deny-without-MFA statement still lets a user without MFA set MFA up', () => {
    const policies = [managed('AdministratorAccess'), blockWithoutMfa]
    expect(evaluate(request('iam:EnableMFADevice', userArn('a')), policies)).toBe('Allow')
    expect(evaluate(request('sts:GetSessionToken'), policies)).toBe('Allow')
  })

  it('a NotResource deny spares only the listed resources', () => {
    const policies = [managed('AdministratorAccess'), policy({ Effect: 'Deny', Action: 'iam:*', NotResource: userArn('${aws:username}') })]
    const alice = { 'aws:username': 'alice' }
    expect(evaluate(request('iam:GetUser', userArn('alice'), alice), policies)).toBe('Allow')
    expect(evaluate(request('iam:GetUser', userArn('bob'), alice), policies)).toBe('ExplicitDeny')
    expect(evaluate(request('s3:ListBuckets', '*', alice), policies)).toBe('Allow')
  })
})

describe('matching actions and resources', () => {
  it('matches ? as exactly one character and * as any run', () => {
    const p = [policy({ Effect: 'Allow', Action: ['iam:Get?ser', 's3:*Object*'], Resource: '*' })]
    expect(evaluate(request('iam:GetUser'), p)).toBe('Allow')
    expect(evaluate(request('iam:GetUsers'), p)).toBe('ImplicitDeny')
    expect(evaluate(request('s3:GetObjectAcl'), p)).toBe('Allow')
    expect(evaluate(request('s3:ListBucket'), p)).toBe('ImplicitDeny')
  })

  it('does not let a service wildcard reach another service', () => {
    const p = [policy({ Effect: 'Allow', Action: 'iam:*', Resource: '*' })]
    expect(evaluate(request('iam:CreateUser'), p)).toBe('Allow')
    expect(evaluate(request('sts:GetCallerIdentity'), p)).toBe('ImplicitDeny')
  })

  it('matches the resource part of an ARN case-sensitively', () => {
    const p = [policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${account}:user/Alice` })]
    expect(evaluate(request('iam:GetUser', userArn('Alice')), p)).toBe('Allow')
    expect(evaluate(request('iam:GetUser', userArn('alice')), p)).toBe('ImplicitDeny')
  })

  it('keeps an account wildcard inside the account part of the ARN', () => {
    const p = [policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::*:user/alice' })]
    expect(evaluate(request('iam:GetUser', userArn('alice')), p)).toBe('Allow')
    expect(evaluate(request('iam:GetUser', 'arn:aws:iam::111:222:user/alice'), p)).toBe('ImplicitDeny')
  })

  it('lets a wildcard in the resource part span slashes and colons', () => {
    const p = [policy({ Effect: 'Allow', Action: 'logs:*', Resource: `arn:aws:logs:*:${account}:log-group:app*` })]
    expect(evaluate(request('logs:PutLogEvents', `arn:aws:logs:us-east-1:${account}:log-group:app/web:log-stream:x`), p)).toBe('Allow')
  })

  it('grants actions without a resource type only through Resource "*"', () => {
    const specific = [policy({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: `arn:aws:iam::${account}:user/*` })]
    expect(evaluate(request('iam:ListUsers', '*'), specific)).toBe('ImplicitDeny')
  })

  it('substitutes policy variables, with defaults, and treats the substituted value literally', () => {
    const p = [
      policy(
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' },
        { Effect: 'Allow', Action: 's3:PutObject', Resource: "arn:aws:s3:::shared/${aws:PrincipalTag/team, 'everyone'}/*" },
        { Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::literal/${*}' }
      )
    ]
    expect(evaluate(request('s3:GetObject', 'arn:aws:s3:::home/alice/notes.txt', { 'aws:username': 'alice' }), p)).toBe('Allow')
    expect(evaluate(request('s3:GetObject', 'arn:aws:s3:::home/bob/notes.txt', { 'aws:username': 'alice' }), p)).toBe('ImplicitDeny')
    expect(evaluate(request('s3:GetObject', 'arn:aws:s3:::home/alice/notes.txt', { 'AWS:UserName': 'alice' }), p)).toBe('Allow')
    expect(evaluate(request('s3:PutObject', 'arn:aws:s3:::shared/everyone/x', { 'aws:PrincipalTag/team': undefined }), p)).toBe('Allow')
    expect(evaluate(request('s3:PutObject', 'arn:aws:s3:::shared/blue/x', { 'aws:PrincipalTag/team': 'blue' }), p)).toBe('Allow')
    expect(evaluate(request('s3:DeleteObject', 'arn:aws:s3:::literal/*'), p)).toBe('Allow')
    expect(evaluate(request('s3:DeleteObject', 'arn:aws:s3:::literal/x'), p)).toBe('ImplicitDeny')
    const star = [policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}' })]
    expect(evaluate(request('s3:GetObject', 'arn:aws:s3:::home/x', { 'aws:username': '*' }), star)).toBe('ImplicitDeny')
  })

  it('leaves ${...} literal in policies without the 2012-10-17 version', () => {
    const old: PolicyDocument = {
      Version: '2008-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}' }]
    }
    expect(evaluate(request('s3:GetObject', 'arn:aws:s3:::home/alice', { 'aws:username': 'alice' }), [old])).toBe('ImplicitDeny')
    expect(evaluate(request('s3:GetObject', 'arn:aws:s3:::home/${aws:username}'), [old])).toBe('Allow')
  })
})

describe('conditions', () => {
  const allowIf = (condition: PolicyStatement['Condition']): PolicyDocument[] => [
    policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: condition })
  ]
  const decide = (condition: PolicyStatement['Condition'], context: AuthorizationRequest['context']): string =>
    evaluate(request('iam:GetUser', '*', context), allowIf(condition))

  it('treats several values of one key as OR, and several keys or operators as AND', () => {
    const c = { StringEquals: { 'aws:username': ['alice', 'bob'], 'aws:PrincipalType': 'User' } }
    expect(decide(c, { 'aws:username': 'bob', 'aws:PrincipalType': 'User' })).toBe('Allow')
    expect(decide(c, { 'aws:username': 'carol', 'aws:PrincipalType': 'User' })).toBe('ImplicitDeny')
    expect(decide(c, { 'aws:username': 'bob', 'aws:PrincipalType': 'Root' })).toBe('ImplicitDeny')
    const two = { StringEquals: { 'aws:username': 'alice' }, Bool: { 'aws:SecureTransport': 'true' } }
    expect(decide(two, { 'aws:username': 'alice', 'aws:SecureTransport': true })).toBe('Allow')
    expect(decide(two, { 'aws:username': 'alice', 'aws:SecureTransport': false })).toBe('ImplicitDeny')
  })

  // A missing key: one the request context lists as absent (undefined), as AWS leaves
  // aws:username out for root and aws:MultiFactorAuthAge out without MFA.
  const noUser = { 'aws:username': undefined }

  it('fails a positive condition on a missing key', () => {
    expect(decide({ StringEquals: { 'aws:username': 'alice' } }, noUser)).toBe('ImplicitDeny')
    expect(decide({ Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': undefined })).toBe('ImplicitDeny')
    expect(decide({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, { 'aws:MultiFactorAuthAge': undefined })).toBe('ImplicitDeny')
  })

  it('passes a negated condition on a missing key, as IAM documents', () => {
    expect(decide({ StringNotEquals: { 'aws:username': 'alice' } }, noUser)).toBe('Allow')
    expect(decide({ StringNotLike: { 'aws:username': 'a*' } }, noUser)).toBe('Allow')
    expect(decide({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' } }, { 'aws:PrincipalArn': undefined })).toBe('Allow')
  })

  it('passes ...IfExists on a missing key and checks it when present', () => {
    expect(decide({ StringEqualsIfExists: { 'aws:username': 'alice' } }, noUser)).toBe('Allow')
    expect(decide({ StringEqualsIfExists: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' })).toBe('Allow')
    expect(decide({ StringEqualsIfExists: { 'aws:username': 'alice' } }, { 'aws:username': 'bob' })).toBe('ImplicitDeny')
    expect(decide({ NumericLessThanIfExists: { 'aws:MultiFactorAuthAge': 60 } }, { 'aws:MultiFactorAuthAge': 120 })).toBe('ImplicitDeny')
  })

  it('reads negated operators with several values as NOR', () => {
    const c = { StringNotEquals: { 'aws:username': ['alice', 'bob'] } }
    expect(decide(c, { 'aws:username': 'carol' })).toBe('Allow')
    expect(decide(c, { 'aws:username': 'bob' })).toBe('ImplicitDeny')
  })

  it('checks Null for the absence (true) or presence (false) of a key', () => {
    expect(decide({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': undefined })).toBe('Allow')
    expect(decide({ Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' })).toBe('ImplicitDeny')
    expect(decide({ Null: { 'aws:TokenIssueTime': false } }, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' })).toBe('Allow')
    expect(decide({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': undefined })).toBe('ImplicitDeny')
  })

  it('compares strings exactly, ignoring case, or with wildcards', () => {
    expect(decide({ StringEquals: { 'aws:username': 'Alice' } }, { 'aws:username': 'alice' })).toBe('ImplicitDeny')
    expect(decide({ StringEqualsIgnoreCase: { 'aws:username': 'Alice' } }, { 'aws:username': 'alice' })).toBe('Allow')
    expect(decide({ StringNotEqualsIgnoreCase: { 'aws:username': 'Alice' } }, { 'aws:username': 'alice' })).toBe('ImplicitDeny')
    expect(decide({ StringLike: { 'aws:username': 'dev-*' } }, { 'aws:username': 'dev-alice' })).toBe('Allow')
    expect(decide({ StringLike: { 'aws:username': 'dev-?' } }, { 'aws:username': 'dev-ab' })).toBe('ImplicitDeny')
    expect(decide({ StringLike: { 'aws:username': 'DEV-*' } }, { 'aws:username': 'dev-alice' })).toBe('ImplicitDeny')
    expect(decide({ StringNotLike: { 'aws:username': 'dev-*' } }, { 'aws:username': 'ops-bob' })).toBe('Allow')
  })

  it('substitutes policy variables in condition values', () => {
    const c = { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } }
    expect(decide(c, { 's3:prefix': 'home/alice/docs', 'aws:username': 'alice' })).toBe('Allow')
    expect(decide(c, { 's3:prefix': 'home/bob/docs', 'aws:username': 'alice' })).toBe('ImplicitDeny')
  })

  it('compares numbers', () => {
    const age = (op: string, value: number, actual: number): string =>
      decide({ [op]: { 'aws:MultiFactorAuthAge': String(value) } }, { 'aws:MultiFactorAuthAge': actual })
    expect(age('NumericLessThan', 3600, 120)).toBe('Allow')
    expect(age('NumericLessThan', 3600, 3600)).toBe('ImplicitDeny')
    expect(age('NumericLessThanEquals', 3600, 3600)).toBe('Allow')
    expect(age('NumericGreaterThan', 3600, 3601)).toBe('Allow')
    expect(age('NumericGreaterThan', 3600, 3600)).toBe('ImplicitDeny')
    expect(age('NumericGreaterThanEquals', 3600, 3600)).toBe('Allow')
    expect(age('NumericEquals', 5, 5)).toBe('Allow')
    expect(age('NumericNotEquals', 5, 5)).toBe('ImplicitDeny')
    expect(decide({ NumericLessThan: { 'aws:MultiFactorAuthAge': '10' } }, { 'aws:MultiFactorAuthAge': 'soon' })).toBe('ImplicitDeny')
  })

  it('compares dates in ISO 8601 or epoch seconds', () => {
    const now = { 'aws:CurrentTime': '2024-06-01T12:00:00Z', 'aws:EpochTime': 1717243200 }
    expect(decide({ DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }, now)).toBe('Allow')
    expect(decide({ DateGreaterThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }, now)).toBe('ImplicitDeny')
    expect(decide({ DateGreaterThan: { 'aws:CurrentTime': '2024-01-01' } }, now)).toBe('Allow')
    expect(decide({ DateGreaterThanEquals: { 'aws:EpochTime': '1717243200' } }, now)).toBe('Allow')
    expect(decide({ DateLessThanEquals: { 'aws:EpochTime': '1717243199' } }, now)).toBe('ImplicitDeny')
    expect(decide({ DateEquals: { 'aws:CurrentTime': '2024-06-01T12:00:00+00:00' } }, now)).toBe('Allow')
    expect(decide({ DateNotEquals: { 'aws:CurrentTime': '2024-06-01T12:00:00Z' } }, now)).toBe('ImplicitDeny')
  })

  it('compares booleans however they are spelled', () => {
    expect(decide({ Bool: { 'aws:SecureTransport': 'True' } }, { 'aws:SecureTransport': true })).toBe('Allow')
    expect(decide({ Bool: { 'aws:SecureTransport': true } }, { 'aws:SecureTransport': 'true' })).toBe('Allow')
    expect(decide({ Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': true })).toBe('ImplicitDeny')
  })

  it('matches ARNs part by part with wildcards', () => {
    const c = { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${account}:user/dev/*` } }
    expect(decide(c, { 'aws:PrincipalArn': userArn('alice', '/dev/') })).toBe('Allow')
    expect(decide(c, { 'aws:PrincipalArn': userArn('alice') })).toBe('ImplicitDeny')
    expect(decide({ ArnEquals: { 'aws:PrincipalArn': userArn('alice') } }, { 'aws:PrincipalArn': userArn('alice') })).toBe('Allow')
    expect(decide({ ArnNotEquals: { 'aws:PrincipalArn': userArn('alice') } }, { 'aws:PrincipalArn': userArn('bob') })).toBe('Allow')
  })

  it('matches IP addresses against CIDR ranges', () => {
    expect(decide({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' })).toBe('Allow')
    expect(decide({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.114.7' })).toBe('ImplicitDeny')
    expect(decide({ IpAddress: { 'aws:SourceIp': '127.0.0.1' } }, { 'aws:SourceIp': '127.0.0.1' })).toBe('Allow')
    expect(decide({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, { 'aws:SourceIp': '192.168.1.1' })).toBe('Allow')
    expect(decide({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '2001:db8:0:1::5' })).toBe('Allow')
    expect(decide({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '10.0.0.1' })).toBe('ImplicitDeny')
  })

  it('applies ForAnyValue and ForAllValues to multivalued keys', () => {
    const tags = (keys: string[] | undefined): AuthorizationRequest['context'] => ({ 'aws:TagKeys': keys })
    const any = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }
    const all = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } }
    expect(decide(any, tags(['team', 'cost']))).toBe('Allow')
    expect(decide(any, tags(['cost']))).toBe('ImplicitDeny')
    expect(decide(any, tags(undefined))).toBe('ImplicitDeny')
    expect(decide(all, tags(['team', 'env']))).toBe('Allow')
    expect(decide(all, tags(['team', 'cost']))).toBe('ImplicitDeny')
    expect(decide(all, tags(undefined))).toBe('Allow')
    expect(decide(all, tags([]))).toBe('Allow')
    expect(decide({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, tags(['team', 'env']))).toBe('Allow')
    expect(decide({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, tags(['team', 'secret']))).toBe('ImplicitDeny')
    expect(decide({ 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, tags(['team', 'secret']))).toBe('Allow')
    expect(decide({ 'ForAnyValue:StringLike': { 'aws:TagKeys': ['te*'] } }, tags(['team']))).toBe('Allow')
  })

  it('matches condition keys case-insensitively', () => {
    expect(decide({ StringEquals: { 'AWS:UserName': 'alice' } }, { 'aws:username': 'alice' })).toBe('Allow')
  })

  it('never matches an unknown operator', () => {
    expect(decide({ StringSortOf: { 'aws:username': 'alice' } }, { 'aws:username': 'alice' })).toBe('ImplicitDeny')
  })
})

describe('AWS managed documents with NotAction, NotResource and conditions', () => {
  const doc = (path: string): PolicyDocument => awsManagedDocument(findAwsManagedPolicy(`arn:aws:iam::aws:policy${path}`)!)
  // What the practice account puts in a long-term key's request context (authorize-caller.ts):
  // service keys, resource tags and request tags are not in it, so the practice account cannot tell.
  const alice = { 'aws:username': 'alice', 'aws:PrincipalType': 'User', 'aws:MultiFactorAuthPresent': undefined, 'aws:TokenIssueTime': undefined }
  const sagemaker = (type: string) => `arn:aws:sagemaker:us-east-1:${account}:${type}/x`

  it('IAMAuditRootUserCredentials denies every action it does not name (NotAction) and every resource but root (NotResource)', () => {
    const policies = [managed('AdministratorAccess'), doc('/root-task/IAMAuditRootUserCredentials')]
    expect(evaluate(request('iam:CreateUser', userArn('bob'), alice), policies)).toBe('ExplicitDeny')
    expect(evaluate(request('iam:GetUser', userArn('bob'), alice), policies)).toBe('ExplicitDeny')
    expect(evaluate(request('iam:GetUser', `arn:aws:iam::${account}:root`, alice), policies)).toBe('Allow')
    expect(evaluate(request('iam:GetAccountSummary', '*', alice), policies)).toBe('Allow')
  })

  it('DataScientist allows SageMaker on everything but the domains and user profiles its NotResource names', () => {
    const scientist = [doc('/job-function/DataScientist')]
    expect(evaluate(request('sagemaker:CreateModel', sagemaker('model'), alice), scientist)).toBe('Allow')
    expect(evaluate(request('sagemaker:DeleteDomain', sagemaker('domain'), alice), scientist)).toBe('ImplicitDeny')
    expect(evaluate(request('sagemaker:DescribeDomain', sagemaker('domain'), alice), scientist)).toBe('Allow')
  })

  it('never allows through a condition on a key the practice account does not model', () => {
    // iam:PassedToService: DataScientist passes any role to SageMaker, but only there.
    const scientist = [doc('/job-function/DataScientist')]
    const role = (name: string) => `arn:aws:iam::${account}:role/${name}`
    expect(evaluate(request('iam:PassRole', role('DataPipelineDefaultRole'), alice), scientist)).toBe('Allow')
    expect(evaluate(request('iam:PassRole', role('Other'), alice), scientist)).toBe('ImplicitDeny')
    expect(evaluate(request('iam:PassRole', role('Other'), { ...alice, 'iam:PassedToService': 'sagemaker.amazonaws.com' }), scientist)).toBe('Allow')
    // StringNotEquals on a resource tag: true on AWS only when the repository lacks the tag.
    const notifications = [doc('/aws-service-role/AWSCodeStarNotificationsServiceRolePolicy')]
    const tag = 'aws:ResourceTag/ExcludeFileContentFromNotifications'
    expect(evaluate(request('codecommit:GetFile', '*', alice), notifications)).toBe('ImplicitDeny')
    expect(evaluate(request('codecommit:GetFile', '*', { ...alice, [tag]: undefined }), notifications)).toBe('Allow')
    expect(evaluate(request('codecommit:GetFile', '*', { ...alice, [tag]: 'true' }), notifications)).toBe('ImplicitDeny')
    // ForAllValues on request tags, Null on service keys, ...IfExists on a service key.
    const grafana = [doc('/aws-service-role/AmazonGrafanaServiceLinkedRolePolicy')]
    expect(evaluate(request('ec2:CreateNetworkInterface', '*', alice), grafana)).toBe('ImplicitDeny')
    expect(evaluate(request('ec2:CreateNetworkInterface', '*', { ...alice, 'aws:TagKeys': ['AmazonGrafanaManaged'] }), grafana)).toBe('Allow')
    const cloud9 = [doc('/AWSCloud9EnvironmentMember')]
    expect(evaluate(request('cloud9:DescribeEnvironmentMemberships', '*', alice), cloud9)).toBe('ImplicitDeny')
    expect(
      evaluate(request('cloud9:DescribeEnvironmentMemberships', '*', { ...alice, 'cloud9:UserArn': undefined, 'cloud9:EnvironmentId': undefined }), cloud9)
    ).toBe('Allow')
    const flow = sagemaker('flow-definition')
    expect(evaluate(request('sagemaker:CreateFlowDefinition', flow, alice), scientist)).toBe('ImplicitDeny')
    expect(evaluate(request('sagemaker:CreateFlowDefinition', flow, { ...alice, 'sagemaker:WorkteamType': undefined }), scientist)).toBe('Allow')
  })

  it('lets a Deny it cannot rule out apply, and lifts it once the context settles it', () => {
    // Denies "*" outside model packages unless the resource carries the principal's project tag
    // (and every action outside a long list, airflow:GetEnvironment among those spared).
    const policies = [managed('AdministratorAccess'), doc('/SageMakerStudioProjectUserRolePermissionsBoundary')]
    const airflow = `arn:aws:airflow:us-east-1:${account}:environment/x`
    expect(evaluate(request('iam:ListUsers', '*', alice), policies)).toBe('ExplicitDeny')
    expect(evaluate(request('airflow:GetEnvironment', airflow, alice), policies)).toBe('ExplicitDeny')
    const untagged = {
      ...alice,
      'aws:ResourceTag/AmazonDataZoneProject': undefined,
      'aws:PrincipalTag/AmazonDataZoneProject': undefined,
      'aws:PrincipalTag/SageMakerStudioQueryExecutionRole': undefined
    }
    expect(evaluate(request('airflow:GetEnvironment', airflow, untagged), policies)).toBe('Allow')
    expect(evaluate(request('iam:ListUsers', '*', untagged), policies)).toBe('ExplicitDeny')
  })

  it('treats an operator it does not know as unknown: an Allow never matches, a Deny applies', () => {
    const condition = { StringSortOf: { 'aws:username': 'alice' } }
    const allow = policy({ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: condition })
    const deny = policy({ Effect: 'Deny', Action: 'iam:GetUser', Resource: '*', Condition: condition })
    expect(evaluate(request('iam:GetUser', '*', alice), [allow])).toBe('ImplicitDeny')
    expect(evaluate(request('iam:GetUser', '*', alice), [managed('AdministratorAccess'), deny])).toBe('ExplicitDeny')
  })

  it('decides every AWS managed document, for a context it knows nothing of, as if its conditional Allows were gone and its conditional Denies unconditional', () => {
    const concrete = (pattern: string) =>
      pattern
        .replace(/\$\{[^}]*\}/g, 'v')
        .replace(/\*/g, 'Get')
        .replace(/\?/g, 'x')
    const conditional = (s: PolicyStatement) => Object.values(s.Condition ?? {}).some((keys) => Object.keys(keys).length > 0)
    let requests = 0
    for (const managedPolicy of awsManagedPolicies) {
      const original = awsManagedDocument(managedPolicy)
      const statements = statementsOf(original)
      const settled: PolicyDocument = {
        ...original,
        Statement: statements.filter((s) => !(s.Effect === 'Allow' && conditional(s))).map((s) => (s.Effect === 'Deny' ? { ...s, Condition: undefined } : s))
      }
      for (const s of statements) {
        const action = s.Action === undefined ? 'nothing:Named' : concrete([s.Action].flat()[0]!)
        const resource = s.Resource === undefined ? 'arn:aws:nothing:::named' : concrete([s.Resource].flat()[0]!)
        const decided = evaluate(request(action, resource), [original])
        expect(decided, `${managedPolicy.policyName}: ${action} on ${resource}`).toBe(evaluate(request(action, resource), [settled]))
        requests += 1
      }
    }
    expect(requests).toBeGreaterThan(8000)
  })
})

describe('evaluateWithSessionPolicy', () => {
  const admin = [managed('AdministratorAccess')]
  const s3Only = [policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' })]

  it('without a session policy, decides by the identity policies alone', () => {
    expect(evaluateWithSessionPolicy(request('iam:CreateUser'), admin, undefined)).toBe('Allow')
  })

  it('allows only what both the identity and the session policies allow', () => {
    expect(evaluateWithSessionPolicy(request('s3:ListBuckets'), admin, s3Only)).toBe('Allow')
    expect(evaluateWithSessionPolicy(request('iam:CreateUser'), admin, s3Only)).toBe('ImplicitDeny')
    expect(evaluateWithSessionPolicy(request('s3:ListBuckets'), [managed('Billing')], s3Only)).toBe('ImplicitDeny')
  })

  it('allows nothing when the session was given no policy at all', () => {
    expect(evaluateWithSessionPolicy(request('s3:ListBuckets'), admin, [])).toBe('ImplicitDeny')
  })

  it('lets an explicit deny in either side win', () => {
    const denyS3 = [policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' })]
    expect(evaluateWithSessionPolicy(request('s3:ListBuckets'), admin, denyS3)).toBe('ExplicitDeny')
    expect(evaluateWithSessionPolicy(request('s3:ListBuckets'), [...admin, ...denyS3], s3Only)).toBe('ExplicitDeny')
    expect(evaluateWithSessionPolicy(request('s3:ListBuckets'), denyS3, [])).toBe('ExplicitDeny')
  })
})
