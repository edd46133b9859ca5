import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  GetGroupCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupsForUserCommand,
  UpdateGroupCommand
} from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { practiceSuite, sdkFailure } from '../practice-clients'
import { ACCOUNT_ID, ADMIN_ARN, START, expectAwsError, practiceAccount } from './practice-harness'

const names = (list: Array<{ UserName?: string; GroupName?: string }>) => list.map((e) => e.UserName ?? e.GroupName)

describe('CreateGroup', () => {
  it('creates a group with an AGPA id and its ARN', async () => {
    const account = practiceAccount()
    const { Group } = await account.call('CreateGroup', { GroupName: 'Developers' })
    expect(Group).toMatchObject({
      Path: '/',
      GroupName: 'Developers',
      Arn: `arn:aws:iam::${ACCOUNT_ID}:group/Developers`,
      CreateDate: START
    })
    expect(Group.GroupId).toMatch(/^AGPA[A-Z0-9]{17}$/)
  })

  it('refuses a name that exists in any letter case', async () => {
    const account = practiceAccount()
    await account.call('CreateGroup', { GroupName: 'Developers' })
    expectAwsError(await account.fail('CreateGroup', { GroupName: 'developers' }), 'EntityAlreadyExists', 409, 'Group with name developers already exists.')
  })

  it('refuses names over 128 characters', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('CreateGroup', { GroupName: 'g'.repeat(129) }), 'ValidationError', 400, /at 'groupName'/)
  })

  it('stops at 300 groups', async () => {
    const account = practiceAccount()
    for (let i = 0; i < 300; i++) await account.call('CreateGroup', { GroupName: `g${i}` })
    expectAwsError(await account.fail('CreateGroup', { GroupName: 'g300' }), 'LimitExceeded', 409, 'Cannot exceed quota for GroupsPerAccount: 300')
  })
})

describe('GetGroup', () => {
  it('returns the group and its members', async () => {
    const account = practiceAccount()
    await account.call('CreateGroup', { GroupName: 'Developers' })
    for (const user of ['dev-b', 'dev-a', 'ops']) await account.call('CreateUser', { UserName: user })
    await account.call('AddUserToGroup', { GroupName: 'Developers', UserName: 'dev-b' })
    await account.call('AddUserToGroup', { GroupName: 'developers', UserName: 'dev-a' })
    const result = await account.call('GetGroup', { GroupName: 'Developers' })
    expect(result.Group.GroupName).toBe('Developers')
    expect(names(result.Users)).toEqual(['dev-a', 'dev-b'])
    expect(result.IsTruncated).toBe(false)
  })

  it('returns an empty member list for an empty group', async () => {
    const account = practiceAccount()
    await account.call('CreateGroup', { GroupName: 'Empty' })
    expect((await account.call('GetGroup', { GroupName: 'Empty' })).Users).toEqual([])
  })

  it('answers NoSuchEntity in AWS words', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('GetGroup', { GroupName: 'Nope' }), 'NoSuchEntity', 404, 'The group with name Nope cannot be found.')
  })

  it('does not see a group younger than the consistency delay', async () => {
    const account = practiceAccount({ consistencyDelayMs: 2000 })
    await account.call('CreateGroup', { GroupName: 'Fresh' })
    expectAwsError(await account.fail('GetGroup', { GroupName: 'Fresh' }), 'NoSuchEntity', 404)
    expect((await account.call('ListGroups')).Groups).toEqual([])
    account.advance(2000)
    expect((await account.call('GetGroup', { GroupName: 'Fresh' })).Group.GroupName).toBe('Fresh')
  })
})

describe('ListGroups', () => {
  it('lists by name, filtered by path prefix, in pages', async () => {
    const account = practiceAccount()
    await account.call('CreateGroup', { GroupName: 'Operations', Path: '/ops/' })
    await account.call('CreateGroup', { GroupName: 'Billing' })
    await account.call('CreateGroup', { GroupName: 'Developers' })
    expect(names((await account.call('ListGroups')).Groups)).toEqual(['Billing', 'Developers', 'Operations'])
    expect(names((await account.call('ListGroups', { PathPrefix: '/ops/' })).Groups)).toEqual(['Operations'])
    const page = await account.call('ListGroups', { MaxItems: '1' })
    expect(page).toMatchObject({ IsTruncated: true })
    const rest = await account.call('ListGroups', { Marker: page.Marker })
    expect(names(rest.Groups)).toEqual(['Developers', 'Operations'])
  })

  it('refuses MaxItems outside 1-1000', async () => {
    const account = practiceAccount()
    expectAwsError(
      await account.fail('ListGroups', { MaxItems: '1001' }),
      'ValidationError',
      400,
      "1 validation error detected: Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"
    )
  })
})

describe('DeleteGroup', () => {
  it('refuses while members, inline policies or attached policies remain', async () => {
    const account = practiceAccount()
    await account.call('CreateGroup', { GroupName: 'Developers' })
    await account.call('CreateUser', { UserName: 'dev' })
    await account.call('AddUserToGroup', { GroupName: 'Developers', UserName: 'dev' })
    await account.call('AttachGroupPolicy', { GroupName: 'Developers', PolicyArn: ADMIN_ARN })
    await account.call('PutGroupPolicy', {
      GroupName: 'Developers',
      PolicyName: 'extra',
      PolicyDocument: '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}}'
    })
    const conflict = async (message: string) => expectAwsError(await account.fail('DeleteGroup', { GroupName: 'Developers' }), 'DeleteConflict', 409, message)
    await conflict('Cannot delete entity, must remove users from group first.')
    await account.call('RemoveUserFromGroup', { GroupName: 'Developers', UserName: 'dev' })
    await conflict('Cannot delete entity, must delete policies first.')
    await account.call('DeleteGroupPolicy', { GroupName: 'Developers', PolicyName: 'extra' })
    await conflict('Cannot delete entity, must detach all policies first.')
    await account.call('DetachGroupPolicy', { GroupName: 'Developers', PolicyArn: ADMIN_ARN })
    await account.call('DeleteGroup', { GroupName: 'Developers' })
    expect(account.state.groups).toEqual({})
  })

  it('answers NoSuchEntity for an unknown group', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('DeleteGroup', { GroupName: 'Nope' }), 'NoSuchEntity', 404)
  })

  it('is authorized against the group ARN', async () => {
    const account = practiceAccount()
    await account.call('CreateGroup', { GroupName: 'Ops', Path: '/ops/' })
    expect(account.resource('DeleteGroup', { GroupName: 'ops' })).toBe(`arn:aws:iam::${ACCOUNT_ID}:group/ops/Ops`)
    expect(account.resource('ListGroups')).toBe(`arn:aws:iam::${ACCOUNT_ID}:group/`)
  })
})

describe('UpdateGroup through the AWS SDK', () => {
  const suite = practiceSuite()

  it('renames and moves a group: same id, members and policies, new name, path and ARN', async () => {
    const created = (await suite.iam.send(new CreateGroupCommand({ GroupName: 'Managers' }))).Group!
    await suite.iam.send(new CreateUserCommand({ UserName: 'mia' }))
    await suite.iam.send(new AddUserToGroupCommand({ UserName: 'mia', GroupName: 'Managers' }))
    await suite.iam.send(new AttachGroupPolicyCommand({ GroupName: 'Managers', PolicyArn: ADMIN_ARN }))
    await suite.iam.send(new UpdateGroupCommand({ GroupName: 'Managers', NewGroupName: 'MGRs', NewPath: '/org/' }))

    const group = await suite.iam.send(new GetGroupCommand({ GroupName: 'mgrs' }))
    expect(group.Group).toMatchObject({
      GroupName: 'MGRs',
      Path: '/org/',
      GroupId: created.GroupId,
      Arn: `arn:aws:iam::${suite.server.accountId}:group/org/MGRs`
    })
    expect(group.Users!.map((u) => u.UserName)).toEqual(['mia'])
    expect((await suite.iam.send(new ListGroupsForUserCommand({ UserName: 'mia' }))).Groups!.map((g) => g.GroupName)).toEqual(['MGRs'])
    expect((await suite.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'MGRs' }))).AttachedPolicies!.map((p) => p.PolicyArn)).toEqual([ADMIN_ARN])
    expect(await sdkFailure(suite.iam.send(new GetGroupCommand({ GroupName: 'Managers' })))).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The group with name Managers cannot be found.'
    })
  })

  it('refuses a name another group has, in any case, a missing group and a bad NewPath', async () => {
    await suite.iam.send(new CreateGroupCommand({ GroupName: 'Auditors' }))
    expect(await sdkFailure(suite.iam.send(new UpdateGroupCommand({ GroupName: 'Auditors', NewGroupName: 'mgrs' })))).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'Group with name mgrs already exists.'
    })
    expect(await sdkFailure(suite.iam.send(new UpdateGroupCommand({ GroupName: 'Nobody', NewGroupName: 'Somebody' })))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The group with name Nobody cannot be found.'
    })
    expect(await sdkFailure(suite.iam.send(new UpdateGroupCommand({ GroupName: 'Auditors', NewPath: '/no-end' })))).toMatchObject({
      code: 'ValidationError',
      message: 'The specified value for newPath is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.'
    })
  })
})
