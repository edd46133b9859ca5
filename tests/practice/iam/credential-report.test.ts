import { describe, expect, it } from 'vitest'
import {
  credentialReportColumns,
  credentialReportCsv,
  parseCredentialReportCsv,
  reportTimestamp,
  type CredentialReportRow
} from '../../../src/practice/iam/credential-report'

const header =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated'

const root: CredentialReportRow = {
  user: '<root_account>',
  arn: 'arn:aws:iam::123456789012:root',
  userCreationTime: '2020-01-01T00:00:00Z',
  passwordEnabled: 'not_supported',
  passwordLastUsed: '2024-05-01T10:00:00.000Z',
  mfaActive: true,
  accessKeys: []
}

const alice: CredentialReportRow = {
  user: 'alice',
  arn: 'arn:aws:iam::123456789012:user/alice',
  userCreationTime: '2024-01-02T03:04:05.678Z',
  passwordEnabled: true,
  passwordLastUsed: '2024-05-02T00:00:00Z',
  passwordLastChanged: '2024-01-02T03:10:00Z',
  passwordNextRotation: '2024-04-01T03:10:00Z',
  mfaActive: true,
  accessKeys: [
    {
      active: true,
      lastRotated: '2024-01-02T03:05:00Z',
      lastUsedDate: '2024-05-03T08:00:00Z',
      lastUsedRegion: 'us-east-1',
      lastUsedService: 'iam'
    },
    { active: false, lastRotated: '2024-02-01T00:00:00Z' }
  ]
}

const bob: CredentialReportRow = {
  user: 'bob',
  arn: 'arn:aws:iam::123456789012:user/ops/bob',
  userCreationTime: '2024-03-01T00:00:00Z',
  passwordEnabled: false,
  mfaActive: false,
  accessKeys: []
}

describe('credentialReportCsv', () => {
  it("writes AWS's 22 columns in AWS's order", () => {
    const csv = credentialReportCsv([root])
    expect(csv.split('\n')[0]).toBe(header)
    expect(credentialReportColumns).toHaveLength(22)
    expect(credentialReportColumns.join(',')).toBe(header)
  })

  it('writes the root row as AWS does: not_supported for its password columns', () => {
    const [, line] = credentialReportCsv([root]).split('\n')
    expect(line).toBe(
      '<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2024-05-01T10:00:00+00:00,' +
        'not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
    )
  })

  it('writes no_information for a root password never used', () => {
    const [, line] = credentialReportCsv([{ ...root, passwordLastUsed: undefined }]).split('\n')
    expect(line?.split(',')[4]).toBe('no_information')
  })

  it('writes a user with a password, MFA and two keys', () => {
    const [, , line] = credentialReportCsv([root, alice]).split('\n')
    expect(line).toBe(
      'alice,arn:aws:iam::123456789012:user/alice,2024-01-02T03:04:05+00:00,true,2024-05-02T00:00:00+00:00,' +
        '2024-01-02T03:10:00+00:00,2024-04-01T03:10:00+00:00,true,' +
        'true,2024-01-02T03:05:00+00:00,2024-05-03T08:00:00+00:00,us-east-1,iam,' +
        'false,2024-02-01T00:00:00+00:00,N/A,N/A,N/A,' +
        'false,N/A,false,N/A'
    )
  })

  it('writes N/A for a user without password or keys', () => {
    const [, , line] = credentialReportCsv([root, bob]).split('\n')
    expect(line).toBe(
      'bob,arn:aws:iam::123456789012:user/ops/bob,2024-03-01T00:00:00+00:00,false,N/A,N/A,N/A,false,' +
        'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A'
    )
  })

  it('writes no_information for a password that was never used', () => {
    const carol: CredentialReportRow = { ...bob, user: 'carol', passwordEnabled: true, passwordLastChanged: '2024-03-01T00:00:00Z' }
    const fields = credentialReportCsv([carol]).split('\n')[1]!.split(',')
    expect(fields.slice(3, 7)).toEqual(['true', 'no_information', '2024-03-01T00:00:00+00:00', 'N/A'])
  })

  it('keeps the last use of a password that was since removed', () => {
    const removed: CredentialReportRow = { ...bob, passwordLastUsed: '2024-03-05T00:00:00Z' }
    const fields = credentialReportCsv([removed]).split('\n')[1]!.split(',')
    expect(fields.slice(3, 5)).toEqual(['false', '2024-03-05T00:00:00+00:00'])
  })

  it('puts the root row first and ends without a trailing newline', () => {
    const csv = credentialReportCsv([alice, root, bob])
    const users = csv
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0])
    expect(users).toEqual(['<root_account>', 'alice', 'bob'])
    expect(csv.endsWith('\n')).toBe(false)
  })

  it('writes only the header for no rows', () => {
    expect(credentialReportCsv([])).toBe(header)
  })

  it('quotes a user name containing a comma', () => {
    const comma: CredentialReportRow = { ...bob, user: 'a,b', arn: 'arn:aws:iam::123456789012:user/a,b' }
    const csv = credentialReportCsv([comma])
    expect(csv.split('\n')[1]!.startsWith('"a,b","arn:aws:iam::123456789012:user/a,b",')).toBe(true)
    expect(parseCredentialReportCsv(csv)[0]?.user).toBe('a,b')
  })
})

describe('reportTimestamp', () => {
  it('writes seconds with an explicit +00:00 offset', () => {
    expect(reportTimestamp('2024-01-02T03:04:05Z')).toBe('2024-01-02T03:04:05+00:00')
    expect(reportTimestamp('2024-01-02T03:04:05.999Z')).toBe('2024-01-02T03:04:05+00:00')
    expect(reportTimestamp('2024-01-02T05:04:05+02:00')).toBe('2024-01-02T03:04:05+00:00')
  })

  it('passes through values that are not times', () => {
    expect(reportTimestamp('no_information')).toBe('no_information')
    expect(reportTimestamp('N/A')).toBe('N/A')
  })
})

describe('parseCredentialReportCsv', () => {
  it('reads back every column of every row', () => {
    const rows = parseCredentialReportCsv(credentialReportCsv([root, alice, bob]))
    expect(rows).toHaveLength(3)
    for (const row of rows) expect(Object.keys(row)).toEqual([...credentialReportColumns])
    expect(rows[0]).toMatchObject({ user: '<root_account>', password_enabled: 'not_supported', mfa_active: 'true' })
    expect(rows[1]).toMatchObject({
      user: 'alice',
      access_key_1_active: 'true',
      access_key_1_last_used_service: 'iam',
      access_key_2_active: 'false',
      access_key_2_last_rotated: '2024-02-01T00:00:00+00:00'
    })
    expect(rows[2]).toMatchObject({ user: 'bob', password_enabled: 'false', password_last_used: 'N/A' })
  })

  it('reads a report as AWS sends it, with CRLF or a trailing newline', () => {
    const aws =
      `${header}\r\n` +
      '<root_account>,arn:aws:iam::111122223333:root,2019-05-05T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,' +
      'false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A\r\n'
    const rows = parseCredentialReportCsv(aws)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ user: '<root_account>', password_last_used: 'no_information', cert_2_last_rotated: 'N/A' })
  })

  it('reads quoted fields with doubled quotes', () => {
    expect(parseCredentialReportCsv('a,b\n"x ""y""","1,2"')).toEqual([{ a: 'x "y"', b: '1,2' }])
  })

  it('reads nothing from an empty report', () => {
    expect(parseCredentialReportCsv('')).toEqual([])
    expect(parseCredentialReportCsv(header)).toEqual([])
  })
})
