import { describe, expect, it } from 'vitest'
import type { AccountRole } from '../../../src/main/audit/snapshot'
import { planRolesLayout } from '../../../src/main/setup/plan-roles-layout'
import { policyArns } from '../../../src/main/setup/roles'
import { defaultIamRoles, signInPolicy, trustPolicy } from '../../../src/main/setup/roles-layout'
import { checkSetup } from '../../../src/main/setup/setup-layout'
import { CairnError } from '../../../src/shared/errors'
import { ACCOUNT, daysAgo, group, policy, securedAccount, user } from '../audit/account-snapshot'

const signIn = { userName: 'me' }
const roles = defaultIamRoles({ includeAdmin: true })
const userArn = `arn:aws:iam::${ACCOUNT}:user/me`

function role(roleName: string, values: Partial<AccountRole> = {}): AccountRole {
  return {
    roleName,
    arn: `arn:aws:iam::${ACCOUNT}:role/${roleName}`,
    createDate: daysAgo(3),
    trustPolicy: trustPolicy(userArn),
    maxSessionDuration: 3600,
    attachedPolicies: [],
    inlinePolicyNames: [],
    ...values
  }
}

describe('planRolesLayout on a new account', () => {
  const plan = planRolesLayout(signIn, roles, securedAccount())

  it('makes the sign-in user first, then each role after it, with its trust policy, session and policy', () => {
    expect(plan.steps.map((s) => s.id)).toEqual([
      'group:People',
      'inline-policy:People:CairnSignIn',
      'user:me',
      'membership:me:People',
      'login-profile:me',
      'access-key:me',
      'role:billing',
      `attach-role:billing:${policyArns.billing}`,
      'role:dev',
      `attach-role:dev:${policyArns.powerUser}`,
      'role:ops',
      `attach-role:ops:${policyArns.systemAdministrator}`,
      'role:admin',
      `attach-role:admin:${policyArns.administrator}`
    ])
    expect(plan.summary).toEqual({ create: 14, exists: 0, update: 0, conflict: 0 })
    const dev = plan.steps.find((s) => s.id === 'role:dev')
    expect(dev).toMatchObject({ role: 'dev', action: 'CreateRole', dependsOn: ['user:me'], maxSessionDuration: 3600 })
    expect(JSON.parse(dev?.policyDocument ?? '')).toEqual(trustPolicy(userArn))
    // The person's own steps belong to the sign-in, not to a role.
    expect(plan.steps.filter((s) => s.role === 'sign-in').length).toBe(6)
  })

  it("gives the sign-in only self-service and AssumeRole on the plan's roles", () => {
    const put = plan.steps.find((s) => s.action === 'PutGroupPolicy')
    const roleArns = roles.map((spec) => `arn:aws:iam::${ACCOUNT}:role/${spec.roleName}`)
    expect(JSON.parse(put?.policyDocument ?? '')).toEqual(signInPolicy(userArn, roleArns, `arn:aws:iam::${ACCOUNT}:mfa/`))
    expect(put?.deferredUntilMfa).toBeUndefined()
    const statements = signInPolicy(userArn, roleArns, 'x').Statement as Array<{ Action: string | string[]; Resource: string | string[] }>
    expect(statements.find((s) => s.Action === 'sts:AssumeRole')?.Resource).toEqual(roleArns)
    expect(statements.flatMap((s) => [s.Action].flat()).some((action) => action === '*' || action.endsWith(':*'))).toBe(false)
  })

  it('names roles and users in the account partition', () => {
    const china = securedAccount({ caller: { arn: `arn:aws-cn:iam::${ACCOUNT}:user/admin`, isRoot: false, accessKeyId: 'AKIAADMINEXAMPLE0001' } })
    const planned = planRolesLayout(signIn, roles.slice(0, 1), china)
    expect(JSON.parse(planned.steps.find((s) => s.id === 'role:billing')?.policyDocument ?? '')).toEqual(trustPolicy(`arn:aws-cn:iam::${ACCOUNT}:user/me`))
  })
})

describe('planRolesLayout on an account that has some of it', () => {
  it('brings Cairn’s own roles up to date: a trust policy for another user, a longer session', () => {
    const account = securedAccount({
      users: [user('me', { groups: ['People'] })],
      groups: [group('People')],
      roles: [
        role('dev', { trustPolicy: trustPolicy(`arn:aws:iam::${ACCOUNT}:user/someone`), attachedPolicies: [policy(policyArns.powerUser)] }),
        role('ops', { maxSessionDuration: 7200, attachedPolicies: [policy(policyArns.systemAdministrator)] })
      ]
    })
    const plan = planRolesLayout(signIn, roles.slice(1, 3), account)
    expect(plan.steps.find((s) => s.id === 'trust:dev')).toMatchObject({ action: 'UpdateAssumeRolePolicy', status: 'update', dependsOn: ['role:dev'] })
    expect(plan.steps.find((s) => s.id === 'max-session:ops')).toMatchObject({ action: 'UpdateRole', status: 'update', maxSessionDuration: 3600 })
    expect(plan.steps.find((s) => s.id === 'max-session:ops')?.reason).toMatch(/may last 2 hours; the plan sets 1 hour/)
    expect(plan.conflicts).toEqual([])
  })

  it('blocks on a role whose trust policy is not Cairn’s and a role name that differs by case', () => {
    const service = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow' as const, Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]
    }
    const account = securedAccount({ roles: [role('dev', { trustPolicy: service }), role('OPS')] })
    const plan = planRolesLayout(signIn, roles.slice(1, 3), account)
    expect(plan.steps.find((s) => s.id === 'trust:dev')?.status).toBe('conflict')
    expect(plan.steps.find((s) => s.id === 'role:ops')?.status).toBe('conflict')
    expect(plan.steps.find((s) => s.id === `attach-role:ops:${policyArns.systemAdministrator}`)?.status).toBe('conflict')
    expect(plan.conflicts.map((c) => [c.role, c.kind, c.blocking])).toEqual([
      ['dev', 'role-trust-differs', true],
      ['ops', 'name-differs-by-case', true]
    ])
  })

  it('says what else a role has, and refuses to pass IAM’s policy quota', () => {
    const ten = Array.from({ length: 10 }, (_, i) => policy(`arn:aws:iam::${ACCOUNT}:policy/p${i}`))
    const account = securedAccount({ roles: [role('dev', { attachedPolicies: ten, inlinePolicyNames: ['Extra'] })] })
    const plan = planRolesLayout(signIn, roles.slice(1, 2), account)
    expect(plan.conflicts.map((c) => c.kind)).toEqual(['role-policy-quota', 'role-has-extra-policies'])
    expect(plan.conflicts[1]?.message).toMatch(/inline policy Extra/)
  })

  it('notes the guide’s users and plans nothing about them', () => {
    const account = securedAccount({ users: [user('billing'), user('dev'), user('ops')] })
    const plan = planRolesLayout(signIn, roles, account)
    const note = plan.conflicts.find((c) => c.kind === 'moving-from-users')
    expect(note).toMatchObject({ role: 'sign-in', blocking: false, stepIds: [] })
    expect(note?.message).toMatch(/billing, dev and ops/)
    expect(plan.steps.some((s) => ['billing', 'dev', 'ops'].includes(s.target.userName ?? ''))).toBe(false)
  })
})

describe('checkSetup for the roles layout', () => {
  const problems = (setup: Parameters<typeof checkSetup>[0]) => {
    try {
      checkSetup(setup)
      return []
    } catch (error) {
      return (error as CairnError).issues ?? []
    }
  }

  it('names each field AWS would refuse', () => {
    const issues = problems({
      layout: 'roles',
      signIn: { userName: 'my self' },
      roles: [
        { role: 'dev', roleName: 'dev', policyArns: [], maxSessionHours: 1 },
        { role: 'ops', roleName: 'DEV', policyArns: ['PowerUser'], maxSessionHours: 1 }
      ]
    })
    expect(issues.map((issue) => issue.path)).toEqual(['signIn.userName', 'roles.0.policyArns', 'roles.1.roleName', 'roles.1.policyArns'])
    expect(issues[0]?.message).toMatch(/a space/)
    expect(issues[2]?.message).toMatch(/IAM ignores case/)
  })

  it('accepts the defaults', () => {
    expect(problems({ layout: 'roles', signIn, roles })).toEqual([])
  })
})

describe('MFA devices made outside Cairn, in either layout', () => {
  const held = { passwordUsers: [], accessKeyIds: [], mfaSerials: [] as string[] }
  const phone = `arn:aws:iam::${ACCOUNT}:mfa/me-phone`
  const passkey = `arn:aws:iam::${ACCOUNT}:u2f/user/me/key-ABCDEFGHIJKLMNOP`
  const notes = (mfaDevices: string[], secretsHeld = held) =>
    planRolesLayout(signIn, roles, securedAccount({ users: [user('me', { mfaDevices })] }), { secretsHeld }).conflicts.filter(
      (c) => c.kind === 'mfa-device-found'
    )

  it('says apply will use the one device that can back sessions', () => {
    const [note] = notes([phone])
    expect(note).toMatchObject({ role: 'sign-in', blocking: false, stepIds: ['user:me'] })
    expect(note?.message).toMatch(/already has the MFA device .*me-phone.*Apply records it/)
  })

  it('says passkeys work only in the console, and asks which of several devices', () => {
    expect(notes([passkey])[0]?.message).toMatch(/passkey or security key.*authenticator app/)
    expect(notes([phone, `arn:aws:iam::${ACCOUNT}:mfa/me-tablet`])[0]?.message).toMatch(/has 2 MFA devices.*choose the one/)
  })

  it('says nothing once the keychain names a device, or when the caller did not say what it holds', () => {
    expect(notes([phone], { ...held, mfaSerials: [phone] })).toEqual([])
    expect(planRolesLayout(signIn, roles, securedAccount({ users: [user('me', { mfaDevices: [phone] })] })).conflicts).toEqual([])
  })
})
