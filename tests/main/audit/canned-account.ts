import { failure, stsSuccess, success, XmlEntries, type CannedAnswer, type CannedCall } from './canned-aws'

export const ACCOUNT = '123456789012'
const CREATED = new Date('2025-01-01T00:00:00Z')

export interface FakeUser {
  name: string
  groups?: string[]
  attached?: string[]
  inline?: Record<string, unknown>
  mfa?: string[]
  keys?: Array<{ id: string; status: 'Active' | 'Inactive' }>
  loginProfile?: boolean
}

export interface FakeGroup {
  name: string
  attached?: string[]
  inline?: Record<string, unknown>
}

export interface FakeRole {
  name: string
  trust: unknown
  maxSessionDuration?: number
  attached?: string[]
  inline?: Record<string, unknown>
}

export interface FakeAccount {
  callerArn?: string
  users: FakeUser[]
  groups: FakeGroup[]
  roles?: FakeRole[]
  customerPolicies?: Record<string, unknown>
  passwordPolicy?: Record<string, number | boolean>
  reportCsv?: string
  /** Page size for ListUsers, to make the SDK paginate. */
  usersPerPage?: number
}

export const reportCsv = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2025-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,false,true,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `dev,arn:aws:iam::${ACCOUNT}:user/dev,2025-01-01T00:00:00+00:00,true,no_information,2025-01-01T00:00:00+00:00,N/A,true,true,2025-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`
].join('\n')

const encode = (document: unknown) => encodeURIComponent(JSON.stringify(document))
const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1)
const notFound = (what: string) => failure(404, 'NoSuchEntity', `The ${what} cannot be found.`)

function attached(arns: string[] = []) {
  return { AttachedPolicies: arns.map((arn) => ({ PolicyName: policyName(arn), PolicyArn: arn })), IsTruncated: false }
}

/** Answers the read-only calls a scan makes, as IAM would for this account. */
export function answerFor(account: FakeAccount): (call: CannedCall) => CannedAnswer {
  const user = (call: CannedCall) => account.users.find((u) => u.name === call.params.get('UserName'))
  const group = (call: CannedCall) => account.groups.find((g) => g.name === call.params.get('GroupName'))
  const role = (call: CannedCall) => account.roles?.find((r) => r.name === call.params.get('RoleName'))
  return (call) => {
    switch (call.action) {
      case 'GetCallerIdentity': {
        const arn = account.callerArn ?? `arn:aws:iam::${ACCOUNT}:root`
        return stsSuccess('GetCallerIdentity', { Arn: arn, UserId: ACCOUNT, Account: ACCOUNT })
      }
      case 'GetAccountSummary':
        return success('GetAccountSummary', {
          SummaryMap: new XmlEntries({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, Users: account.users.length, GroupsPerUserQuota: 10 })
        })
      case 'GetAccountPasswordPolicy':
        return account.passwordPolicy
          ? success('GetAccountPasswordPolicy', { PasswordPolicy: account.passwordPolicy })
          : notFound(`Password Policy with domain name ${ACCOUNT}`)
      case 'GenerateCredentialReport':
        return success('GenerateCredentialReport', { State: 'COMPLETE' })
      case 'GetCredentialReport':
        return success('GetCredentialReport', {
          Content: Buffer.from(account.reportCsv ?? reportCsv).toString('base64'),
          ReportFormat: 'text/csv',
          GeneratedTime: CREATED
        })
      case 'ListUsers': {
        const size = account.usersPerPage ?? 100
        const start = Number(call.params.get('Marker') ?? 0)
        const page = account.users.slice(start, start + size)
        const more = start + size < account.users.length
        return success('ListUsers', {
          Users: page.map((u) => ({
            Path: '/',
            UserName: u.name,
            UserId: `AIDA${u.name.toUpperCase()}`,
            Arn: `arn:aws:iam::${ACCOUNT}:user/${u.name}`,
            CreateDate: CREATED
          })),
          IsTruncated: more,
          Marker: more ? String(start + size) : undefined
        })
      }
      case 'ListGroups':
        return success('ListGroups', {
          Groups: account.groups.map((g) => ({
            Path: '/',
            GroupName: g.name,
            GroupId: `AGPA${g.name.toUpperCase()}`,
            Arn: `arn:aws:iam::${ACCOUNT}:group/${g.name}`,
            CreateDate: CREATED
          })),
          IsTruncated: false
        })
      case 'ListGroupsForUser': {
        const u = user(call)
        if (!u) return notFound(`user with name ${call.params.get('UserName')}`)
        return success('ListGroupsForUser', {
          Groups: (u.groups ?? []).map((name) => ({
            Path: '/',
            GroupName: name,
            GroupId: `AGPA${name}`,
            Arn: `arn:aws:iam::${ACCOUNT}:group/${name}`,
            CreateDate: CREATED
          })),
          IsTruncated: false
        })
      }
      case 'ListAttachedUserPolicies': {
        const u = user(call)
        return u ? success('ListAttachedUserPolicies', attached(u.attached)) : notFound('user')
      }
      case 'ListUserPolicies': {
        const u = user(call)
        return u ? success('ListUserPolicies', { PolicyNames: Object.keys(u.inline ?? {}), IsTruncated: false }) : notFound('user')
      }
      case 'GetUserPolicy': {
        const document = user(call)?.inline?.[call.params.get('PolicyName') ?? '']
        return document === undefined
          ? notFound('user policy')
          : success('GetUserPolicy', {
              UserName: call.params.get('UserName') ?? '',
              PolicyName: call.params.get('PolicyName') ?? '',
              PolicyDocument: encode(document)
            })
      }
      case 'ListMFADevices': {
        const u = user(call)
        return u
          ? success('ListMFADevices', {
              MFADevices: (u.mfa ?? []).map((serial) => ({ UserName: u.name, SerialNumber: serial, EnableDate: CREATED })),
              IsTruncated: false
            })
          : notFound('user')
      }
      case 'ListAccessKeys': {
        const u = user(call)
        return u
          ? success('ListAccessKeys', {
              AccessKeyMetadata: (u.keys ?? []).map((k) => ({ UserName: u.name, AccessKeyId: k.id, Status: k.status, CreateDate: CREATED })),
              IsTruncated: false
            })
          : notFound('user')
      }
      case 'GetLoginProfile': {
        const u = user(call)
        return u?.loginProfile
          ? success('GetLoginProfile', { LoginProfile: { UserName: u.name, CreateDate: CREATED, PasswordResetRequired: false } })
          : notFound(`Login Profile for User ${call.params.get('UserName')}`)
      }
      case 'ListRoles':
        return success('ListRoles', {
          Roles: (account.roles ?? []).map((r) => ({
            Path: '/',
            RoleName: r.name,
            RoleId: `AROA${r.name.toUpperCase()}`,
            Arn: `arn:aws:iam::${ACCOUNT}:role/${r.name}`,
            CreateDate: CREATED,
            AssumeRolePolicyDocument: encode(r.trust),
            MaxSessionDuration: r.maxSessionDuration ?? 3600
          })),
          IsTruncated: false
        })
      case 'ListAttachedRolePolicies': {
        const r = role(call)
        return r ? success('ListAttachedRolePolicies', attached(r.attached)) : notFound('role')
      }
      case 'ListRolePolicies': {
        const r = role(call)
        return r ? success('ListRolePolicies', { PolicyNames: Object.keys(r.inline ?? {}), IsTruncated: false }) : notFound('role')
      }
      case 'ListAttachedGroupPolicies': {
        const g = group(call)
        return g ? success('ListAttachedGroupPolicies', attached(g.attached)) : notFound('group')
      }
      case 'ListGroupPolicies': {
        const g = group(call)
        return g ? success('ListGroupPolicies', { PolicyNames: Object.keys(g.inline ?? {}), IsTruncated: false }) : notFound('group')
      }
      case 'GetGroupPolicy': {
        const document = group(call)?.inline?.[call.params.get('PolicyName') ?? '']
        return document === undefined
          ? notFound('group policy')
          : success('GetGroupPolicy', {
              GroupName: call.params.get('GroupName') ?? '',
              PolicyName: call.params.get('PolicyName') ?? '',
              PolicyDocument: encode(document)
            })
      }
      case 'GetPolicy': {
        const arn = call.params.get('PolicyArn') ?? ''
        if (!(arn in (account.customerPolicies ?? {}))) return notFound(`Policy ${arn}`)
        return success('GetPolicy', { Policy: { PolicyName: policyName(arn), Arn: arn, DefaultVersionId: 'v3', AttachmentCount: 1, IsAttachable: true } })
      }
      case 'GetPolicyVersion': {
        const arn = call.params.get('PolicyArn') ?? ''
        const document = account.customerPolicies?.[arn]
        if (document === undefined || call.params.get('VersionId') !== 'v3') return notFound(`Policy ${arn} version`)
        return success('GetPolicyVersion', { PolicyVersion: { Document: encode(document), VersionId: 'v3', IsDefaultVersion: true, CreateDate: CREATED } })
      }
      default:
        return failure(400, 'InvalidAction', `Could not find operation ${call.action}`)
    }
  }
}
