import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  GetGroupCommand,
  GetUserCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  UpdateUserCommand
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { iamClient, practiceSuite, sdkFailure, stsClient } from '../practice-clients'
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
    expectAwsError(
      error,
      'ValidationError',
      400,
      'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.'
    )
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

describe('UpdateUser', () => {
  it('carries the MFA devices and sessions that name the user over to its new name', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice' })
    const serial = `arn:aws:iam::${ACCOUNT_ID}:mfa/alice-phone`
    account.state.virtualMfaDevices[serial] = {
      serialNumber: serial,
      base32Seed: 'A'.repeat(32),
      createDate: START.toISOString(),
      enabledFor: 'alice',
      enableDate: START.toISOString(),
      lastUsedStep: 0,
      driftSteps: 0
    }
    account.state.users['alice']!.mfaSerials.push(serial)
    account.state.sessions['ASIAEXAMPLE'] = {
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(START.getTime() + 3600_000).toISOString(),
      kind: 'session',
      principal: 'alice',
      mfaAuthenticated: true,
      issuedAt: START.toISOString()
    }
    await account.call('UpdateUser', { UserName: 'alice', NewUserName: 'Alicia' })
    expect(account.state.virtualMfaDevices[serial]!.enabledFor).toBe('Alicia')
    expect(account.state.sessions['ASIAEXAMPLE']!.principal).toBe('Alicia')
    expect(account.state.users['alicia']!.mfaSerials).toEqual([serial])
    expect(account.state.users['alice']).toBeUndefined()
  })

  it('is authorized against the user as it is now', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'alice', Path: '/dev/' })
    expect(account.resource('UpdateUser', { UserName: 'alice', NewUserName: 'bob' })).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/dev/alice`)
  })
})

const PATH_MESSAGE = 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.'

describe("users through the AWS SDK: UpdateUser, PermissionsBoundary, IAM's path wording", () => {
  const suite = practiceSuite()
  const arnOf = (path: string) => `arn:aws:iam::${suite.server.accountId}:user${path}`

  it('renames and moves a user: same id, keys and groups, new name, path and ARN', async () => {
    const created = (await suite.iam.send(new CreateUserCommand({ UserName: 'alice' }))).User!
    await suite.iam.send(new CreateGroupCommand({ GroupName: 'Readers' }))
    await suite.iam.send(new AddUserToGroupCommand({ UserName: 'alice', GroupName: 'Readers' }))
    const key = (await suite.iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!
    const result = await suite.iam.send(new UpdateUserCommand({ UserName: 'alice', NewUserName: 'alicia', NewPath: '/finance/' }))
    expect(result.$metadata.httpStatusCode).toBe(200)

    expect((await suite.iam.send(new GetUserCommand({ UserName: 'alicia' }))).User).toMatchObject({
      UserName: 'alicia',
      Path: '/finance/',
      UserId: created.UserId,
      Arn: arnOf('/finance/alicia')
    })
    expect(await sdkFailure(suite.iam.send(new GetUserCommand({ UserName: 'alice' })))).toMatchObject({
      code: 'NoSuchEntity',
      message: 'The user with name alice cannot be found.'
    })
    expect((await suite.iam.send(new GetGroupCommand({ GroupName: 'Readers' }))).Users!.map((u) => u.UserName)).toEqual(['alicia'])
    const identity = await stsClient(suite.server, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }).send(
      new GetCallerIdentityCommand({})
    )
    expect(identity.Arn).toBe(arnOf('/finance/alicia'))
    expect((await suite.iam.send(new ListUsersCommand({ PathPrefix: '/finance/' }))).Users!.map((u) => u.UserName)).toEqual(['alicia'])
  })

  it('refuses a new name another user has, in any case, and a user that does not exist', async () => {
    await suite.iam.send(new CreateUserCommand({ UserName: 'bob' }))
    expect(await sdkFailure(suite.iam.send(new UpdateUserCommand({ UserName: 'bob', NewUserName: 'ALICIA' })))).toMatchObject({
      code: 'EntityAlreadyExists',
      status: 409,
      message: 'User with name ALICIA already exists.'
    })
    expect(await sdkFailure(suite.iam.send(new UpdateUserCommand({ UserName: 'nobody', NewPath: '/x/' })))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: 'The user with name nobody cannot be found.'
    })
    // A change of case only is a rename of the same user.
    await suite.iam.send(new UpdateUserCommand({ UserName: 'bob', NewUserName: 'Bob' }))
    expect((await suite.iam.send(new GetUserCommand({ UserName: 'bob' }))).User!.UserName).toBe('Bob')
  })

  it("refuses a bad NewPath in IAM's words and a NewUserName past 64 characters", async () => {
    expect(await sdkFailure(suite.iam.send(new UpdateUserCommand({ UserName: 'Bob', NewPath: 'finance' })))).toMatchObject({
      code: 'ValidationError',
      status: 400,
      message: PATH_MESSAGE.replace('for path', 'for newPath')
    })
    expect((await sdkFailure(suite.iam.send(new UpdateUserCommand({ UserName: 'Bob', NewUserName: 'b'.repeat(65) })))).message).toBe(
      `1 validation error detected: Value '${'b'.repeat(65)}' at 'newUserName' failed to satisfy constraint: Member must have length less than or equal to 64`
    )
  })

  it('needs permission on the user under its new name too, as IAM documents', async () => {
    await suite.iam.send(new CreateUserCommand({ UserName: 'renamer' }))
    await suite.iam.send(
      new PutUserPolicyCommand({
        UserName: 'renamer',
        PolicyName: 'rename-temps',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:UpdateUser', Resource: `arn:aws:iam::*:user/temp-*` }]
        })
      })
    )
    const key = (await suite.iam.send(new CreateAccessKeyCommand({ UserName: 'renamer' }))).AccessKey!
    const renamer = iamClient(suite.server, { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
    await suite.iam.send(new CreateUserCommand({ UserName: 'temp-1' }))
    await renamer.send(new UpdateUserCommand({ UserName: 'temp-1', NewUserName: 'temp-2' }))
    expect((await sdkFailure(renamer.send(new UpdateUserCommand({ UserName: 'temp-2', NewUserName: 'permanent' })))).message).toBe(
      `User: ${arnOf('/renamer')} is not authorized to perform: iam:UpdateUser on resource: ${arnOf('/permanent')} because no identity-based policy allows the iam:UpdateUser action`
    )
  })

  it('records the permissions boundary CreateUser is given and shows it in CreateUser and GetUser', async () => {
    const boundary = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'
    const created = (await suite.iam.send(new CreateUserCommand({ UserName: 'bounded', PermissionsBoundary: boundary }))).User!
    const expected = { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundary }
    expect(created.PermissionsBoundary).toEqual(expected)
    expect((await suite.iam.send(new GetUserCommand({ UserName: 'bounded' }))).User!.PermissionsBoundary).toEqual(expected)
    expect((await suite.iam.send(new ListUsersCommand({}))).Users!.find((u) => u.UserName === 'bounded')!.PermissionsBoundary).toBeUndefined()

    const listed = await suite.iam.send(new ListPoliciesCommand({ Scope: 'AWS', PolicyUsageFilter: 'PermissionsBoundary' }))
    expect(listed.Policies!.map((p) => [p.PolicyName, p.PermissionsBoundaryUsageCount, p.AttachmentCount])).toEqual([['AmazonS3ReadOnlyAccess', 1, 0]])
    const entities = await suite.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: boundary, PolicyUsageFilter: 'PermissionsBoundary' }))
    expect(entities.PolicyUsers!.map((u) => u.UserName)).toEqual(['bounded'])
    expect((await suite.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: boundary, PolicyUsageFilter: 'PermissionsPolicy' }))).PolicyUsers).toEqual([])
  })

  it('refuses a boundary policy that does not exist or is not an ARN, and creates no user', async () => {
    const missing = `arn:aws:iam::${suite.server.accountId}:policy/NoSuchBoundary`
    expect(await sdkFailure(suite.iam.send(new CreateUserCommand({ UserName: 'unbounded', PermissionsBoundary: missing })))).toMatchObject({
      code: 'NoSuchEntity',
      status: 404,
      message: `Policy ${missing} does not exist or is not attachable.`
    })
    expect(await sdkFailure(suite.iam.send(new CreateUserCommand({ UserName: 'unbounded', PermissionsBoundary: 'AmazonS3ReadOnlyAccess!' })))).toMatchObject({
      code: 'InvalidInput',
      message: 'ARN AmazonS3ReadOnlyAccess! is not valid.'
    })
    expect((await sdkFailure(suite.iam.send(new GetUserCommand({ UserName: 'unbounded' })))).code).toBe('NoSuchEntity')
  })

  it('will not delete a customer managed policy in use as a boundary', async () => {
    const policy = (
      await suite.iam.send(
        new CreatePolicyCommand({
          PolicyName: 'Cap',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })
        })
      )
    ).Policy!
    await suite.iam.send(new CreateUserCommand({ UserName: 'capped', PermissionsBoundary: policy.Arn }))
    expect(await sdkFailure(suite.iam.send(new DeletePolicyCommand({ PolicyArn: policy.Arn })))).toMatchObject({
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete a policy attached to entities.'
    })
  })

  it("answers a malformed Path or PathPrefix in IAM's own words", async () => {
    expect(await sdkFailure(suite.iam.send(new CreateUserCommand({ UserName: 'pathless', Path: 'finance/' })))).toMatchObject({
      code: 'ValidationError',
      status: 400,
      message: PATH_MESSAGE
    })
    expect((await sdkFailure(suite.iam.send(new ListUsersCommand({ PathPrefix: 'finance' })))).message).toBe(
      'The specified value for pathPrefix is invalid. It must begin with the / character and contain only alphanumeric characters and/or / characters.'
    )
  })
})
