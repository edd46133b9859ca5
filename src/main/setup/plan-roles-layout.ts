import { canonicalPolicyJson, type PolicyDocument } from '../audit/policy-document'
import { listInWords, plural } from '../audit/plain-language'
import { findRole, findUser, type AccountRole, type AccountSnapshot } from '../audit/snapshot'
import { partitionOf } from '../aws/partition'
import { signInId } from '../../shared/domain/words'
import { caseConflict, PlanBuilder, quota, type Plan, type PlanOptions } from './plan'
import {
  roleArnOf,
  signInGroupName,
  signInPolicy,
  signInPolicyName,
  trustPolicy,
  trustStatementSid,
  userArnOf,
  type IamRoleSpec,
  type SignInSpec
} from './roles-layout'
import { stepIds, type Step } from './step'

const owner = { owner: signInId }

/** A trust policy Cairn wrote (its statement carries Cairn's Sid): a plan may bring it up to date. */
function trustIsCairns(document: PolicyDocument | null): boolean {
  const statements = document === null ? [] : Array.isArray(document.Statement) ? document.Statement : [document.Statement]
  return statements.length > 0 && statements.every((statement) => statement.Sid === trustStatementSid)
}

function planRole(builder: PlanBuilder, spec: IamRoleSpec, userArn: string, userStepId: string): void {
  const { account } = builder
  const found = findRole(account, spec.roleName)
  const role: AccountRole | undefined = found && found.roleName === spec.roleName ? found : undefined
  const { roleName } = spec
  const trust = trustPolicy(userArn)
  const seconds = spec.maxSessionHours * 3600
  const roleStep = builder.add({
    id: stepIds.role(roleName),
    role: spec.role,
    action: 'CreateRole',
    target: { roleName },
    // IAM refuses a trust policy naming a user that does not exist yet ("Invalid principal in policy").
    dependsOn: [userStepId],
    status: role ? 'exists' : 'create',
    policyDocument: JSON.stringify(trust),
    maxSessionDuration: seconds
  })
  if (found && !role) {
    builder.conflict(
      { owner: spec.role },
      { kind: 'name-differs-by-case', stepIds: [roleStep.id], blocking: true, message: caseConflict('role', roleName, found.roleName) }
    )
  }
  if (role && canonicalPolicyJson(role.trustPolicy) !== canonicalPolicyJson(trust)) {
    const step = builder.add({
      id: stepIds.trust(roleName),
      role: spec.role,
      action: 'UpdateAssumeRolePolicy',
      target: { roleName },
      dependsOn: [roleStep.id],
      status: 'update',
      policyDocument: JSON.stringify(trust),
      reason: `${roleName}'s trust policy is Cairn's, for another user or an older version; it will let only ${userArn.split('/').pop()} assume the role, with MFA.`
    })
    if (!trustIsCairns(role.trustPolicy)) {
      builder.conflict(
        { owner: spec.role },
        {
          kind: 'role-trust-differs',
          stepIds: [step.id],
          blocking: true,
          message:
            `A role named ${roleName} already exists, and its trust policy is not Cairn's: it decides who else may assume the role, and Cairn does not change that. ` +
            `Choose another role name, or delete or edit the role in the IAM console.`
        }
      )
    }
  }
  if (role && role.maxSessionDuration !== seconds) {
    builder.add({
      id: stepIds.maxSession(roleName),
      role: spec.role,
      action: 'UpdateRole',
      target: { roleName },
      dependsOn: [roleStep.id],
      status: 'update',
      maxSessionDuration: seconds,
      reason: `${roleName}'s sessions may last ${plural(role.maxSessionDuration / 3600, 'hour')}; the plan sets ${plural(spec.maxSessionHours, 'hour')}.`
    })
  }

  const attachSteps: Step[] = spec.policyArns.map((policyArn) =>
    builder.add({
      id: stepIds.attachRole(roleName, policyArn),
      role: spec.role,
      action: 'AttachRolePolicy',
      target: { roleName, policyArn },
      dependsOn: [roleStep.id],
      status: role?.attachedPolicies.some((p) => p.policyArn === policyArn) ? 'exists' : 'create'
    })
  )
  if (!role) return
  const newAttachments = attachSteps.filter((step) => step.status === 'create')
  const limit = quota(account, 'AttachedPoliciesPerRoleQuota')
  if (newAttachments.length > 0 && role.attachedPolicies.length + newAttachments.length > limit) {
    builder.conflict(
      { owner: spec.role },
      {
        kind: 'role-policy-quota',
        stepIds: newAttachments.map((step) => step.id),
        blocking: true,
        message:
          `${roleName} already has ${plural(role.attachedPolicies.length, 'managed policy', 'managed policies')}; attaching ${newAttachments.length} more ` +
          `would pass IAM's limit of ${limit} per role. Detach one it no longer needs, or choose fewer.`
      }
    )
  }
  const extra = [
    ...role.attachedPolicies.filter((p) => !spec.policyArns.includes(p.policyArn)).map((p) => p.policyName),
    ...role.inlinePolicyNames.map((name) => `inline policy ${name}`)
  ]
  if (extra.length > 0) {
    builder.conflict(
      { owner: spec.role },
      {
        kind: 'role-has-extra-policies',
        stepIds: [roleStep.id],
        blocking: false,
        message: `${roleName} also has ${listInWords(extra)}. Cairn leaves ${extra.length === 1 ? 'it' : 'them'} in place, so the ${spec.role} role has ${extra.length === 1 ? 'its' : 'their'} permissions too; remove ${extra.length === 1 ? 'it' : 'them'} in the console if that is not intended.`
      }
    )
  }
}

/** The guide's users, if this account has them: the roles layout adds beside them and removes nothing. */
function guideUsersNote(builder: PlanBuilder, signIn: SignInSpec): void {
  const guide = ['billing', 'dev', 'ops', 'admin'].filter((name) => name !== signIn.userName.toLowerCase() && findUser(builder.account, name))
  if (guide.length === 0) return
  builder.conflict(owner, {
    kind: 'moving-from-users',
    stepIds: [],
    blocking: false,
    message:
      `This account already has the users ${listInWords(guide)}. The roles layout adds one sign-in and the roles beside them and changes nothing about them: ` +
      `their passwords and keys keep working, while Cairn's profiles (cairn-dev and the others) act as the roles from then on. Cairn removes nothing: once the roles do what you need, delete those users in the IAM console, or keep them.`
  })
}

/**
 * The roles layout's diff against the account: the person's user in its group (with the
 * CairnSignIn policy, a console password and an access key), then each role with its trust
 * policy, maximum session and job-function policies. Pure, like planSetup.
 */
export function planRolesLayout(signIn: SignInSpec, roles: readonly IamRoleSpec[], account: AccountSnapshot, options: PlanOptions = {}): Plan {
  const builder = new PlanBuilder(account, options.secretsHeld ?? { passwordUsers: [], accessKeyIds: [] })
  const partition = partitionOf(account.caller.arn)
  const userArn = userArnOf(partition, account.accountId, signIn.userName)
  const roleArns = roles.map((spec) => roleArnOf(partition, account.accountId, spec.roleName))
  builder.identity({
    owner: signInId,
    userName: signIn.userName,
    groupName: signInGroupName,
    policyArns: [],
    consoleAccess: { enabled: true, passwordResetRequired: false },
    accessKey: true,
    groupPolicy: { name: signInPolicyName, document: signInPolicy(userArn, roleArns, `arn:${partition}:iam::${account.accountId}:mfa/`), deferUntilMfa: false }
  })
  guideUsersNote(builder, signIn)
  for (const spec of roles) planRole(builder, spec, userArn, stepIds.user(signIn.userName))
  return builder.finish()
}
