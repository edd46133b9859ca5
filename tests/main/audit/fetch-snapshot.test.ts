import { describe, expect, it } from 'vitest'
import { fetchSnapshot } from '../../../src/main/audit/fetch-snapshot'
import { requireMfaPolicy } from '../../../src/main/setup/mfa-policy'
import { ACCOUNT, answerFor, type FakeAccount } from './canned-account'
import { cannedAws, failure, type CannedCall } from './canned-aws'

const admin = 'arn:aws:iam::aws:policy/AdministratorAccess'
const powerUser = 'arn:aws:iam::aws:policy/PowerUserAccess'
const custom = `arn:aws:iam::${ACCOUNT}:policy/GodMode`
const everything = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }

const account: FakeAccount = {
  users: [
    { name: 'bootstrap', attached: [admin], inline: { 'note%100': everything } },
    {
      name: 'dev',
      groups: ['Developers'],
      mfa: [`arn:aws:iam::${ACCOUNT}:mfa/dev`],
      keys: [
        { id: 'AKIADEVEXAMPLE000001', status: 'Active' },
        { id: 'AKIADEVEXAMPLE000002', status: 'Inactive' }
      ],
      loginProfile: true
    }
  ],
  groups: [
    { name: 'Developers', attached: [powerUser], inline: { CairnRequireMFA: requireMfaPolicy } },
    { name: 'Gods', attached: [custom] }
  ],
  customerPolicies: { [custom]: everything }
}

const now = () => new Date('2025-06-01T00:00:00Z')
const noSleep = async () => {}

describe('fetchSnapshot', () => {
  it('reads identity, summary, password policy, report, users, groups and policy documents', async () => {
    const aws = cannedAws(answerFor(account))
    const snapshot = await fetchSnapshot(aws, { now, sleep: noSleep })

    expect(snapshot.accountId).toBe(ACCOUNT)
    expect(snapshot.caller).toEqual({ arn: `arn:aws:iam::${ACCOUNT}:root`, isRoot: true, accessKeyId: 'AKIAIOSFODNN7EXAMPLE' })
    expect(snapshot.summary).toMatchObject({ AccountMFAEnabled: 0, AccountAccessKeysPresent: 1, Users: 2 })
    expect(snapshot.passwordPolicy).toBeNull()
    expect(snapshot.credentialReport?.map((row) => row.user)).toEqual(['<root_account>', 'dev'])
    expect(snapshot.billingAccess).toBe('unknown')
    expect(snapshot.now).toEqual(now())

    const dev = snapshot.users.find((u) => u.userName === 'dev')
    expect(dev).toEqual({
      userName: 'dev',
      arn: `arn:aws:iam::${ACCOUNT}:user/dev`,
      createDate: '2025-01-01T00:00:00.000Z',
      groups: ['Developers'],
      attachedPolicies: [],
      inlinePolicyNames: [],
      inlinePolicies: {},
      mfaDevices: [`arn:aws:iam::${ACCOUNT}:mfa/dev`],
      accessKeys: [
        { accessKeyId: 'AKIADEVEXAMPLE000001', status: 'Active', createDate: '2025-01-01T00:00:00.000Z' },
        { accessKeyId: 'AKIADEVEXAMPLE000002', status: 'Inactive', createDate: '2025-01-01T00:00:00.000Z' }
      ],
      hasLoginProfile: true
    })
    const bootstrap = snapshot.users.find((u) => u.userName === 'bootstrap')
    expect(bootstrap).toMatchObject({ attachedPolicies: [{ policyName: 'AdministratorAccess', policyArn: admin }], hasLoginProfile: false })
    // IAM URL-encodes documents; a name with '%' must survive the round trip.
    expect(bootstrap?.inlinePolicies?.['note%100']).toEqual(everything)

    const developers = snapshot.groups.find((g) => g.groupName === 'Developers')
    expect(developers).toMatchObject({ attachedPolicies: [{ policyName: 'PowerUserAccess', policyArn: powerUser }], inlinePolicyNames: ['CairnRequireMFA'] })
    expect(developers?.inlinePolicies?.CairnRequireMFA).toEqual(requireMfaPolicy)
    expect(snapshot.customerPolicies).toEqual({ [custom]: everything })
  })

  it('fetches customer managed policy documents once each and never AWS managed ones', async () => {
    const shared: FakeAccount = { ...account, groups: [...account.groups, { name: 'MoreGods', attached: [custom, powerUser] }] }
    const aws = cannedAws(answerFor(shared))
    await fetchSnapshot(aws, { now, sleep: noSleep })
    const policyCalls = aws.calls.filter((c) => c.action === 'GetPolicy' || c.action === 'GetPolicyVersion')
    expect(policyCalls.map((c) => [c.action, c.params.get('PolicyArn')])).toEqual([
      ['GetPolicy', custom],
      ['GetPolicyVersion', custom]
    ])
  })

  it('follows every page of a truncated list', async () => {
    const many: FakeAccount = { users: Array.from({ length: 5 }, (_, i) => ({ name: `user${i}` })), groups: [], usersPerPage: 2 }
    const aws = cannedAws(answerFor(many))
    const snapshot = await fetchSnapshot(aws, { now, sleep: noSleep })
    expect(snapshot.users.map((u) => u.userName)).toEqual(['user0', 'user1', 'user2', 'user3', 'user4'])
    expect(aws.calls.filter((c) => c.action === 'ListUsers').map((c) => c.params.get('Marker'))).toEqual([null, '2', '4'])
  })

  it('reads the password policy when there is one', async () => {
    const aws = cannedAws(answerFor({ ...account, passwordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 } }))
    const snapshot = await fetchSnapshot(aws, { now, sleep: noSleep })
    expect(snapshot.passwordPolicy).toMatchObject({ MinimumPasswordLength: 14, RequireSymbols: true, PasswordReusePrevention: 24 })
  })

  it('tells an IAM user caller from root', async () => {
    const aws = cannedAws(answerFor({ ...account, callerArn: `arn:aws:iam::${ACCOUNT}:user/bootstrap` }))
    const snapshot = await fetchSnapshot(aws, { now, sleep: noSleep })
    expect(snapshot.caller.isRoot).toBe(false)
  })

  it('runs independent calls at the same time, but never more than the limit per entity', async () => {
    const many: FakeAccount = { users: Array.from({ length: 20 }, (_, i) => ({ name: `user${i}`, loginProfile: true })), groups: [] }
    const answer = answerFor(many)
    const perEntity = new Set(['ListGroupsForUser', 'ListAttachedUserPolicies', 'ListUserPolicies', 'ListMFADevices', 'ListAccessKeys', 'GetLoginProfile'])
    let inFlight = 0
    let perEntityInFlight = 0
    let maxInFlight = 0
    let maxPerEntity = 0
    const aws = cannedAws(async (call: CannedCall) => {
      inFlight++
      if (perEntity.has(call.action)) perEntityInFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      maxPerEntity = Math.max(maxPerEntity, perEntityInFlight)
      await new Promise((resolve) => setTimeout(resolve, 5))
      inFlight--
      if (perEntity.has(call.action)) perEntityInFlight--
      return answer(call)
    })
    const snapshot = await fetchSnapshot(aws, { now, sleep: noSleep, concurrency: 8 })
    expect(snapshot.users).toHaveLength(20)
    expect(maxInFlight).toBeGreaterThanOrEqual(6)
    expect(maxPerEntity).toBe(8)
  })

  it('leaves out a user deleted while the scan ran', async () => {
    const answer = answerFor(account)
    const aws = cannedAws((call) =>
      call.params.get('UserName') === 'bootstrap' ? failure(404, 'NoSuchEntity', 'The user with name bootstrap cannot be found.') : answer(call)
    )
    const snapshot = await fetchSnapshot(aws, { now, sleep: noSleep })
    expect(snapshot.users.map((u) => u.userName)).toEqual(['dev'])
  })

  it("fails the scan with AWS's error when the caller may not read IAM", async () => {
    const answer = answerFor(account)
    const aws = cannedAws((call) =>
      call.action === 'ListUsers'
        ? failure(403, 'AccessDenied', `User: arn:aws:iam::${ACCOUNT}:user/x is not authorized to perform: iam:ListUsers`)
        : answer(call)
    )
    await expect(fetchSnapshot(aws, { now, sleep: noSleep })).rejects.toMatchObject({ name: 'AccessDenied' })
  })

  it('asks the billing probe when there is one', async () => {
    const aws = cannedAws(answerFor(account))
    const snapshot = await fetchSnapshot(aws, { now, sleep: noSleep, billingAccess: async () => 'on' })
    expect(snapshot.billingAccess).toBe('on')
  })
})
