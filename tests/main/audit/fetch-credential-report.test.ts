import { describe, expect, it } from 'vitest'
import { fetchCredentialReport } from '../../../src/main/audit/fetch-credential-report'
import { reportCsv } from './canned-account'
import { cannedAws, failure, success, type CannedAnswer } from './canned-aws'

/** A clock that moves only when the code under test sleeps. */
function fakeTime() {
  let ms = Date.parse('2025-06-01T00:00:00Z')
  const sleeps: number[] = []
  return {
    sleeps,
    timing: (timeoutMs = 10_000) => ({
      now: () => new Date(ms),
      sleep: async (wait: number) => {
        sleeps.push(wait)
        ms += wait
      },
      pollIntervalMs: 500,
      timeoutMs
    })
  }
}

const report = success('GetCredentialReport', { Content: Buffer.from(reportCsv).toString('base64'), ReportFormat: 'text/csv' })
const state = (State: string) => success('GenerateCredentialReport', { State, Description: 'No report exists. Starting a new report generation task' })

/** Answers each action from its own script, repeating the last answer once it runs out. */
function scripted(script: Record<string, CannedAnswer[]>) {
  const used: Record<string, number> = {}
  return cannedAws((call) => {
    const answers = script[call.action] ?? []
    const index = Math.min(used[call.action] ?? 0, answers.length - 1)
    used[call.action] = (used[call.action] ?? 0) + 1
    const answer = answers[index]
    if (!answer) throw new Error(`no answer for ${call.action}`)
    return answer
  })
}

describe('fetchCredentialReport', () => {
  it('generates, waits through STARTED and INPROGRESS, then reads the report', async () => {
    const aws = scripted({ GenerateCredentialReport: [state('STARTED'), state('INPROGRESS'), state('COMPLETE')], GetCredentialReport: [report] })
    const time = fakeTime()
    const rows = await fetchCredentialReport(aws.iam, time.timing())
    expect(rows?.map((row) => row.user)).toEqual(['<root_account>', 'dev'])
    expect(time.sleeps).toEqual([500, 500])
    expect(aws.calls.map((c) => c.action)).toEqual(['GenerateCredentialReport', 'GenerateCredentialReport', 'GenerateCredentialReport', 'GetCredentialReport'])
  })

  it('waits when GetCredentialReport answers ReportInProgress', async () => {
    const aws = scripted({
      GenerateCredentialReport: [state('COMPLETE')],
      GetCredentialReport: [failure(404, 'ReportInProgress', 'Report generation in progress.'), report]
    })
    const time = fakeTime()
    expect(await fetchCredentialReport(aws.iam, time.timing())).toHaveLength(2)
    expect(time.sleeps).toEqual([500])
  })

  it('generates again when the report is not present or has expired', async () => {
    const aws = scripted({
      GenerateCredentialReport: [state('COMPLETE')],
      GetCredentialReport: [failure(410, 'ReportNotPresent', 'Report not present.'), failure(410, 'ReportExpired', 'Report expired.'), report]
    })
    expect(await fetchCredentialReport(aws.iam, fakeTime().timing())).toHaveLength(2)
    expect(aws.calls.filter((c) => c.action === 'GenerateCredentialReport')).toHaveLength(3)
  })

  it('gives up with null when no report is ready by the deadline', async () => {
    const aws = scripted({ GenerateCredentialReport: [state('STARTED'), state('INPROGRESS')] })
    const time = fakeTime()
    expect(await fetchCredentialReport(aws.iam, time.timing(2_000))).toBeNull()
    expect(time.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2_000)
  })

  it('lets other errors through', async () => {
    const aws = scripted({ GenerateCredentialReport: [failure(403, 'AccessDenied', 'not authorized to perform: iam:GenerateCredentialReport')] })
    await expect(fetchCredentialReport(aws.iam, fakeTime().timing())).rejects.toMatchObject({ name: 'AccessDenied' })
  })
})
