import type { ApplyReportPayload, RollbackReportPayload } from '../../../../shared/contract'

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** The apply's outcome in one sentence, for the polite live region. */
export function applyAnnouncement(report: ApplyReportPayload): string {
  const { created, existed, failed } = report.counts
  if (report.outcome === 'failed') return `Apply stopped: ${plural(failed, 'step')} failed. ${created} created, ${existed} already there.`
  if (report.outcome === 'blocked') return `Apply finished, except for steps that conflict with the account. ${created} created, ${existed} already there.`
  return `Apply finished: ${created} created, ${existed} already there.`
}

export function rollbackAnnouncement(report: RollbackReportPayload): string {
  if (report.outcome === 'nothing') return 'There was nothing to roll back.'
  const undone = report.steps.filter((s) => s.outcome === 'done').length
  if (report.outcome === 'failed') return `Rollback stopped: ${plural(report.failures.length, 'step')} failed, ${undone} undone.`
  return `Rollback finished: ${plural(undone, 'change')} undone.`
}
