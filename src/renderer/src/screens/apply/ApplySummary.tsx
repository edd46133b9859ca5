import { forwardRef } from 'react'
import type { ApplyReportPayload, RollbackReportPayload } from '../../../../shared/contract'
import { plural } from './announcements'
import { whatIsLeft, type NextMfa } from './what-is-left'

type Counts = ApplyReportPayload['counts']

const countWords: Array<[keyof Counts, string]> = [
  ['created', 'Created'],
  ['existed', 'Already there'],
  ['updated', 'Updated'],
  ['failed', 'Failed'],
  ['deferred', 'Waits for MFA'],
  ['skipped', 'Skipped']
]

/** What failed, in the step's own words, with AWS's code as detail. */
function FailureList({ failures, title }: { failures: ApplyReportPayload['failures']; title: (id: string) => string }) {
  return (
    <ul className="apply-failures">
      {failures.map((failure) => (
        <li key={failure.stepId}>
          <strong>{title(failure.stepId)}:</strong> {failure.message} <span className="op-row-code">(code: {failure.code})</span>
        </li>
      ))}
    </ul>
  )
}

/** Counts (ApplyReport) and what to do next. The heading takes focus, as the button pressed is gone. */
export const ApplySummary = forwardRef<HTMLHeadingElement, { report: ApplyReportPayload; title: (id: string) => string; next?: NextMfa }>(function ApplySummary(
  { report, title, next },
  ref
) {
  const tone = report.outcome === 'done' ? 'ok' : report.outcome === 'failed' ? 'problem' : 'warn'
  const headline =
    report.outcome === 'done'
      ? report.resumed
        ? 'The apply is finished; MFA comes next'
        : next?.layout === 'roles'
          ? 'Your sign-in and roles are in the account; MFA comes next'
          : 'Your users and groups are in the account; MFA comes next'
      : report.outcome === 'failed'
        ? `${plural(report.counts.failed, 'step')} failed`
        : 'Done, except for what conflicts with the account'
  return (
    <div className={`notice notice-${tone} apply-summary`} data-testid="apply-summary" data-outcome={report.outcome}>
      <h2 ref={ref} tabIndex={-1} className="notice-title">
        {headline}
      </h2>
      <dl className="apply-counts">
        {countWords.map(([key, words]) => (
          <div key={key} data-count={key}>
            <dt>{words}</dt>
            <dd>{report.counts[key]}</dd>
          </div>
        ))}
      </dl>
      {report.outcome === 'done' ? (
        <p>
          Console passwords and access keys went straight into your keychain; Cairn does not show them here.
          {whatIsLeft(report, next)}
        </p>
      ) : null}
      {report.outcome === 'failed' ? (
        <>
          <FailureList failures={report.failures} title={title} />
          <p>Resume runs what is left; what is done stays done. Roll back deletes what this run created, and nothing else.</p>
        </>
      ) : null}
      {report.outcome === 'blocked' ? (
        <>
          <ul className="apply-failures">
            {report.conflicts
              .filter((conflict) => conflict.blocking)
              .map((conflict) => (
                <li key={`${conflict.kind}:${conflict.role}`}>{conflict.message}</li>
              ))}
          </ul>
          <p>Go back to Plan to see what to change, then apply again.</p>
        </>
      ) : null}
    </div>
  )
})

export const RollbackSummary = forwardRef<HTMLHeadingElement, { report: RollbackReportPayload; title: (id: string) => string }>(function RollbackSummary(
  { report, title },
  ref
) {
  const undone = report.steps.filter((s) => s.outcome === 'done').length
  const tone = report.outcome === 'failed' ? 'problem' : 'ok'
  const headline = report.outcome === 'nothing' ? 'Nothing to roll back' : report.outcome === 'failed' ? 'The rollback did not finish' : 'Rolled back'
  return (
    <div className={`notice notice-${tone} apply-summary`} data-testid="rollback-summary" data-outcome={report.outcome}>
      <h2 ref={ref} tabIndex={-1} className="notice-title">
        {headline}
      </h2>
      {report.outcome === 'nothing' ? <p>The last apply was already rolled back, or made nothing.</p> : null}
      {report.outcome === 'done' ? (
        <p>
          {plural(undone, 'change')} undone: what the last apply created is gone from the account, and its passwords and keys from your keychain. Go back to
          Plan to start again.
        </p>
      ) : null}
      {report.outcome === 'failed' ? (
        <>
          <FailureList failures={report.failures} title={title} />
          <p>{undone} undone so far. Fix what each line says, then roll back again: what is already undone is not touched twice.</p>
        </>
      ) : null}
    </div>
  )
})
