import { describe, expect, it } from 'vitest'
import { credentialReportColumns, parseCredentialReport, reportAccessKeys, reportDate } from '../../../src/main/audit/credential-report'
import { reportCsv } from './canned-account'

describe('parseCredentialReport', () => {
  it('keys every row by the 22 AWS columns, root first', () => {
    const rows = parseCredentialReport(reportCsv)
    expect(rows).toHaveLength(2)
    expect(Object.keys(rows[0] ?? {})).toEqual([...credentialReportColumns])
    expect(rows[0]).toMatchObject({ user: '<root_account>', password_enabled: 'not_supported', access_key_1_active: 'true' })
    expect(rows[1]).toMatchObject({ user: 'dev', mfa_active: 'true', password_last_used: 'no_information' })
  })

  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF lines', () => {
    const csv = 'user,arn,mfa_active\r\n"a,b","arn ""x""\nline2",true\r\n'
    expect(parseCredentialReport(csv)).toEqual([expect.objectContaining({ user: 'a,b', arn: 'arn "x"\nline2', mfa_active: 'true' })])
  })

  it('finds columns by name, so reordered or added columns still parse', () => {
    const [row] = parseCredentialReport('arn,extra,user\narn:aws:iam::1:user/x,?,x')
    expect(row).toMatchObject({ user: 'x', arn: 'arn:aws:iam::1:user/x', mfa_active: '' })
  })

  it('refuses text that is not a credential report', () => {
    expect(() => parseCredentialReport('<html>')).toThrow(/header/)
  })
})

describe('report values', () => {
  it('reads times and treats N/A, no_information and not_supported as no time', () => {
    expect(reportDate('2025-01-02T03:04:05+00:00')?.toISOString()).toBe('2025-01-02T03:04:05.000Z')
    for (const value of ['N/A', 'no_information', 'not_supported', '']) expect(reportDate(value)).toBeNull()
  })

  it('reads both access key slots', () => {
    const [root] = parseCredentialReport(reportCsv)
    if (!root) throw new Error('no root row')
    expect(reportAccessKeys(root)).toEqual([
      { slot: 1, active: true, lastRotated: new Date('2025-01-01T00:00:00Z'), lastUsed: null },
      { slot: 2, active: false, lastRotated: null, lastUsed: null }
    ])
  })
})
