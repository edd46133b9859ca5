import type { ActionContext, ActionSpec } from '../action'
import { awsErrors } from '../errors'
import type { AccessKey, CredentialReportState, IamUser, PracticeState } from '../state'
import { credentialReportCsv, rootAccountUser, type CredentialReportAccessKey, type CredentialReportRow } from './credential-report'
import { sortedUsers } from './lookups'
import { date } from './views'

/** IAM generates a new report at most every four hours; older ones have expired. */
const REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

function keyColumns(key: AccessKey): CredentialReportAccessKey {
  return {
    active: key.status === 'Active',
    lastRotated: key.createDate,
    lastUsedDate: key.lastUsed?.date,
    lastUsedRegion: key.lastUsed?.region,
    lastUsedService: key.lastUsed?.service
  }
}

function userRow(state: PracticeState, user: IamUser): CredentialReportRow {
  const profile = user.loginProfile
  const maxAge = state.passwordPolicy?.MaxPasswordAge
  return {
    user: user.userName,
    arn: user.arn,
    userCreationTime: user.createDate,
    passwordEnabled: profile !== null,
    passwordLastUsed: user.passwordLastUsed ?? undefined,
    passwordLastChanged: profile?.passwordLastChanged,
    passwordNextRotation: profile && maxAge ? new Date(Date.parse(profile.passwordLastChanged) + maxAge * DAY_MS).toISOString() : undefined,
    mfaActive: user.mfaSerials.length > 0,
    accessKeys: user.accessKeys.map(keyColumns)
  }
}

/** The account as the report sees it at generation time: root first, then every user. */
export function credentialReportRows(state: PracticeState): CredentialReportRow[] {
  const root: CredentialReportRow = {
    user: rootAccountUser,
    arn: state.root.arn,
    userCreationTime: state.createdAt,
    passwordEnabled: 'not_supported',
    passwordLastUsed: state.root.passwordLastUsed ?? undefined,
    mfaActive: state.root.mfaSerials.length > 0,
    accessKeys: state.root.accessKeys.map(keyColumns)
  }
  return [root, ...sortedUsers(state).map((user) => userRow(state, user))]
}

function isExpired(ctx: ActionContext, report: CredentialReportState): boolean {
  return ctx.now.getTime() - Date.parse(report.generatedAt) >= REPORT_LIFETIME_MS
}

/**
 * A report started by one call is done by the next, unless the eventual-consistency knob holds it
 * "in progress" for that long, so clients exercise their polling loop.
 */
function finishIfDue(ctx: ActionContext, report: CredentialReportState): boolean {
  if (report.completedAt !== null) return true
  if (ctx.now.getTime() - Date.parse(report.generatedAt) < ctx.consistencyDelayMs) return false
  report.completedAt = ctx.now.toISOString()
  ctx.markDirty()
  return true
}

const GenerateCredentialReport: ActionSpec = {
  mutates: true,
  resource: () => '*',
  handler(ctx) {
    const report = ctx.state.credentialReport
    if (report && !isExpired(ctx, report)) {
      return { State: finishIfDue(ctx, report) ? 'COMPLETE' : 'INPROGRESS' }
    }
    const csv = credentialReportCsv(credentialReportRows(ctx.state))
    ctx.state.credentialReport = {
      generatedAt: ctx.now.toISOString(),
      completedAt: null,
      csvBase64: Buffer.from(csv, 'utf8').toString('base64')
    }
    ctx.markDirty()
    return { State: 'STARTED', Description: 'No report exists. Starting a new report generation task' }
  }
}

const GetCredentialReport: ActionSpec = {
  mutates: false,
  resource: () => '*',
  handler(ctx) {
    const report = ctx.state.credentialReport
    if (!report) throw awsErrors.reportNotPresent()
    if (!finishIfDue(ctx, report)) throw awsErrors.reportInProgress()
    if (isExpired(ctx, report)) throw awsErrors.reportExpired()
    return { Content: report.csvBase64, ReportFormat: 'text/csv', GeneratedTime: date(report.generatedAt) }
  }
}

export const credentialReportActions = { GenerateCredentialReport, GetCredentialReport } as const
