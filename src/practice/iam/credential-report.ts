import { credentialReportColumns } from '../../shared/credential-report-columns'

export interface CredentialReportAccessKey {
  active: boolean
  lastRotated: string
  lastUsedDate?: string
  lastUsedRegion?: string
  lastUsedService?: string
}

export interface CredentialReportRow {
  /** '<root_account>' for the root user's row. */
  user: string
  arn: string
  userCreationTime: string
  /** The root row is always 'not_supported', whatever is passed. */
  passwordEnabled: boolean | 'not_supported'
  passwordLastUsed?: string | 'no_information'
  passwordLastChanged?: string
  passwordNextRotation?: string
  mfaActive: boolean
  /** At most two are reported, as in AWS's report. */
  accessKeys: CredentialReportAccessKey[]
  certs?: []
}

export const rootAccountUser = '<root_account>'

export { credentialReportColumns }

const notApplicable = 'N/A'

/** The report writes times as 2024-01-02T03:04:05+00:00 (seconds, explicit UTC offset). */
export function reportTimestamp(value: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) return value
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`
}

function timeOr(value: string | undefined, otherwise: string): string {
  return value === undefined ? otherwise : reportTimestamp(value)
}

function keyColumns(key: CredentialReportAccessKey | undefined): string[] {
  if (!key) return ['false', notApplicable, notApplicable, notApplicable, notApplicable]
  return [
    String(key.active),
    reportTimestamp(key.lastRotated),
    timeOr(key.lastUsedDate, notApplicable),
    key.lastUsedRegion ?? notApplicable,
    key.lastUsedService ?? notApplicable
  ]
}

function passwordColumns(row: CredentialReportRow): string[] {
  if (row.user === rootAccountUser) {
    return ['not_supported', timeOr(row.passwordLastUsed, 'no_information'), 'not_supported', 'not_supported']
  }
  const enabled = row.passwordEnabled === true
  return [
    String(enabled),
    // Never used: no_information while the user has a password, N/A when there is none.
    timeOr(row.passwordLastUsed, enabled ? 'no_information' : notApplicable),
    timeOr(row.passwordLastChanged, notApplicable),
    timeOr(row.passwordNextRotation, notApplicable)
  ]
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function rowColumns(row: CredentialReportRow): string[] {
  return [
    row.user,
    row.arn,
    reportTimestamp(row.userCreationTime),
    ...passwordColumns(row),
    String(row.mfaActive),
    ...keyColumns(row.accessKeys[0]),
    ...keyColumns(row.accessKeys[1]),
    'false',
    notApplicable,
    'false',
    notApplicable
  ]
}

/**
 * The CSV GetCredentialReport returns (before base64): AWS's 22 columns, the root row
 * first, lines joined by '\n' with no trailing newline.
 */
export function credentialReportCsv(rows: readonly CredentialReportRow[]): string {
  const ordered = [...rows.filter((r) => r.user === rootAccountUser), ...rows.filter((r) => r.user !== rootAccountUser)]
  return [credentialReportColumns.join(','), ...ordered.map((row) => rowColumns(row).map(csvField).join(','))].join('\n')
}

function parseCsvLines(csv: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const endField = (): void => {
    record.push(field)
    field = ''
  }
  const endRecord = (): void => {
    endField()
    records.push(record)
    record = []
  }
  while (i < csv.length) {
    const ch = csv[i]!
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"'
        i += 2
        continue
      }
      if (ch === '"') quoted = false
      else field += ch
      i++
      continue
    }
    if (ch === '"') quoted = true
    else if (ch === ',') endField()
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++
      endRecord()
    } else field += ch
    i++
  }
  if (field !== '' || record.length > 0) endRecord()
  return records
}

/** One object per user keyed by the header's column names, values exactly as written. */
export function parseCredentialReportCsv(csv: string): Array<Record<string, string>> {
  const [header, ...records] = parseCsvLines(csv)
  if (!header) return []
  return records.filter((r) => !(r.length === 1 && r[0] === '')).map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])))
}
