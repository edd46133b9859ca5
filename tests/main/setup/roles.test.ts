import { describe, expect, it } from 'vitest'
import { defaultRoles, policyArnsIn, rolesInPartition, validateRoles, type RoleSpec } from '../../../src/main/setup/roles'

const valid = () => defaultRoles({ includeAdmin: true })

function withChange(role: RoleSpec['role'], change: Partial<RoleSpec>): RoleSpec[] {
  return valid().map((spec) => (spec.role === role ? { ...spec, ...change } : spec))
}

describe('the default roles in other partitions', () => {
  it('use AWS China’s ARNs for an account in aws-cn', () => {
    expect(defaultRoles({ includeAdmin: true, partition: 'aws-cn' }).map((r) => r.policyArns)).toEqual([
      ['arn:aws-cn:iam::aws:policy/job-function/Billing'],
      ['arn:aws-cn:iam::aws:policy/PowerUserAccess'],
      ['arn:aws-cn:iam::aws:policy/job-function/SystemAdministrator'],
      ['arn:aws-cn:iam::aws:policy/AdministratorAccess']
    ])
    expect(validateRoles(defaultRoles({ includeAdmin: true, partition: 'aws-cn' }))).toEqual([])
  })

  it('use GovCloud’s ARNs for an account in aws-us-gov', () => {
    expect(policyArnsIn('aws-us-gov')).toEqual({
      billing: 'arn:aws-us-gov:iam::aws:policy/job-function/Billing',
      powerUser: 'arn:aws-us-gov:iam::aws:policy/PowerUserAccess',
      systemAdministrator: 'arn:aws-us-gov:iam::aws:policy/job-function/SystemAdministrator',
      administrator: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess'
    })
  })

  it('move roles chosen with arn:aws: policies to the account’s partition, and nothing else about them', () => {
    const chosen = withChange('dev', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/Readers'] })
    const moved = rolesInPartition(chosen, 'aws-cn')
    expect(moved.find((r) => r.role === 'dev')?.policyArns).toEqual(['arn:aws-cn:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/Readers'])
    expect(moved.map(({ policyArns: _arns, ...rest }) => rest)).toEqual(chosen.map(({ policyArns: _arns, ...rest }) => rest))
    expect(rolesInPartition(defaultRoles({ includeAdmin: true }), 'aws-cn')).toEqual(defaultRoles({ includeAdmin: true, partition: 'aws-cn' }))
  })
})

describe('defaultRoles', () => {
  it('follows the article: billing in Finance with Billing, console only', () => {
    const [billing] = defaultRoles({ includeAdmin: false })
    expect(billing).toEqual({
      role: 'billing',
      userName: 'billing',
      groupName: 'Finance',
      policyArns: ['arn:aws:iam::aws:policy/job-function/Billing'],
      consoleAccess: { enabled: true, passwordResetRequired: false },
      accessKey: false,
      requireMfaForApi: false
    })
  })

  it('gives dev and ops console access, an access key and MFA-backed API calls', () => {
    const roles = defaultRoles({ includeAdmin: false })
    expect(roles.map((r) => [r.role, r.userName, r.groupName, r.policyArns])).toEqual([
      ['billing', 'billing', 'Finance', ['arn:aws:iam::aws:policy/job-function/Billing']],
      ['dev', 'dev', 'Developers', ['arn:aws:iam::aws:policy/PowerUserAccess']],
      ['ops', 'ops', 'Operations', ['arn:aws:iam::aws:policy/job-function/SystemAdministrator']]
    ])
    for (const spec of roles.slice(1)) expect(spec).toMatchObject({ consoleAccess: { enabled: true }, accessKey: true, requireMfaForApi: true })
  })

  it('adds admin in Administrators with AdministratorAccess, console only, when asked', () => {
    expect(defaultRoles({ includeAdmin: true })[3]).toMatchObject({
      role: 'admin',
      userName: 'admin',
      groupName: 'Administrators',
      policyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'],
      accessKey: false,
      requireMfaForApi: false
    })
  })

  it('hands out fresh objects, so editing one plan does not change the defaults', () => {
    const first = defaultRoles({ includeAdmin: false })
    first[0]?.policyArns.push('x')
    if (first[0]) first[0].consoleAccess.enabled = false
    expect(defaultRoles({ includeAdmin: false })[0]).toMatchObject({
      policyArns: ['arn:aws:iam::aws:policy/job-function/Billing'],
      consoleAccess: { enabled: true }
    })
  })
})

describe('validateRoles', () => {
  it('accepts the default roles', () => {
    expect(validateRoles(valid())).toEqual([])
  })

  it('rejects characters IAM does not allow in names, naming them', () => {
    expect(validateRoles(withChange('dev', { userName: 'dev team!' }))).toEqual([
      { role: 'dev', field: 'userName', message: 'Use only letters, digits and + = , . @ _ - in the user name; "dev team!" has a space, "!".' }
    ])
    expect(validateRoles(withChange('ops', { groupName: 'Opérations' }))[0]).toMatchObject({ role: 'ops', field: 'groupName' })
  })

  it('allows every character AWS allows', () => {
    expect(validateRoles(withChange('dev', { userName: 'dev+ci=1,a.b@c_d-e' }))).toEqual([])
  })

  it('enforces 64 characters for user names and 128 for group names', () => {
    expect(validateRoles(withChange('dev', { userName: 'd'.repeat(64), groupName: 'G'.repeat(128) }))).toEqual([])
    const problems = validateRoles(withChange('dev', { userName: 'd'.repeat(65), groupName: 'G'.repeat(129) }))
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ['userName', 'Shorten the user name to 64 characters or fewer (it has 65).'],
      ['groupName', 'Shorten the group name to 128 characters or fewer (it has 129).']
    ])
  })

  it('asks for a name when one is empty', () => {
    expect(validateRoles(withChange('dev', { userName: '' }))[0]?.message).toBe('Give the user a name.')
  })

  it('finds names that clash once case is ignored, as IAM ignores it', () => {
    const problems = validateRoles(withChange('ops', { userName: 'DEV', groupName: 'developers' }))
    expect(problems).toEqual([
      { role: 'ops', field: 'userName', message: 'The dev role already uses the user name "DEV" (IAM ignores case); choose another.' },
      { role: 'ops', field: 'groupName', message: 'The dev role already uses the group "developers" (IAM ignores case); give each role its own group.' }
    ])
  })

  it('allows a user and a group to share a name, as IAM does', () => {
    expect(validateRoles(withChange('dev', { userName: 'Developers' }))).toEqual([])
  })

  it('limits a group to 10 managed policies', () => {
    const arns = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`)
    expect(validateRoles(withChange('dev', { policyArns: arns }))).toEqual([
      { role: 'dev', field: 'policyArns', message: 'A group can have at most 10 managed policies; remove 1.' }
    ])
    expect(validateRoles(withChange('dev', { policyArns: arns.slice(0, 10) }))).toEqual([])
  })

  it('rejects something that is not a policy ARN, and a policy listed twice', () => {
    const problems = validateRoles(
      withChange('dev', { policyArns: ['PowerUserAccess', 'arn:aws:iam::aws:policy/PowerUserAccess', 'arn:aws:iam::aws:policy/PowerUserAccess'] })
    )
    expect(problems.map((p) => p.message)).toEqual([
      'A policy is listed twice; keep one.',
      '"PowerUserAccess" is not a policy ARN; pick the policy from the list.'
    ])
  })

  it('rejects a role nobody could use, and a role listed twice', () => {
    const roles = withChange('billing', { consoleAccess: { enabled: false, passwordResetRequired: false }, accessKey: false })
    expect(validateRoles(roles)[0]).toMatchObject({ role: 'billing', field: 'consoleAccess' })
    const twice = [...valid(), { ...valid()[0]!, userName: 'billing2', groupName: 'Finance2' }]
    expect(validateRoles(twice)).toEqual([{ role: 'billing', field: 'role', message: 'The billing role is listed twice; keep one.' }])
  })
})
