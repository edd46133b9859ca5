import { describe, expect, it } from 'vitest'
import { expectAwsError, practiceAccount } from './practice-harness'

async function withUserAndGroup() {
  const account = practiceAccount()
  await account.call('CreateUser', { UserName: 'dev' })
  await account.call('CreateGroup', { GroupName: 'Developers' })
  return account
}

describe('AddUserToGroup', () => {
  it('adds a member once, however often it is asked', async () => {
    const account = await withUserAndGroup()
    await account.call('AddUserToGroup', { GroupName: 'Developers', UserName: 'dev' })
    await account.call('AddUserToGroup', { GroupName: 'developers', UserName: 'DEV' })
    expect(account.state.users['dev']!.groups).toEqual(['developers'])
  })

  it('names the missing group or user', async () => {
    const account = await withUserAndGroup()
    expectAwsError(
      await account.fail('AddUserToGroup', { GroupName: 'Nope', UserName: 'dev' }),
      'NoSuchEntity',
      404,
      'The group with name Nope cannot be found.'
    )
    expectAwsError(
      await account.fail('AddUserToGroup', { GroupName: 'Developers', UserName: 'ghost' }),
      'NoSuchEntity',
      404,
      'The user with name ghost cannot be found.'
    )
  })

  it('stops at 10 groups per user', async () => {
    const account = await withUserAndGroup()
    for (let i = 0; i < 10; i++) {
      await account.call('CreateGroup', { GroupName: `g${i}` })
      await account.call('AddUserToGroup', { GroupName: `g${i}`, UserName: 'dev' })
    }
    expectAwsError(
      await account.fail('AddUserToGroup', { GroupName: 'Developers', UserName: 'dev' }),
      'LimitExceeded',
      409,
      'Cannot exceed quota for GroupsPerUser: 10'
    )
  })
})

describe('RemoveUserFromGroup', () => {
  it('removes a member, and succeeds for a non-member', async () => {
    const account = await withUserAndGroup()
    await account.call('AddUserToGroup', { GroupName: 'Developers', UserName: 'dev' })
    await account.call('RemoveUserFromGroup', { GroupName: 'Developers', UserName: 'dev' })
    expect(account.state.users['dev']!.groups).toEqual([])
    await account.call('RemoveUserFromGroup', { GroupName: 'Developers', UserName: 'dev' })
  })
})

describe('ListGroupsForUser', () => {
  it("lists the user's groups by name", async () => {
    const account = await withUserAndGroup()
    await account.call('CreateGroup', { GroupName: 'Billing' })
    await account.call('AddUserToGroup', { GroupName: 'Developers', UserName: 'dev' })
    await account.call('AddUserToGroup', { GroupName: 'Billing', UserName: 'dev' })
    const { Groups, IsTruncated } = await account.call('ListGroupsForUser', { UserName: 'dev' })
    expect(Groups.map((g: { GroupName: string }) => g.GroupName)).toEqual(['Billing', 'Developers'])
    expect(IsTruncated).toBe(false)
  })

  it('answers NoSuchEntity for an unknown user', async () => {
    const account = await withUserAndGroup()
    expectAwsError(await account.fail('ListGroupsForUser', { UserName: 'ghost' }), 'NoSuchEntity', 404)
  })
})
