import type { PolicyDocument } from '../audit/policy-document'
import { DEFAULT_PARTITION, iamArn, type Partition } from '../aws/partition'
import type { IamRoleSpec, SignInSpec } from '../../shared/domain/schemas'
import type { RoleId } from '../../shared/domain/words'
import { MANAGED_POLICIES_PER_GROUP, nameProblem, policyArnPattern, policyArnsIn, type RoleProblem } from './roles'

export type { IamRoleSpec, SignInSpec } from '../../shared/domain/schemas'

/**
 * The roles layout: one IAM user for the person, in a group whose one inline policy lets it
 * manage its own password and MFA device and assume the roles; one IAM role per job, each
 * trusting only that user, and only with MFA.
 */

/** The person's group and its inline policy. */
export const signInGroupName = 'People'
export const signInPolicyName = 'CairnSignIn'

/** Marks a trust statement as Cairn's, so a later plan may bring it up to date rather than refuse to touch it. */
export const trustStatementSid = 'CairnSignInWithMfa'

export const DEFAULT_SIGN_IN_USER = 'me'

/** The job-function policies, as in the guide's layout; MaxSessionDuration is IAM's default of 1 hour. */
export function defaultIamRoles(options: { includeAdmin: boolean; partition?: Partition }): IamRoleSpec[] {
  const arns = policyArnsIn(options.partition ?? DEFAULT_PARTITION)
  const roles: IamRoleSpec[] = [
    { role: 'billing', roleName: 'billing', policyArns: [arns.billing], maxSessionHours: 1 },
    { role: 'dev', roleName: 'dev', policyArns: [arns.powerUser], maxSessionHours: 1 },
    { role: 'ops', roleName: 'ops', policyArns: [arns.systemAdministrator], maxSessionHours: 1 }
  ]
  if (options.includeAdmin) roles.push({ role: 'admin', roleName: 'admin', policyArns: [arns.administrator], maxSessionHours: 1 })
  return roles
}

export const roleArnOf = (partition: Partition, accountId: string, roleName: string) => iamArn(partition, accountId, `role/${roleName}`)
export const userArnOf = (partition: Partition, accountId: string, userName: string) => iamArn(partition, accountId, `user/${userName}`)

/** Only the person may assume the role, and only with MFA in the session that asks. */
export function trustPolicy(userArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: trustStatementSid,
        Effect: 'Allow',
        Principal: { AWS: userArn },
        Action: 'sts:AssumeRole',
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }
      }
    ]
  }
}

/**
 * What the person's user may do on its own: read itself, change its password, set up and
 * resynchronise its own MFA device (AWS's documented self-service statements), and assume the
 * roles. Nothing else: every permission it works with comes from a role.
 */
export function signInPolicy(userArn: string, roleArns: readonly string[], mfaArnPrefix: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ManageOwnPasswordAndMfa',
        Effect: 'Allow',
        Action: [
          'iam:ChangePassword',
          'iam:GetUser',
          'iam:GetLoginProfile',
          'iam:ListMFADevices',
          'iam:EnableMFADevice',
          'iam:ResyncMFADevice',
          'iam:ListAccessKeys'
        ],
        Resource: userArn
      },
      { Sid: 'CreateOwnVirtualMfaDevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'], Resource: `${mfaArnPrefix}*` },
      { Sid: 'ReadAccountRules', Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'], Resource: '*' },
      { Sid: 'AssumeCairnRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [...roleArns] }
    ]
  }
}

/** IAM's default quota on managed policies attached to one role. */
export const MANAGED_POLICIES_PER_ROLE = MANAGED_POLICIES_PER_GROUP

export type SignInProblem = { role: 'sign-in'; field: 'userName'; message: string }
export type RolesLayoutProblem = SignInProblem | (Omit<RoleProblem, 'field'> & { field: 'role' | 'roleName' | 'policyArns' | 'maxSessionHours' })

/** Every problem AWS would reject, said as what to change: the same rules as IAM's CreateUser and CreateRole. */
export function validateRolesLayout(signIn: SignInSpec, roles: readonly IamRoleSpec[]): RolesLayoutProblem[] {
  const problems: RolesLayoutProblem[] = []
  const userProblem = nameProblem('user', signIn.userName, 64)
  if (userProblem) problems.push({ role: 'sign-in', field: 'userName', message: userProblem })
  const seenRoles = new Set<RoleId>()
  const seenNames = new Map<string, RoleId>()
  for (const spec of roles) {
    const add = (field: 'role' | 'roleName' | 'policyArns' | 'maxSessionHours', message: string) => problems.push({ role: spec.role, field, message })
    if (seenRoles.has(spec.role)) add('role', `The ${spec.role} role is listed twice; keep one.`)
    seenRoles.add(spec.role)
    const roleProblem = nameProblem('role', spec.roleName, 64)
    if (roleProblem) add('roleName', roleProblem)
    else {
      // IAM role names are unique regardless of case.
      const other = seenNames.get(spec.roleName.toLowerCase())
      if (other !== undefined) add('roleName', `The ${other} role already uses the name "${spec.roleName}" (IAM ignores case); choose another.`)
      else seenNames.set(spec.roleName.toLowerCase(), spec.role)
    }
    const distinct = new Set(spec.policyArns)
    if (distinct.size === 0) add('policyArns', `Pick at least one policy for the ${spec.role} role; without one it can do nothing.`)
    if (distinct.size !== spec.policyArns.length) add('policyArns', 'A policy is listed twice; keep one.')
    if (distinct.size > MANAGED_POLICIES_PER_ROLE) {
      add('policyArns', `A role can have at most ${MANAGED_POLICIES_PER_ROLE} managed policies; remove ${distinct.size - MANAGED_POLICIES_PER_ROLE}.`)
    }
    for (const arn of distinct) if (!policyArnPattern.test(arn)) add('policyArns', `"${arn}" is not a policy ARN; pick the policy from the list.`)
    if (!Number.isInteger(spec.maxSessionHours) || spec.maxSessionHours < 1 || spec.maxSessionHours > 12) {
      add('maxSessionHours', 'IAM allows a maximum session of 1 to 12 hours.')
    }
  }
  return problems
}
