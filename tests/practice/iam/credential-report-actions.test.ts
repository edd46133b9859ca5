import { describe, expect, it } from 'vitest'
import { parseCredentialReportCsv } from '../../../src/practice/iam/credential-report'
import { ACCOUNT_ID, START, expectAwsError, practiceAccount } from './practice-harness'

const HOUR = 60 * 60 * 1000

describe('GenerateCredentialReport / GetCredentialReport', () => {
  it('has no report in a new account', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('GetCredentialReport'), 'ReportNotPresent', 410)
  })

  it('starts a report, then finishes it on the next call', async () => {
    const account = practiceAccount()
    expect(await account.call('GenerateCredentialReport')).toEqual({
      State: 'STARTED',
      Description: 'No report exists. Starting a new report generation task'
    })
    expect(await account.call('GenerateCredentialReport')).toEqual({ State: 'COMPLETE' })
    const report = await account.call('GetCredentialReport')
    expect(report).toMatchObject({ ReportFormat: 'text/csv', GeneratedTime: START })
    const csv = Buffer.from(report.Content, 'base64').toString('utf8')
    expect(csv.split('\n')[0]).toMatch(/^user,arn,user_creation_time,password_enabled,/)
  })

  it('is ready for a Get straight after Generate', async () => {
    const account = practiceAccount()
    await account.call('GenerateCredentialReport')
    expect((await account.call('GetCredentialReport')).ReportFormat).toBe('text/csv')
  })

  it('has the root row first, then every user with their credentials', async () => {
    const account = practiceAccount()
    await account.call('CreateUser', { UserName: 'dev' })
    await account.call('CreateLoginProfile', { UserName: 'dev', Password: 'Correct-Horse-42' })
    await account.call('CreateAccessKey', { UserName: 'dev' })
    await account.call('GenerateCredentialReport')
    const { Content } = await account.call('GetCredentialReport')
    const rows = parseCredentialReportCsv(Buffer.from(Content, 'base64').toString('utf8'))
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'dev'])
    expect(rows[0]).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT_ID}:root`,
      password_enabled: 'not_supported',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_2_active: 'false'
    })
    expect(rows[1]).toMatchObject({
      arn: `arn:aws:iam::${ACCOUNT_ID}:user/dev`,
      password_enabled: 'true',
      password_last_used: 'no_information',
      mfa_active: 'false',
      access_key_1_active: 'true',
      access_key_1_last_used_date: 'N/A'
    })
  })

  it("marks root's MFA active while any of its devices is enabled", async () => {
    const account = practiceAccount()
    account.state.root.mfaSerials = [`arn:aws:iam::${ACCOUNT_ID}:mfa/phone`, `arn:aws:iam::${ACCOUNT_ID}:mfa/tablet`]
    await account.call('GenerateCredentialReport')
    const { Content } = await account.call('GetCredentialReport')
    expect(parseCredentialReportCsv(Buffer.from(Content, 'base64').toString('utf8'))[0]).toMatchObject({ user: '<root_account>', mfa_active: 'true' })
  })

  it('keeps the report for four hours, then generates a new one', async () => {
    const account = practiceAccount()
    await account.call('GenerateCredentialReport')
    await account.call('CreateUser', { UserName: 'later' })
    account.advance(HOUR)
    expect(await account.call('GenerateCredentialReport')).toEqual({ State: 'COMPLETE' })
    const old = await account.call('GetCredentialReport')
    expect(Buffer.from(old.Content, 'base64').toString('utf8')).not.toContain('later')
    account.advance(3 * HOUR)
    expectAwsError(await account.fail('GetCredentialReport'), 'ReportExpired', 410)
    expect((await account.call('GenerateCredentialReport')).State).toBe('STARTED')
    const fresh = await account.call('GetCredentialReport')
    expect(Buffer.from(fresh.Content, 'base64').toString('utf8')).toContain('later')
    expect(fresh.GeneratedTime).toEqual(new Date(START.getTime() + 4 * HOUR))
  })

  it('stays in progress for the consistency delay, so clients poll', async () => {
    const account = practiceAccount({ consistencyDelayMs: 5000 })
    await account.call('GenerateCredentialReport')
    expectAwsError(await account.fail('GetCredentialReport'), 'ReportInProgress', 404)
    expect(await account.call('GenerateCredentialReport')).toEqual({ State: 'INPROGRESS' })
    account.advance(5000)
    expect(await account.call('GenerateCredentialReport')).toEqual({ State: 'COMPLETE' })
  })
})
