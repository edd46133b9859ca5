import type { ApplyReportPayload } from '../../../../shared/contract'

/** Whose MFA device comes next: each user's (the guide's layout), or the sign-in's (the roles layout; its name when known). */
export type NextMfa = { layout: 'users' } | { layout: 'roles'; userName: string | null }

/** What is left once the apply is done, in the layout's words. */
export function whatIsLeft(report: Pick<ApplyReportPayload, 'counts'>, next: NextMfa = { layout: 'users' }): string {
  if (next.layout === 'roles')
    return ` Next: an MFA device for your sign-in${next.userName ? `, ${next.userName}` : ''}. The roles trust it only with MFA, so one device guards every role.`
  return report.counts.deferred > 0
    ? ' The rule that API calls need MFA goes on each group once its user has an MFA device: that is the next step.'
    : ' Next: an MFA device for each user.'
}
