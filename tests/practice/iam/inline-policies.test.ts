import { describe, expect, it } from 'vitest'
import { expectAwsError, practiceAccount } from './practice-harness'

const DOC = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ChangePassword","Resource":"*"}]}'

function bigDocument(actions: number): string {
  const list = Array.from({ length: actions }, (_, i) => `"s3:Act${String(i).padStart(4, '0')}"`).join(',')
  return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[${list}],"Resource":"*"}]}`
}

describe.each([
  { kind: 'User', name: 'alice', create: 'CreateUser', param: 'UserName', missing: 'The user with name ghost cannot be found.' },
  { kind: 'Group', name: 'Devs', create: 'CreateGroup', param: 'GroupName', missing: 'The group with name ghost cannot be found.' }
])('$kind inline policies', ({ kind, name, create, param, missing }) => {
  async function withOwner() {
    const account = practiceAccount()
    await account.call(create, { [param]: name })
    return account
  }

  it('puts, gets (URL-encoded), lists and deletes', async () => {
    const account = await withOwner()
    await account.call(`Put${kind}Policy`, { [param]: name, PolicyName: 'self-service', PolicyDocument: DOC })
    const got = await account.call(`Get${kind}Policy`, { [param]: name, PolicyName: 'self-service' })
    expect(got[param]).toBe(name)
    expect(got.PolicyName).toBe('self-service')
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument))).toEqual(JSON.parse(DOC))
    expect(got.PolicyDocument).not.toContain('{')
    const listed = await account.call(`List${kind}Policies`, { [param]: name })
    expect(listed).toEqual({ PolicyNames: ['self-service'], IsTruncated: false })
    await account.call(`Delete${kind}Policy`, { [param]: name, PolicyName: 'self-service' })
    expect((await account.call(`List${kind}Policies`, { [param]: name })).PolicyNames).toEqual([])
  })

  it('replaces a policy put again under the same name', async () => {
    const account = await withOwner()
    await account.call(`Put${kind}Policy`, { [param]: name, PolicyName: 'p', PolicyDocument: DOC })
    const other = DOC.replace('iam:ChangePassword', 's3:ListBucket')
    await account.call(`Put${kind}Policy`, { [param]: name, PolicyName: 'p', PolicyDocument: other })
    const got = await account.call(`Get${kind}Policy`, { [param]: name, PolicyName: 'p' })
    expect(decodeURIComponent(got.PolicyDocument)).toContain('s3:ListBucket')
  })

  it(`answers NoSuchEntity as "The ${kind.toLowerCase()} policy with name X cannot be found."`, async () => {
    const account = await withOwner()
    const message = `The ${kind.toLowerCase()} policy with name nope cannot be found.`
    expectAwsError(await account.fail(`Get${kind}Policy`, { [param]: name, PolicyName: 'nope' }), 'NoSuchEntity', 404, message)
    expectAwsError(await account.fail(`Delete${kind}Policy`, { [param]: name, PolicyName: 'nope' }), 'NoSuchEntity', 404, message)
  })

  it('names a missing owner', async () => {
    const account = await withOwner()
    expectAwsError(await account.fail(`Put${kind}Policy`, { [param]: 'ghost', PolicyName: 'p', PolicyDocument: DOC }), 'NoSuchEntity', 404, missing)
  })

  it('refuses malformed documents and reports every invalid parameter at once', async () => {
    const account = await withOwner()
    expectAwsError(await account.fail(`Put${kind}Policy`, { [param]: name, PolicyName: 'p', PolicyDocument: 'not json' }), 'MalformedPolicyDocument', 400)
    const error = await account.fail(`Put${kind}Policy`, { [param]: name, PolicyName: 'bad name' })
    expectAwsError(error, 'ValidationError', 400, /^2 validation errors detected: .*'policyName'.*'policyDocument'/)
  })

  it("limits the total size of the owner's inline policies", async () => {
    const account = await withOwner()
    const limit = kind === 'User' ? 2048 : 5120
    const doc = bigDocument(Math.ceil(limit / 10))
    expectAwsError(
      await account.fail(`Put${kind}Policy`, { [param]: name, PolicyName: 'big', PolicyDocument: doc }),
      'LimitExceeded',
      409,
      `Maximum policy size of ${limit} bytes exceeded for ${kind.toLowerCase()} ${name}`
    )
  })
})
