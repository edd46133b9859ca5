import { ageInDays, days } from '../age'
import { UNUSED_CREDENTIAL_DAYS, type CheckResult } from '../check-result'
import { isRootRow, reportAccessKeys, reportDate, type CredentialReportRow } from '../credential-report'
import { listInWords } from '../plain-language'
import type { AccountSnapshot } from '../snapshot'
import { keyIdFor } from './report-keys'

const title = `No credentials unused for ${UNUSED_CREDENTIAL_DAYS} days`

/** Never-used credentials count from when they were made: a password from the user's creation. */
function unusedPassword(row: CredentialReportRow, now: Date): string | null {
  if (row.password_enabled !== 'true') return null
  const lastUsed = reportDate(row.password_last_used)
  const since = lastUsed ?? reportDate(row.password_last_changed) ?? reportDate(row.user_creation_time)
  if (!since) return null
  const age = ageInDays(since, now)
  if (age < UNUSED_CREDENTIAL_DAYS) return null
  return lastUsed ? `${row.user}'s password was last used ${days(age)} ago` : `${row.user}'s password has never been used in ${days(age)}`
}

function unusedKeys(row: CredentialReportRow, snapshot: AccountSnapshot): string[] {
  return reportAccessKeys(row).flatMap((key) => {
    if (!key.active) return []
    const since = key.lastUsed ?? key.lastRotated
    if (!since) return []
    const age = ageInDays(since, snapshot.now)
    if (age < UNUSED_CREDENTIAL_DAYS) return []
    const id = keyIdFor(snapshot, row.user, key) ?? `access key ${key.slot}`
    return [key.lastUsed ? `${row.user}'s ${id} was last used ${days(age)} ago` : `${row.user}'s ${id} has never been used in ${days(age)}`]
  })
}

/**
 * Why there is nothing to judge yet, when every enabled password and active key (root left out)
 * is younger than the threshold, or there is none: no credential could have sat unused that
 * long. null when some could; a credential whose age the report does not give counts as judged.
 */
function nothingToJudge(rows: CredentialReportRow[], now: Date): string | null {
  const born = rows.flatMap((row) => [
    ...(row.password_enabled === 'true' ? [reportDate(row.password_last_changed) ?? reportDate(row.user_creation_time)] : []),
    ...reportAccessKeys(row)
      .filter((key) => key.active)
      .map((key) => key.lastRotated)
  ])
  if (born.length === 0) return 'Nothing to judge yet: no user has a password or an active access key.'
  const young = born.every((since) => since !== null && ageInDays(since, now) < UNUSED_CREDENTIAL_DAYS)
  return young ? `Nothing to judge yet: every password and key is younger than ${days(UNUSED_CREDENTIAL_DAYS)}.` : null
}

export function unusedCredentials(snapshot: AccountSnapshot): CheckResult {
  if (!snapshot.credentialReport) {
    return { id: 'unused-credentials', title, status: 'unknown', evidence: 'AWS did not finish the credential report in time; scan again in a minute.' }
  }
  // The root user is left out: it should sit unused, and its keys have their own check.
  const rows = snapshot.credentialReport.filter((row) => !isRootRow(row))
  const findings = rows.flatMap((row) => [unusedPassword(row, snapshot.now), ...unusedKeys(row, snapshot)].filter((f): f is string => f !== null))
  if (findings.length === 0) {
    return {
      id: 'unused-credentials',
      title,
      status: 'pass',
      evidence: nothingToJudge(rows, snapshot.now) ?? `Every password and active access key was used in the last ${days(UNUSED_CREDENTIAL_DAYS)}.`
    }
  }
  return {
    id: 'unused-credentials',
    title,
    status: 'warn',
    evidence: `${listInWords(findings)}. Credentials nobody uses are only a risk: deactivate or delete them.`
  }
}
