import { canonicalPolicyJson, type PolicyDocument } from '../audit/policy-document'
import { listInWords, plural } from '../audit/plain-language'
import { findGroup, findUser, sameName, type AccountGroup, type AccountSnapshot, type AccountUser } from '../audit/snapshot'
import type { StepOwner } from '../../shared/domain/words'
import { deviceKind } from '../mfa/serial-kinds'
import { consoleOnlyMfaNote } from '../../shared/domain/words'
import { requireMfaPolicy, requireMfaPolicyName } from './mfa-policy'
import type { RoleSpec } from './roles'
import { stepIds, type Conflict, type Step, type StepStatus } from './step'

export type { Conflict, ConflictKind, Step, StepAction, StepStatus, StepTarget } from './step'

export interface Plan {
  steps: Step[]
  conflicts: Conflict[]
  summary: Record<StepStatus, number>
}

/**
 * What this machine's keychain holds (names and key ids only). The account cannot say whether
 * Cairn knows a password or a key's secret; without them a role's profile cannot work.
 */
export interface SecretsHeld {
  /** Users whose console password is in the keychain. */
  passwordUsers: string[]
  /** Access keys whose secret is in the keychain. */
  accessKeyIds: string[]
  /** MFA serials the keychain holds for sessions. Left out, the plan says nothing about devices it finds. */
  mfaSerials?: string[]
}

export interface PlanOptions {
  /** Default: nothing held, as on a machine that has never applied a plan. */
  secretsHeld?: SecretsHeld
}

// IAM's default quotas; GetAccountSummary reports the account's own when they were raised.
const defaultQuotas = { AttachedPoliciesPerGroupQuota: 10, AttachedPoliciesPerRoleQuota: 10, GroupsPerUserQuota: 10, AccessKeysPerUserQuota: 2 }

export function quota(account: AccountSnapshot, name: keyof typeof defaultQuotas): number {
  return account.summary[name] ?? defaultQuotas[name]
}

/**
 * One IAM user in a group of its own, as both layouts make them: the guide's billing, dev and
 * ops, or the roles layout's person. `groupPolicy` is the group's one inline policy.
 */
export interface IdentitySpec {
  owner: StepOwner
  userName: string
  groupName: string
  policyArns: string[]
  consoleAccess: RoleSpec['consoleAccess']
  accessKey: boolean
  groupPolicy?: { name: string; document: PolicyDocument; deferUntilMfa: boolean }
}

/** The user's devices that can back an API session: virtual devices and hardware tokens, not passkeys. */
export function sessionDevices(user: Pick<AccountUser, 'mfaDevices'> | undefined): string[] {
  return (user?.mfaDevices ?? []).filter((serial) => deviceKind(serial) !== 'security-key')
}

/** The guide's layout: a role's user and group; CairnRequireMFA when its API calls need MFA. */
export function identityOfRole(spec: RoleSpec): IdentitySpec {
  return {
    owner: spec.role,
    userName: spec.userName,
    groupName: spec.groupName,
    policyArns: spec.policyArns,
    consoleAccess: spec.consoleAccess,
    accessKey: spec.accessKey,
    ...(spec.requireMfaForApi ? { groupPolicy: { name: requireMfaPolicyName, document: requireMfaPolicy, deferUntilMfa: true } } : {})
  }
}

/** An entity found only under another spelling: IAM will not create ours, nor is it ours. */
export function caseConflict(kind: 'user' | 'group' | 'role', wanted: string, existing: string): string {
  return (
    `A ${kind} named "${existing}" already exists, and IAM names ignore case, so "${wanted}" cannot be created. ` +
    `Use "${existing}" as the ${kind} name, or choose another name.`
  )
}

export class PlanBuilder {
  readonly steps = new Map<string, Step>()
  readonly conflicts: Conflict[] = []

  constructor(
    readonly account: AccountSnapshot,
    private readonly held: SecretsHeld
  ) {}

  add(step: Step): Step {
    // Two roles may share a group; its steps are planned once.
    const existing = this.steps.get(step.id)
    if (existing) return existing
    this.steps.set(step.id, step)
    return step
  }

  conflict(spec: { owner: StepOwner }, conflict: Omit<Conflict, 'role'>): void {
    this.conflicts.push({ role: spec.owner, ...conflict })
    if (!conflict.blocking) return
    for (const id of conflict.stepIds) {
      const step = this.steps.get(id)
      if (step) Object.assign(step, { status: 'conflict', reason: conflict.message })
    }
  }

  identity(spec: IdentitySpec): void {
    const group = findGroup(this.account, spec.groupName)
    const user = findUser(this.account, spec.userName)
    const exactGroup = group && group.groupName === spec.groupName ? group : undefined
    const exactUser = user && user.userName === spec.userName ? user : undefined
    this.group(spec, group, exactGroup)
    this.user(spec, user, exactUser)
  }

  private group(spec: IdentitySpec, found: AccountGroup | undefined, group: AccountGroup | undefined): void {
    const { groupName } = spec
    const groupStep = this.add({
      id: stepIds.group(groupName),
      role: spec.owner,
      action: 'CreateGroup',
      target: { groupName },
      dependsOn: [],
      status: group ? 'exists' : 'create'
    })
    if (found && !group) {
      this.conflict(spec, { kind: 'name-differs-by-case', stepIds: [groupStep.id], blocking: true, message: caseConflict('group', groupName, found.groupName) })
    }

    const attachIds = spec.policyArns.map((policyArn) => {
      const attached = group?.attachedPolicies.some((p) => p.policyArn === policyArn) ?? false
      return this.add({
        id: stepIds.attach(groupName, policyArn),
        role: spec.owner,
        action: 'AttachGroupPolicy',
        target: { groupName, policyArn },
        dependsOn: [groupStep.id],
        status: attached ? 'exists' : 'create'
      })
    })
    if (group) {
      const newAttachments = attachIds.filter((step) => step.status === 'create')
      const limit = quota(this.account, 'AttachedPoliciesPerGroupQuota')
      if (newAttachments.length > 0 && group.attachedPolicies.length + newAttachments.length > limit) {
        this.conflict(spec, {
          kind: 'group-policy-quota',
          stepIds: newAttachments.map((step) => step.id),
          blocking: true,
          message:
            `${groupName} already has ${plural(group.attachedPolicies.length, 'managed policy', 'managed policies')}; attaching ` +
            `${newAttachments.length} more would pass IAM's limit of ${limit} per group. Detach one it no longer needs, or choose fewer.`
        })
      }
      const extra = [
        ...group.attachedPolicies.filter((p) => !spec.policyArns.includes(p.policyArn)).map((p) => p.policyName),
        ...group.inlinePolicyNames.filter((name) => !sameName(name, spec.groupPolicy?.name ?? '')).map((name) => `inline policy ${name}`)
      ]
      if (extra.length > 0) {
        this.conflict(spec, {
          kind: 'group-has-extra-policies',
          stepIds: [groupStep.id],
          blocking: false,
          message:
            `${groupName} also has ${listInWords(extra)}. Cairn leaves ${extra.length === 1 ? 'it' : 'them'} in place, so ` +
            `${spec.userName} gets ${extra.length === 1 ? 'its' : 'their'} permissions too; remove ${extra.length === 1 ? 'it' : 'them'} in the console if that is not intended.`
        })
      }
    }

    if (spec.groupPolicy) this.groupPolicy(spec, spec.groupPolicy, group, groupStep.id)
  }

  private groupPolicy(spec: IdentitySpec, wanted: NonNullable<IdentitySpec['groupPolicy']>, group: AccountGroup | undefined, groupStepId: string): void {
    const name = group?.inlinePolicyNames.find((n) => sameName(n, wanted.name))
    const document = name === undefined ? undefined : group?.inlinePolicies?.[name]
    // A document that could not be read is taken as Cairn's: re-applying must create nothing.
    const status: StepStatus =
      name === undefined ? 'create' : document && canonicalPolicyJson(document) !== canonicalPolicyJson(wanted.document) ? 'update' : 'exists'
    const user = findUser(this.account, spec.userName)
    // A passkey or security key does not count: the deny would then refuse every API call, which those cannot answer.
    const enrolled = sessionDevices(user).length > 0
    const step: Step = {
      id: stepIds.inlinePolicy(spec.groupName, wanted.name),
      role: spec.owner,
      action: 'PutGroupPolicy',
      target: { groupName: spec.groupName, policyName: wanted.name },
      dependsOn: [groupStepId],
      status,
      policyDocument: JSON.stringify(wanted.document)
    }
    if (status === 'update') step.reason = `${wanted.name} on ${spec.groupName} is not Cairn's version; it will be replaced.`
    if (wanted.deferUntilMfa && status !== 'exists' && !enrolled) {
      step.deferredUntilMfa = true
      step.reason = `${step.reason ? `${step.reason} ` : ''}Put on once ${spec.userName} has an MFA device: before that it would refuse ${spec.userName} every API call.`
    }
    this.add(step)
  }

  private user(spec: IdentitySpec, found: AccountUser | undefined, user: AccountUser | undefined): void {
    const { userName, groupName } = spec
    const userStep = this.add({
      id: stepIds.user(userName),
      role: spec.owner,
      action: 'CreateUser',
      target: { userName },
      dependsOn: [],
      status: user ? 'exists' : 'create'
    })
    if (found && !user) {
      this.conflict(spec, { kind: 'name-differs-by-case', stepIds: [userStep.id], blocking: true, message: caseConflict('user', userName, found.userName) })
    }

    const member = user?.groups.some((g) => sameName(g, groupName)) ?? false
    const membership = this.add({
      id: stepIds.membership(userName, groupName),
      role: spec.owner,
      action: 'AddUserToGroup',
      target: { userName, groupName },
      dependsOn: [userStep.id, stepIds.group(groupName)],
      status: member ? 'exists' : 'create'
    })
    const otherGroups = user?.groups.filter((g) => !sameName(g, groupName)) ?? []
    if (otherGroups.length > 0) {
      this.conflict(spec, {
        kind: 'user-in-other-group',
        stepIds: [membership.id],
        blocking: false,
        message:
          `${userName} already exists and is in ${listInWords(otherGroups)}. Cairn ${member ? 'leaves' : `adds it to ${groupName} and leaves`} ` +
          `${otherGroups.length === 1 ? 'that group' : 'those groups'} alone, so ${userName} keeps ${otherGroups.length === 1 ? 'its' : 'their'} permissions too.`
      })
    }
    const groupLimit = quota(this.account, 'GroupsPerUserQuota')
    if (user && !member && user.groups.length >= groupLimit) {
      this.conflict(spec, {
        kind: 'groups-per-user-quota',
        stepIds: [membership.id],
        blocking: true,
        message: `${userName} is already in ${user.groups.length} groups, IAM's limit; remove it from one before it can join ${groupName}.`
      })
    }

    if (spec.consoleAccess.enabled) this.loginProfile(spec, user, userStep.id)
    if (spec.accessKey) this.accessKey(spec, user, userStep.id)
    if (user) this.devicesFound(spec, user)
  }

  /** MFA devices the user has that Cairn does not know yet (enabled in the console, say). */
  private devicesFound(spec: IdentitySpec, user: AccountUser): void {
    const held = this.held.mfaSerials
    if (held === undefined || user.mfaDevices.length === 0 || user.mfaDevices.some((serial) => held.includes(serial))) return
    const usable = sessionDevices(user)
    const note = (message: string) => this.conflict(spec, { kind: 'mfa-device-found', stepIds: [stepIds.user(spec.userName)], blocking: false, message })
    if (usable.length === 0) return note(`${user.userName}'s only MFA device is a passkey or security key. ${consoleOnlyMfaNote}`)
    if (usable.length > 1)
      return note(`${user.userName} has ${usable.length} MFA devices (${listInWords(usable)}); choose the one Cairn should use on the MFA step.`)
    note(
      `${user.userName} already has the MFA device ${usable[0]}, set up outside Cairn. Apply records it, so Cairn starts ${user.userName}'s sessions with codes from that device.`
    )
  }

  private loginProfile(spec: IdentitySpec, user: AccountUser | undefined, userStepId: string): void {
    const { userName } = spec
    const step = this.add({
      id: stepIds.loginProfile(userName),
      role: spec.owner,
      action: 'CreateLoginProfile',
      target: { userName },
      dependsOn: [userStepId],
      status: user?.hasLoginProfile ? 'exists' : 'create'
    })
    if (user?.hasLoginProfile && !this.held.passwordUsers.some((name) => sameName(name, userName))) {
      step.reason = 'Has a console password that Cairn did not set.'
      this.conflict(spec, {
        kind: 'login-profile-exists',
        stepIds: [step.id],
        blocking: false,
        message:
          `${userName} already has a console password, which Cairn did not set and so cannot put in your keychain. ` +
          `Cairn leaves it as it is; if nobody knows it, reset it in the IAM console.`
      })
    }
  }

  private accessKey(spec: IdentitySpec, user: AccountUser | undefined, userStepId: string): void {
    const { userName } = spec
    const step = this.add({
      id: stepIds.accessKey(userName),
      role: spec.owner,
      action: 'CreateAccessKey',
      target: { userName },
      dependsOn: [userStepId],
      status: 'create'
    })
    if (!user) return
    const keys = user.accessKeys
    const held = keys.find((key) => key.status === 'Active' && this.held.accessKeyIds.includes(key.accessKeyId))
    if (held) {
      step.status = 'exists'
      step.reason = `Access key ${held.accessKeyId} is in your keychain.`
      return
    }
    if (keys.length === 0) return
    const ids = listInWords(keys.map((key) => key.accessKeyId))
    const limit = quota(this.account, 'AccessKeysPerUserQuota')
    if (keys.length >= limit) {
      this.conflict(spec, {
        kind: 'access-key-quota',
        stepIds: [step.id],
        blocking: true,
        message:
          `${userName} already has ${plural(keys.length, 'access key')} (${ids}), IAM's limit, and none of their secrets is in your keychain. ` +
          'Delete one you no longer use in the IAM console, then plan again.'
      })
      return
    }
    step.reason = `${userName} has access key ${ids}, whose secret is not in your keychain; Cairn creates another.`
  }

  /** The plan: steps in the order added, which puts every step after those it depends on. */
  finish(): Plan {
    this.blockDependents()
    const steps = [...this.steps.values()]
    const summary: Record<StepStatus, number> = { create: 0, exists: 0, update: 0, conflict: 0 }
    for (const step of steps) summary[step.status]++
    return { steps, conflicts: this.conflicts, summary }
  }

  /** A step whose prerequisite conflicts cannot run either; its own status says so. */
  private blockDependents(): void {
    let changed = true
    while (changed) {
      changed = false
      for (const step of this.steps.values()) {
        if (step.status === 'exists' || step.status === 'conflict') continue
        const blocker = step.dependsOn.find((id) => this.steps.get(id)?.status === 'conflict')
        if (!blocker) continue
        Object.assign(step, { status: 'conflict', reason: `Waits on ${blocker}, which conflicts.` })
        changed = true
      }
    }
  }
}

/**
 * The diff between the roles the user wants and the account as fetched: one step per API
 * call, each marked exists / create / update / conflict. Pure; nothing is sent to AWS.
 * Steps are listed so that every step comes after the steps it depends on.
 */
export function planSetup(specs: readonly RoleSpec[], account: AccountSnapshot, options: PlanOptions = {}): Plan {
  const builder = new PlanBuilder(account, options.secretsHeld ?? { passwordUsers: [], accessKeyIds: [] })
  for (const spec of specs) builder.identity(identityOfRole(spec))
  return builder.finish()
}
