import type { ApplyReportPayload, PlanPayload, ResponseOf, RollbackReportPayload } from '../../../../src/shared/contract'

type ApplyStep = ApplyReportPayload['steps'][number]
type RollbackStep = RollbackReportPayload['steps'][number]
export type LastRun = NonNullable<ResponseOf<'setup.lastRun'>>

const noCounts = { created: 0, existed: 0, updated: 0, failed: 0, skipped: 0, deferred: 0 }

/** A step of an apply's report: done and created unless told otherwise. */
export const applied = (id: string, over: Partial<ApplyStep> = {}): ApplyStep => ({
  id,
  action: 'CreateGroup',
  outcome: 'done',
  created: true,
  message: 'Created.',
  ...over
})

export function applyReport(over: Partial<ApplyReportPayload> = {}): ApplyReportPayload {
  return { runId: 'run-1', outcome: 'done', resumed: false, counts: { ...noCounts, ...over.counts }, steps: [], failures: [], conflicts: [], ...over }
}

export const undone = (id: string, over: Partial<RollbackStep> = {}): RollbackStep => ({
  id,
  undo: 'DeleteGroup',
  outcome: 'done',
  message: 'Deleted.',
  ...over
})

export function rollbackReport(over: Partial<RollbackReportPayload> = {}): RollbackReportPayload {
  return { runId: 'run-1', outcome: 'done', steps: [], failures: [], ...over }
}

export function lastRun(over: Partial<LastRun> = {}): LastRun {
  return {
    runId: 'run-1',
    state: 'failed',
    startedAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-01T12:05:00.000Z',
    roles: ['dev'],
    steps: { done: 3, failed: 1, started: 4, undone: 0, created: 3 },
    canResume: true,
    canRollBack: true,
    ...over
  }
}

/** The dev role's plan: its group, its user in the group, and the MFA rule that waits for the device. */
export function devPlan(): PlanPayload {
  return {
    steps: [
      { id: 'group:Developers', role: 'dev', action: 'CreateGroup', target: { groupName: 'Developers' }, dependsOn: [], status: 'create' },
      { id: 'user:dev', role: 'dev', action: 'CreateUser', target: { userName: 'dev' }, dependsOn: [], status: 'create' },
      {
        id: 'membership:dev:Developers',
        role: 'dev',
        action: 'AddUserToGroup',
        target: { userName: 'dev', groupName: 'Developers' },
        dependsOn: ['group:Developers', 'user:dev'],
        status: 'exists'
      },
      {
        id: 'inline-policy:Developers:CairnRequireMFA',
        role: 'dev',
        action: 'PutGroupPolicy',
        target: { groupName: 'Developers', policyName: 'CairnRequireMFA' },
        dependsOn: ['group:Developers'],
        status: 'create',
        deferredUntilMfa: true
      }
    ],
    conflicts: [],
    summary: { create: 3, update: 0, exists: 1, conflict: 0 }
  }
}
