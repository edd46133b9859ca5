import { describe, expect, it } from 'vitest'
import { ACCOUNT_ID, ADMIN_ARN, START, expectAwsError, practiceAccount } from './practice-harness'

describe('CreateUser', () => {
  it('creates a user with an AIDA id, the ARN for its path and the creation time', async () => {
    const account = practiceAccount()
    const { User } = await account.call('CreateUser', { UserName: 'alice', Path: '/dev/' })
    expect(User).toMatchObject({
      Path: '/dev/',
      UserName: 'alice',
      Arn: `arn:aws:iam::${ACCOUNT_ID}:user/dev/alice`,
      CreateDate: START
    })
    expect(User.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/)
    expect(User.Tags).toBeUndefined()
    expect(account.dirtyCount).toBe(1)
  })

  it('returns the tags it was given', async () => {
    const account = practiceAccount()
    const { User } = await account.call('CreateUser', {
      UserName: 'bob',
      'Tags.member.1.Key': 'team',
      'Tags.member.1.Value': 'billing'
    })
    expect(User.Tags).toEqual([{ Key: 'team', Value: 'billing' }])
  })

  it('refuses a name that exists in any letter case', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice' })
    const error = await account.fail('CreateUser', { UserName: 'ALICE' })
    expectAwsError(error, 'EntityAlreadyExists', 409, 'User with name ALICE already exists.')
  })

  it('refuses names longer than 64 characters or outside [\\w+=,.@-]', async () => {
    const account = practiceAccount()
    expectAwsError(
      await account.fail('CreateUser', { UserName: 'a'.repeat(65) }),
      'ValidationError',
      400,
      `1 validation error detected: Value '${'a'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64`
    )
    expectAwsError(
      await account.fail('CreateUser', { UserName: 'bad name' }),
      'ValidationError',
      400,
      "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+"
    )
    expectAwsError(
      await account.fail('CreateUser', {}),
      'ValidationError',
      400,
      "1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null"
    )
  })

  it('refuses a malformed path', async () => {
    const account = practiceAccount()
    const error = await account.fail('CreateUser', { UserName: 'alice', Path: 'dev' })
    expectAwsError(error, 'ValidationError', 400, /at 'path' failed to satisfy constraint/)
  })

  it('stops at the 5000-user quota', async () => {
    const account = practiceAccount()
    for (let i = 0; i < 5000; i++) {
      account.state.users[`u${i}`] = { ...account.state.users['x'], userName: `u${i}` } as never
    }
    const error = await account.fail('CreateUser', { UserName: 'one-too-many' })
    expectAwsError(error, 'LimitExceeded', 409, 'Cannot exceed quota for UsersPerAccount: 5000')
  })
})

describe('GetUser', () => {
  it('describes a named user with its tags', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' })
    const { User } = await account.call('GetUser', { UserName: 'Alice' })
    expect(User).toMatchObject({ UserName: 'alice', Tags: [{ Key: 'k', Value: 'v' }] })
  })

  it('describes the root user when root asks without a name: account id, root ARN, no UserName', async () => {
    const account = practiceAccount()
    const { User } = await account.call('GetUser')
    expect(User).toEqual({
      UserId: ACCOUNT_ID,
      Arn: `arn:aws:iam::${ACCOUNT_ID}:root`,
      CreateDate: START,
      PasswordLastUsed: undefined
    })
  })

  it('describes the signing IAM user when no name is given', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice' })
    const { User } = await account.call('GetUser', {}, account.userCaller('alice'))
    expect(User.UserName).toBe('alice')
  })

  it('answers NoSuchEntity in AWS words for an unknown user', async () => {
    const account = practiceAccount()
    const error = await account.fail('GetUser', { UserName: 'ghost' })
    expectAwsError(error, 'NoSuchEntity', 404, 'The user with name ghost cannot be found.')
  })

  it('does not see a user created less than the consistency delay ago', async () => {
    const account = practiceAccount({ consistencyDelayMs: 5000 })
    await account.call('CreateUser', { UserName: 'alice' })
    expectAwsError(await account.fail('GetUser', { UserName: 'alice' }), 'NoSuchEntity', 404)
    account.advance(5000)
    expect((await account.call('GetUser', { UserName: 'alice' })).User.UserName).toBe('alice')
  })

  it('asks federated users to name the user', async () => {
    const account = practiceAccount()
    const federated = {
      kind: 'federated' as const,
      federatedName: 'ops',
      userName: null,
      arn: `arn:aws:sts::${ACCOUNT_ID}:federated-user/ops`,
      accessKeyId: 'ASIAFEDERATED0000000',
      session: {} as never
    }
    const error = await account.fail('GetUser', {}, federated)
    expectAwsError(error, 'ValidationError', 400, 'Must specify userName when calling with non-User credentials')
  })
})

describe('ListUsers', () => {
  it('lists users by name without tags, filtered by path prefix', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'carol', Path: '/ops/' })
    await account.call('CreateUser', { UserName: 'Alice', 'Tags.member.1.Key': 'k', 'Tags.member.1.Value': 'v' })
    await account.call('CreateUser', { UserName: 'bob' })
    const all = await account.call('ListUsers')
    expect(all.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['Alice', 'bob', 'carol'])
    expect(all.Users[0].Tags).toBeUndefined()
    expect(all.IsTruncated).toBe(false)
    const ops = await account.call('ListUsers', { PathPrefix: '/ops/' })
    expect(ops.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['carol'])
  })

  it('pages with MaxItems and Marker', async () => {
    const account = practiceAccount()
    for (const name of ['a', 'b', 'c', 'd', 'e']) await account.call('CreateUser', { UserName: name })
    const first = await account.call('ListUsers', { MaxItems: '2' })
    expect(first.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['a', 'b'])
    expect(first.IsTruncated).toBe(true)
    const second = await account.call('ListUsers', { MaxItems: '2', Marker: first.Marker })
    expect(second.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['c', 'd'])
    const third = await account.call('ListUsers', { MaxItems: '2', Marker: second.Marker })
    expect(third.Users.map((u: { UserName: string }) => u.UserName)).toEqual(['e'])
    expect(third).toMatchObject({ IsTruncated: false })
    expect(third.Marker).toBeUndefined()
  })

  it('hides users younger than the consistency delay', async () => {
    const account = practiceAccount({ consistencyDelayMs: 3000 })
    await account.call('CreateUser', { UserName: 'alice' })
    expect((await account.call('ListUsers')).Users).toEqual([])
  })

  it('is authorized against the user path ARN', () => {
    const account = practiceAccount()
    expect(account.resource('ListUsers')).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/`)
    expect(account.resource('ListUsers', { PathPrefix: '/ops/' })).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/ops/`)
  })
})

describe('DeleteUser', () => {
  it('deletes a user with nothing attached', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice' })
    await account.call('DeleteUser', { UserName: 'ALICE' })
    expect(account.state.users).toEqual({})
  })

  it('refuses while a login profile, keys, MFA, policies or groups remain, one at a time', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice' })
    await account.call('CreateGroup', { GroupName: 'devs' })
    await account.call('AddUserToGroup', { GroupName: 'devs', UserName: 'alice' })
    await account.call('AttachUserPolicy', { UserName: 'alice', PolicyArn: ADMIN_ARN })
    await account.call('PutUserPolicy', {
      UserName: 'alice',
      PolicyName: 'inline',
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'
    })
    account.state.users['alice']!.mfaSerials.push(`arn:aws:iam::${ACCOUNT_ID}:mfa/alice`)
    await account.call('CreateAccessKey', { UserName: 'alice' })
    await account.call('CreateLoginProfile', { UserName: 'alice', Password: 'Correct-Horse-42' })

    const steps: Array<[string, () => Promise<unknown>]> = [
      ['must delete login profile first.', () => account.call('DeleteLoginProfile', { UserName: 'alice' })],
      [
        'must delete access keys first.',
        async () => {
          const key = account.state.users['alice']!.accessKeys[0]!.accessKeyId
          await account.call('DeleteAccessKey', { UserName: 'alice', AccessKeyId: key })
        }
      ],
      ['must delete MFA device first.', async () => void (account.state.users['alice']!.mfaSerials = [])],
      ['must delete policies first.', () => account.call('DeleteUserPolicy', { UserName: 'alice', PolicyName: 'inline' })],
      ['must detach all policies first.', () => account.call('DetachUserPolicy', { UserName: 'alice', PolicyArn: ADMIN_ARN })],
      ['must remove users from group first.', () => account.call('RemoveUserFromGroup', { GroupName: 'devs', UserName: 'alice' })]
    ]
    for (const [message, fix] of steps) {
      expectAwsError(await account.fail('DeleteUser', { UserName: 'alice' }), 'DeleteConflict', 409, `Cannot delete entity, ${message}`)
      await fix()
    }
    await account.call('DeleteUser', { UserName: 'alice' })
  })

  it('answers NoSuchEntity for an unknown user', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('DeleteUser', { UserName: 'ghost' }), 'NoSuchEntity', 404, 'The user with name ghost cannot be found.')
  })

  it('is authorized against the user ARN with its path', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice', Path: '/dev/' })
    expect(account.resource('DeleteUser', { UserName: 'alice' })).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/dev/alice`)
    expect(account.resource('CreateUser', { UserName: 'bob', Path: '/ops/' })).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/ops/bob`)
  })
})
