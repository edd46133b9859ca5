import { credentialReportColumns, type CredentialReportColumn } from '../../shared/credential-report-columns'

export { credentialReportColumns, type CredentialReportColumn }

/** One user's line, values exactly as AWS wrote them ('true', 'N/A', 'no_information', times...). */
export type CredentialReportRow = Record<CredentialReportColumn, string>

export const rootAccountUser = '<root_account>'

export function isRootRow(row: CredentialReportRow): boolean {
  return row.user === rootAccountUser
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseRecords(csv: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      record.push(field)
      field = ''
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && csv[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += ch
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''))
}

/**
 * Rows keyed by AWS's column names. Columns are found by the header, not by position, so a
 * report with a column AWS adds later still parses; a column it lacks reads as ''.
 */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const [header, ...records] = parseRecords(csv)
  if (!header?.includes('user') || !header.includes('arn')) {
    throw new Error('The credential report has no header line with the user and arn columns.')
  }
  return records.map((record) => {
    const byName = new Map(header.map((name, i) => [name, record[i] ?? '']))
    return Object.fromEntries(credentialReportColumns.map((column) => [column, byName.get(column) ?? ''])) as CredentialReportRow
  })
}

/** A time column as a Date; null for 'N/A', 'no_information', 'not_supported' and anything unparsable. */
export function reportDate(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? null : new Date(ms)
}

export interface ReportAccessKey {
  /** 1 or 2: the report's own slot numbers; it does not name key ids. */
  slot: 1 | 2
  active: boolean
  lastRotated: Date | null
  lastUsed: Date | null
}

export function reportAccessKeys(row: CredentialReportRow): ReportAccessKey[] {
  return ([1, 2] as const).map((slot) => ({
    slot,
    active: row[`access_key_${slot}_active`] === 'true',
    lastRotated: reportDate(row[`access_key_${slot}_last_rotated`]),
    lastUsed: reportDate(row[`access_key_${slot}_last_used_date`])
  }))
}
