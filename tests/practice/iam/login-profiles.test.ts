import { describe, expect, it } from 'vitest'
import { START, expectAwsError, practiceAccount } from './practice-harness'

async function withUser() {
  const account = practiceAccount()
  await account.call('CreateUser', { UserName: 'alice' })
  return account
}

describe('CreateLoginProfile', () => {
  it('gives a user a console password', async () => {
    const account = await withUser()
    const { LoginProfile } = await account.call('CreateLoginProfile', {
      UserName: 'alice',
      Password: 'Tr0ub4dor&3x',
      PasswordResetRequired: 'true'
    })
    expect(LoginProfile).toEqual({ UserName: 'alice', CreateDate: START, PasswordResetRequired: true })
    expect(account.state.users['alice']!.loginProfile?.password).toBe('Tr0ub4dor&3x')
  })

  it("holds passwords to AWS's default rule when the account has no policy", async () => {
    const account = await withUser()
    for (const weak of ['short1A', 'alllowercase', 'lowercase123']) {
      expectAwsError(
        await account.fail('CreateLoginProfile', { UserName: 'alice', Password: weak }),
        'PasswordPolicyViolation',
        400,
        'Password does not conform to the account password policy.'
      )
    }
    await account.call('CreateLoginProfile', { UserName: 'alice', Password: 'lowercase123!' })
  })

  it("holds passwords to the account's password policy when there is one", async () => {
    const account = await withUser()
    await account.call('UpdateAccountPasswordPolicy', { MinimumPasswordLength: '14', RequireSymbols: 'true' })
    expectAwsError(await account.fail('CreateLoginProfile', { UserName: 'alice', Password: 'LongEnoughButNoSymbol1' }), 'PasswordPolicyViolation', 400)
    await account.call('CreateLoginProfile', { UserName: 'alice', Password: 'long-enough-with-symbol' })
  })

  it('refuses a second login profile', async () => {
    const account = await withUser()
    await account.call('CreateLoginProfile', { UserName: 'alice', Password: 'Correct-Horse-42' })
    expectAwsError(
      await account.fail('CreateLoginProfile', { UserName: 'alice', Password: 'Correct-Horse-43' }),
      'EntityAlreadyExists',
      409,
      'Login Profile for user alice already exists.'
    )
  })

  it('takes user names of at most 64 characters and hides the password in validation errors', async () => {
    const account = await withUser()
    expectAwsError(
      await account.fail('CreateLoginProfile', { UserName: 'a'.repeat(65), Password: 'x'.repeat(129) }),
      'ValidationError',
      400,
      `2 validation errors detected: Value '${'a'.repeat(65)}' at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64; Value at 'password' failed to satisfy constraint: Member must have length less than or equal to 128`
    )
  })

  it('names a missing user', async () => {
    const account = await withUser()
    expectAwsError(
      await account.fail('CreateLoginProfile', { UserName: 'ghost', Password: 'Correct-Horse-42' }),
      'NoSuchEntity',
      404,
      'The user with name ghost cannot be found.'
    )
  })
})

describe('GetLoginProfile / UpdateLoginProfile / DeleteLoginProfile', () => {
  it('reads, changes and removes the password', async () => {
    const account = await withUser()
    await account.call('CreateLoginProfile', { UserName: 'alice', Password: 'Correct-Horse-42' })
    expect((await account.call('GetLoginProfile', { UserName: 'alice' })).LoginProfile).toMatchObject({
      UserName: 'alice',
      PasswordResetRequired: false
    })
    account.advance(60_000)
    await account.call('UpdateLoginProfile', { UserName: 'alice', Password: 'Battery-Staple-7', PasswordResetRequired: 'true' })
    const profile = account.state.users['alice']!.loginProfile!
    expect(profile).toMatchObject({ password: 'Battery-Staple-7', passwordResetRequired: true })
    expect(profile.passwordLastChanged).toBe(new Date(START.getTime() + 60_000).toISOString())
    expectAwsError(await account.fail('UpdateLoginProfile', { UserName: 'alice', Password: 'weak' }), 'PasswordPolicyViolation', 400)
    await account.call('DeleteLoginProfile', { UserName: 'alice' })
    expect(account.state.users['alice']!.loginProfile).toBeNull()
  })

  it('answers NoSuchEntity when the user has no password', async () => {
    const account = await withUser()
    for (const action of ['GetLoginProfile', 'UpdateLoginProfile', 'DeleteLoginProfile']) {
      expectAwsError(await account.fail(action, { UserName: 'alice' }), 'NoSuchEntity', 404, 'Login Profile for User alice cannot be found.')
    }
  })
})
