import { describe, expect, it } from 'vitest'
import type { AccountSnapshot } from '../../../src/main/audit/snapshot'
import { requireMfaPolicy } from '../../../src/main/setup/mfa-policy'
import { planSetup, type Plan, type Step } from '../../../src/main/setup/plan'
import { defaultRoles, policyArns } from '../../../src/main/setup/roles'
import { ACCOUNT, daysAgo, group, policy, securedAccount, user } from '../audit/account-snapshot'
import { appliedAccount, keyIdOf } from './applied-account'

const roles = defaultRoles({ includeAdmin: true })

function step(plan: Plan, id: string): Step {
  const found = plan.steps.find((s) => s.id === id)
  if (!found) throw new Error(`no step ${id} in ${plan.steps.map((s) => s.id).join(', ')}`)
  return found
}

/** The account with one entity changed, starting from a fully applied one. */
function applied(change: (account: AccountSnapshot) => void) {
  const { account, secretsHeld } = appliedAccount(roles)
  change(account)
  return { account, secretsHeld }
}

describe('planSetup on a new account', () => {
  const plan = planSetup(roles, securedAccount())

  it('creates every group, attachment, user, membership, login profile, key and MFA policy', () => {
    expect(plan.steps.map((s) => s.id)).toEqual([
      'group:Finance',
      `attach:Finance:${policyArns.billing}`,
      'user:billing',
      'membership:billing:Finance',
      'login-profile:billing',
      'group:Developers',
      `attach:Developers:${policyArns.powerUser}`,
      'inline-policy:Developers:CairnRequireMFA',
      'user:dev',
      'membership:dev:Developers',
      'login-profile:dev',
      'access-key:dev',
      'group:Operations',
      `attach:Operations:${policyArns.systemAdministrator}`,
      'inline-policy:Operations:CairnRequireMFA',
      'user:ops',
      'membership:ops:Operations',
      'login-profile:ops',
      'access-key:ops',
      'group:Administrators',
      `attach:Administrators:${policyArns.administrator}`,
      'user:admin',
      'membership:admin:Administrators',
      'login-profile:admin'
    ])
    expect(plan.steps.every((s) => s.status === 'create')).toBe(true)
    expect(plan.summary).toEqual({ create: 24, exists: 0, update: 0, conflict: 0 })
    expect(plan.conflicts).toEqual([])
  })

  it('lists every step after the steps it depends on', () => {
    const seen = new Set<string>()
    for (const s of plan.steps) {
      for (const dependency of s.dependsOn) expect(seen.has(dependency), `${s.id} waits on ${dependency}`).toBe(true)
      seen.add(s.id)
    }
  })

  it('names each call the way IAM does', () => {
    expect(step(plan, 'membership:dev:Developers')).toEqual({
      id: 'membership:dev:Developers',
      role: 'dev',
      action: 'AddUserToGroup',
      target: { userName: 'dev', groupName: 'Developers' },
      dependsOn: ['user:dev', 'group:Developers'],
      status: 'create'
    })
    expect(step(plan, `attach:Finance:${policyArns.billing}`)).toMatchObject({
      action: 'AttachGroupPolicy',
      target: { groupName: 'Finance', policyArn: policyArns.billing },
      dependsOn: ['group:Finance']
    })
    expect(step(plan, 'inline-policy:Developers:CairnRequireMFA')).toMatchObject({
      action: 'PutGroupPolicy',
      target: { groupName: 'Developers', policyName: 'CairnRequireMFA' }
    })
    expect(step(plan, 'login-profile:dev')).toMatchObject({ action: 'CreateLoginProfile', target: { userName: 'dev' }, dependsOn: ['user:dev'] })
    expect(step(plan, 'access-key:dev')).toMatchObject({ action: 'CreateAccessKey', target: { userName: 'dev' }, dependsOn: ['user:dev'] })
  })

  it('defers the require-MFA policy until the user has an MFA device', () => {
    const deferred = plan.steps.filter((s) => s.deferredUntilMfa)
    expect(deferred.map((s) => s.id)).toEqual(['inline-policy:Developers:CairnRequireMFA', 'inline-policy:Operations:CairnRequireMFA'])
    expect(deferred[0]?.reason).toContain('once dev has an MFA device')
  })

  it('plans no access key, and no MFA policy, for console-only roles', () => {
    expect(plan.steps.filter((s) => s.role === 'billing' || s.role === 'admin').map((s) => s.action)).not.toContain('CreateAccessKey')
    expect(plan.steps.filter((s) => s.role === 'billing').map((s) => s.action)).not.toContain('PutGroupPolicy')
  })

  it('leaves out console access when the role has none', () => {
    const noConsole = roles.map((r) => (r.role === 'dev' ? { ...r, consoleAccess: { enabled: false, passwordResetRequired: false } } : r))
    expect(planSetup(noConsole, securedAccount()).steps.map((s) => s.id)).not.toContain('login-profile:dev')
  })
})

describe('planSetup on a set-up account', () => {
  it('re-applying the plan creates nothing', () => {
    const { account, secretsHeld } = appliedAccount(roles)
    const plan = planSetup(roles, account, { secretsHeld })
    expect(plan.summary).toEqual({ create: 0, exists: 24, update: 0, conflict: 0 })
    expect(plan.conflicts).toEqual([])
    expect(plan.steps.some((s) => s.deferredUntilMfa)).toBe(false)
  })

  it('finds entities whatever the case of the names IAM returns for memberships', () => {
    const { account, secretsHeld } = applied((a) => {
      const dev = a.users.find((u) => u.userName === 'dev')
      if (dev) dev.groups = ['DEVELOPERS']
    })
    expect(step(planSetup(roles, account, { secretsHeld }), 'membership:dev:Developers').status).toBe('exists')
  })

  it("replaces a CairnRequireMFA policy that is not Cairn's version", () => {
    const { account, secretsHeld } = applied((a) => {
      const developers = a.groups.find((g) => g.groupName === 'Developers')
      if (developers?.inlinePolicies)
        developers.inlinePolicies.CairnRequireMFA = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] }
    })
    const plan = planSetup(roles, account, { secretsHeld })
    expect(step(plan, 'inline-policy:Developers:CairnRequireMFA')).toMatchObject({ status: 'update', reason: expect.stringContaining("not Cairn's version") })
    expect(plan.summary.update).toBe(1)
  })

  it('takes the MFA policy as in place when its document could not be read', () => {
    const { account, secretsHeld } = applied((a) => {
      const developers = a.groups.find((g) => g.groupName === 'Developers')
      if (developers) developers.inlinePolicies = {}
    })
    expect(step(planSetup(roles, account, { secretsHeld }), 'inline-policy:Developers:CairnRequireMFA').status).toBe('exists')
  })

  it('treats a key-order difference in the MFA policy as the same policy', () => {
    const { account, secretsHeld } = applied((a) => {
      const developers = a.groups.find((g) => g.groupName === 'Developers')
      const [statement] = requireMfaPolicy.Statement
      if (developers?.inlinePolicies) {
        developers.inlinePolicies.CairnRequireMFA = {
          Statement: [{ Condition: statement.Condition, Resource: '*', NotAction: [...statement.NotAction], Effect: 'Deny', Sid: statement.Sid }],
          Version: '2012-10-17'
        }
      }
    })
    expect(step(planSetup(roles, account, { secretsHeld }), 'inline-policy:Developers:CairnRequireMFA').status).toBe('exists')
  })
})

describe('planSetup on a partly set-up account', () => {
  it('creates only what is missing after an interrupted apply', () => {
    const account = securedAccount({
      groups: [group('Finance', { attachedPolicies: [policy(policyArns.billing)] }), group('Developers')],
      users: [user('billing', { groups: ['Finance'] }), user('dev')]
    })
    const plan = planSetup(roles.slice(0, 2), account)
    expect(plan.steps.filter((s) => s.status === 'exists').map((s) => s.id)).toEqual([
      'group:Finance',
      `attach:Finance:${policyArns.billing}`,
      'user:billing',
      'membership:billing:Finance',
      'group:Developers',
      'user:dev'
    ])
    expect(plan.steps.filter((s) => s.status === 'create').map((s) => s.id)).toEqual([
      'login-profile:billing',
      `attach:Developers:${policyArns.powerUser}`,
      'inline-policy:Developers:CairnRequireMFA',
      'membership:dev:Developers',
      'login-profile:dev',
      'access-key:dev'
    ])
    expect(plan.summary).toEqual({ create: 6, exists: 6, update: 0, conflict: 0 })
  })

  it('puts the MFA policy on without waiting once the user has an MFA device', () => {
    const account = securedAccount({
      groups: [group('Developers', { attachedPolicies: [policy(policyArns.powerUser)] })],
      users: [user('dev', { mfaDevices: [`arn:aws:iam::${ACCOUNT}:mfa/dev`] })]
    })
    const mfaStep = step(planSetup([roles[1]!], account), 'inline-policy:Developers:CairnRequireMFA')
    expect(mfaStep.status).toBe('create')
    expect(mfaStep.deferredUntilMfa).toBeUndefined()
  })

  it("creates a key when the existing key's secret is not in the keychain", () => {
    const account = securedAccount({
      users: [user('dev', { accessKeys: [{ accessKeyId: 'AKIAOLDKEYEXAMPLE001', status: 'Active', createDate: daysAgo(3) }] })]
    })
    const keyStep = step(planSetup([roles[1]!], account), 'access-key:dev')
    expect(keyStep.status).toBe('create')
    expect(keyStep.reason).toBe('dev has access key AKIAOLDKEYEXAMPLE001, whose secret is not in your keychain; Cairn creates another.')
  })

  it("does not count an inactive key in the keychain as the role's key", () => {
    const account = securedAccount({ users: [user('dev', { accessKeys: [{ accessKeyId: keyIdOf('dev'), status: 'Inactive', createDate: daysAgo(3) }] })] })
    expect(step(planSetup([roles[1]!], account, { secretsHeld: { passwordUsers: [], accessKeyIds: [keyIdOf('dev')] } }), 'access-key:dev').status).toBe(
      'create'
    )
  })
})

describe('planSetup conflicts', () => {
  it('warns that an existing user in another group keeps that group, and still plans the membership', () => {
    const account = securedAccount({ users: [user('dev', { groups: ['Admins'] })] })
    const plan = planSetup([roles[1]!], account)
    expect(step(plan, 'membership:dev:Developers').status).toBe('create')
    expect(plan.conflicts).toEqual([
      {
        kind: 'user-in-other-group',
        role: 'dev',
        stepIds: ['membership:dev:Developers'],
        blocking: false,
        message: 'dev already exists and is in Admins. Cairn adds it to Developers and leaves that group alone, so dev keeps its permissions too.'
      }
    ])
  })

  it('warns about extra policies on a group and never removes them', () => {
    const account = securedAccount({
      groups: [
        group('Developers', {
          attachedPolicies: [policy(policyArns.powerUser), policy('arn:aws:iam::aws:policy/IAMFullAccess')],
          inlinePolicyNames: ['legacy']
        })
      ]
    })
    const plan = planSetup([roles[1]!], account)
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        kind: 'group-has-extra-policies',
        blocking: false,
        stepIds: ['group:Developers'],
        message: expect.stringContaining('Developers also has IAMFullAccess and inline policy legacy. Cairn leaves them in place')
      })
    ])
    expect(plan.steps.map((s) => s.action)).not.toContain('DetachGroupPolicy')
    expect(step(plan, 'group:Developers').status).toBe('exists')
  })

  it('blocks a key for a user that already has 2 keys Cairn does not hold', () => {
    const keys = [
      { accessKeyId: 'AKIAOLDKEYEXAMPLE001', status: 'Active' as const, createDate: daysAgo(3) },
      { accessKeyId: 'AKIAOLDKEYEXAMPLE002', status: 'Inactive' as const, createDate: daysAgo(2) }
    ]
    const plan = planSetup([roles[1]!], securedAccount({ users: [user('dev', { accessKeys: keys })] }))
    expect(step(plan, 'access-key:dev').status).toBe('conflict')
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        kind: 'access-key-quota',
        blocking: true,
        message: expect.stringContaining("dev already has 2 access keys (AKIAOLDKEYEXAMPLE001 and AKIAOLDKEYEXAMPLE002), IAM's limit")
      })
    ])
    expect(plan.summary.conflict).toBe(1)
  })

  it('needs no new key when one of 2 keys is in the keychain', () => {
    const keys = [
      { accessKeyId: 'AKIAOLDKEYEXAMPLE001', status: 'Active' as const, createDate: daysAgo(3) },
      { accessKeyId: keyIdOf('dev'), status: 'Active' as const, createDate: daysAgo(2) }
    ]
    const plan = planSetup([roles[1]!], securedAccount({ users: [user('dev', { accessKeys: keys })] }), {
      secretsHeld: { passwordUsers: [], accessKeyIds: [keyIdOf('dev')] }
    })
    expect(step(plan, 'access-key:dev')).toMatchObject({ status: 'exists', reason: `Access key ${keyIdOf('dev')} is in your keychain.` })
  })

  it('blocks attachments that would take a group past 10 managed policies', () => {
    const nine = Array.from({ length: 9 }, (_, i) => policy(`arn:aws:iam::${ACCOUNT}:policy/p${i}`))
    const spec = { ...roles[1]!, policyArns: [policyArns.powerUser, 'arn:aws:iam::aws:policy/ReadOnlyAccess'] }
    const plan = planSetup([spec], securedAccount({ groups: [group('Developers', { attachedPolicies: nine })] }))
    expect(plan.steps.filter((s) => s.action === 'AttachGroupPolicy').map((s) => s.status)).toEqual(['conflict', 'conflict'])
    expect(plan.conflicts.find((c) => c.kind === 'group-policy-quota')).toMatchObject({
      blocking: true,
      message:
        "Developers already has 9 managed policies; attaching 2 more would pass IAM's limit of 10 per group. Detach one it no longer needs, or choose fewer."
    })
  })

  it("uses the account's own quota when AWS raised it", () => {
    const nine = Array.from({ length: 9 }, (_, i) => policy(`arn:aws:iam::${ACCOUNT}:policy/p${i}`))
    const spec = { ...roles[1]!, policyArns: [policyArns.powerUser, 'arn:aws:iam::aws:policy/ReadOnlyAccess'] }
    const account = securedAccount({ groups: [group('Developers', { attachedPolicies: nine })] })
    account.summary.AttachedPoliciesPerGroupQuota = 20
    expect(planSetup([spec], account).conflicts.map((c) => c.kind)).not.toContain('group-policy-quota')
  })

  it('blocks a membership when the user is already in 10 groups', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `g${i}`)
    const plan = planSetup([roles[1]!], securedAccount({ users: [user('dev', { groups: ten })] }))
    expect(step(plan, 'membership:dev:Developers').status).toBe('conflict')
    expect(plan.conflicts.map((c) => c.kind)).toEqual(['user-in-other-group', 'groups-per-user-quota'])
  })

  it('leaves an existing console password alone and says Cairn does not know it', () => {
    const plan = planSetup([roles[1]!], securedAccount({ users: [user('dev', { hasLoginProfile: true })] }))
    expect(step(plan, 'login-profile:dev')).toMatchObject({ status: 'exists', reason: 'Has a console password that Cairn did not set.' })
    expect(plan.conflicts).toEqual([
      expect.objectContaining({ kind: 'login-profile-exists', blocking: false, message: expect.stringContaining('Cairn leaves it as it is') })
    ])
  })

  it('refuses a name that differs only by case from an existing one, and holds back what depends on it', () => {
    const account = securedAccount({ groups: [group('developers')], users: [user('DEV')] })
    const plan = planSetup([roles[1]!], account)
    expect(step(plan, 'group:Developers').status).toBe('conflict')
    expect(step(plan, 'user:dev').status).toBe('conflict')
    expect(plan.conflicts.filter((c) => c.kind === 'name-differs-by-case').map((c) => c.message)).toEqual([
      'A group named "developers" already exists, and IAM names ignore case, so "Developers" cannot be created. Use "developers" as the group name, or choose another name.',
      'A user named "DEV" already exists, and IAM names ignore case, so "dev" cannot be created. Use "DEV" as the user name, or choose another name.'
    ])
    for (const id of [
      `attach:Developers:${policyArns.powerUser}`,
      'inline-policy:Developers:CairnRequireMFA',
      'membership:dev:Developers',
      'login-profile:dev',
      'access-key:dev'
    ]) {
      expect(step(plan, id)).toMatchObject({ status: 'conflict', reason: expect.stringMatching(/^Waits on (group:Developers|user:dev), which conflicts\.$/) })
    }
    expect(plan.summary).toEqual({ create: 0, exists: 0, update: 0, conflict: 7 })
  })

  it('plans a group shared by two roles once', () => {
    const shared = [roles[1]!, { ...roles[2]!, groupName: 'Developers', policyArns: [policyArns.powerUser] }]
    const ids = planSetup(shared, securedAccount()).steps.map((s) => s.id)
    expect(ids.filter((id) => id === 'group:Developers')).toHaveLength(1)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('planSetup with a passkey as the only MFA device', () => {
  it('still waits with CairnRequireMFA: a passkey cannot answer the API calls the deny would refuse', () => {
    const passkey = `arn:aws:iam::${ACCOUNT}:u2f/user/dev/key-ABCDEFGHIJKLMNOP`
    const plan = planSetup(roles, securedAccount({ users: [user('dev', { mfaDevices: [passkey] })] }), {
      secretsHeld: { passwordUsers: [], accessKeyIds: [], mfaSerials: [] }
    })
    expect(plan.steps.find((s) => s.id === 'inline-policy:Developers:CairnRequireMFA')?.deferredUntilMfa).toBe(true)
    expect(plan.conflicts.find((c) => c.kind === 'mfa-device-found')).toMatchObject({ role: 'dev', blocking: false })
  })
})
