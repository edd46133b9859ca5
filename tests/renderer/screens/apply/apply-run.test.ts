import { describe, expect, it } from 'vitest'
import { CallError } from '../../../../src/renderer/src/call'
import {
  applyRun,
  applyRunView,
  createdIds,
  deferredIds,
  notStarted,
  planRows,
  planSubjects,
  resumeRows,
  rollbackRows,
  settleApplyRows,
  sourceFromJournal,
  type ApplyRun,
  type ApplyRunAction,
  type Source
} from '../../../../src/renderer/src/screens/apply/apply-run'
import { applied, applyReport, devPlan, lastRun, rollbackReport, undone } from './reports'

const planned: Source = { kind: 'plan', plan: devPlan() }
const journal = (over: Parameters<typeof lastRun>[0] = {}): Source => ({ kind: 'journal', lastRun: lastRun(over) })
const after = (...actions: ApplyRunAction[]): ApplyRun => actions.reduce(applyRun, notStarted)
const offline = new CallError({ code: 'ENDPOINT_UNREACHABLE', message: 'The account did not answer.' })
const title = (id: string) => `title of ${id}`

const doneApply = applyReport({
  counts: { created: 2, existed: 1, updated: 0, failed: 0, skipped: 0, deferred: 1 },
  steps: [applied('group:Developers'), applied('user:dev')]
})
const failedApply = applyReport({
  outcome: 'failed',
  counts: { created: 1, existed: 0, updated: 0, failed: 1, skipped: 0, deferred: 0 },
  steps: [applied('group:Developers'), applied('user:dev', { outcome: 'failed', created: false, message: 'Refused.', code: 'AccessDenied' })]
})

describe('apply run', () => {
  it('starting an apply forgets the last error and outcome, closes the rollback question, and announces how many steps run', () => {
    const before = after({ type: 'started', op: 'apply', steps: 4 }, { type: 'failed', op: 'apply', error: offline }, { type: 'rollback-asked' })
    const state = applyRun(before, { type: 'started', op: 'apply', steps: 4 })
    expect(state).toMatchObject({ running: 'apply', outcome: null, error: null, confirmingRollback: false, announcement: 'Applying 4 steps.' })
  })

  it('announces a resume and a rollback in their own words', () => {
    expect(after({ type: 'started', op: 'resume', steps: 4 }).announcement).toBe('Resuming the apply.')
    expect(after({ type: 'started', op: 'rollback', steps: 2 }).announcement).toBe('Rolling back the last apply.')
  })

  it('an apply that answered ends the run, keeps its report for a rollback, and announces what it made', () => {
    const state = after({ type: 'started', op: 'apply', steps: 2 }, { type: 'applied', op: 'apply', report: doneApply })
    expect(state.running).toBeNull()
    expect(state.lastApply).toBe(doneApply)
    expect(state.outcome).toEqual({ op: 'apply', report: doneApply })
    expect(state.announcement).toBe('Apply finished: 2 created, 1 already there.')
  })

  it('a finished rollback forgets the apply it took back; one that stopped keeps it, to roll back again', () => {
    const applyThenRollBack = (report: ReturnType<typeof rollbackReport>) =>
      after({ type: 'applied', op: 'apply', report: doneApply }, { type: 'started', op: 'rollback', steps: 2 }, { type: 'rolled-back', report })
    const finished = applyThenRollBack(rollbackReport({ steps: [undone('user:dev'), undone('group:Developers')] }))
    expect(finished).toMatchObject({ running: null, lastApply: null, announcement: 'Rollback finished: 2 changes undone.' })
    const stopped = applyThenRollBack(
      rollbackReport({
        outcome: 'failed',
        steps: [undone('user:dev', { outcome: 'failed' })],
        failures: [{ stepId: 'user:dev', code: 'DeleteConflict', message: 'Still in use.' }]
      })
    )
    expect(stopped.lastApply).toBe(doneApply)
    expect(stopped.announcement).toBe('Rollback stopped: 1 step failed, 0 undone.')
  })

  it('an operation whose call failed says it did not start, and why', () => {
    const cases = [
      ['apply', 'The apply did not start: The account did not answer.'],
      ['resume', 'Resume did not start: The account did not answer.'],
      ['rollback', 'The rollback did not start: The account did not answer.']
    ] as const
    for (const [op, words] of cases) {
      const state = after({ type: 'started', op, steps: 1 }, { type: 'failed', op, error: offline })
      expect(state).toMatchObject({ running: null, error: offline, outcome: null, announcement: words })
    }
  })

  it('asks before rolling back, and keeping the changes closes the question', () => {
    expect(after({ type: 'rollback-asked' }).confirmingRollback).toBe(true)
    expect(after({ type: 'rollback-asked' }, { type: 'rollback-kept' }).confirmingRollback).toBe(false)
  })
})

describe('where the Apply screen starts after a restart', () => {
  it('has nothing to offer without a journal, after a rollback, or when the run can be neither resumed nor rolled back', () => {
    expect(sourceFromJournal(null)).toEqual({ kind: 'nothing' })
    expect(sourceFromJournal(lastRun({ state: 'rolled-back' }))).toEqual({ kind: 'nothing' })
    expect(sourceFromJournal(lastRun({ state: 'failed', canResume: false, canRollBack: false }))).toEqual({ kind: 'nothing' })
  })

  it('offers a finished run (to continue) and a stopped one (to resume or roll back)', () => {
    const finished = lastRun({ state: 'finished', canResume: false, canRollBack: false })
    expect(sourceFromJournal(finished)).toEqual({ kind: 'journal', lastRun: finished })
    const stopped = lastRun({ state: 'running', canResume: true, canRollBack: false })
    expect(sourceFromJournal(stopped)).toEqual({ kind: 'journal', lastRun: stopped })
  })
})

describe('apply rows', () => {
  it('lists one waiting row per planned step, in the user’s words, marking what waits for MFA', () => {
    const rows = planRows(planned)
    expect(rows.map((row) => [row.id, row.title, row.state, row.deferred ?? false])).toEqual([
      ['group:Developers', 'Create the group Developers', 'waiting', false],
      ['user:dev', 'Create the user dev', 'waiting', false],
      ['membership:dev:Developers', 'Add dev to Developers', 'waiting', false],
      ['inline-policy:Developers:CairnRequireMFA', 'Put CairnRequireMFA on Developers (API calls need MFA)', 'waiting', true]
    ])
    expect([...deferredIds(rows)]).toEqual(['inline-policy:Developers:CairnRequireMFA'])
    expect(planRows(journal())).toEqual([])
    expect(planRows(null)).toEqual([])
  })

  it('names steps from the plan when there is one', () => {
    expect(planSubjects(planned).get('user:dev')).toEqual({ action: 'CreateUser', target: { userName: 'dev' } })
    expect(planSubjects(journal()).size).toBe(0)
  })

  it('settles an apply’s rows in plan order and keeps the MFA mark on what was left for later', () => {
    const arrived = [
      { id: 'user:dev', title: 'Create the user dev', state: 'done' as const },
      { id: 'inline-policy:Developers:CairnRequireMFA', title: 'Put it', state: 'waiting' as const },
      { id: 'group:Developers', title: 'Create the group Developers', state: 'running' as const }
    ]
    const report = applyReport({
      steps: [
        applied('group:Developers'),
        applied('user:dev'),
        applied('inline-policy:Developers:CairnRequireMFA', { outcome: 'skipped', created: false, message: 'Waits for MFA.' })
      ]
    })
    const rows = settleApplyRows(arrived, report, title, new Set(['inline-policy:Developers:CairnRequireMFA']))
    expect(rows.map((row) => [row.id, row.state, row.deferred ?? false])).toEqual([
      ['group:Developers', 'done', false],
      ['user:dev', 'done', false],
      ['inline-policy:Developers:CairnRequireMFA', 'skipped', true]
    ])
  })

  it('resumes from the last apply’s steps, all waiting', () => {
    expect(resumeRows(failedApply, title, new Set(['user:dev']))).toEqual([
      { id: 'group:Developers', title: 'title of group:Developers', state: 'waiting' },
      { id: 'user:dev', title: 'title of user:dev', state: 'waiting', deferred: true }
    ])
    expect(resumeRows(null, title, new Set())).toEqual([])
  })

  it('rolls back exactly what the last apply created, dependents first', () => {
    const report = applyReport({ steps: [applied('group:Developers'), applied('user:dev', { created: false }), applied('membership:dev:Developers')] })
    expect(createdIds(report)).toEqual(['membership:dev:Developers', 'group:Developers'])
    expect(createdIds(null)).toBeNull()
    expect(rollbackRows(['membership:dev:Developers'], title)).toEqual([
      { id: 'membership:dev:Developers', title: 'title of membership:dev:Developers', state: 'waiting' }
    ])
    expect(rollbackRows(null, title)).toEqual([])
  })
})

describe('what the Apply screen offers', () => {
  it('offers Apply for a fresh plan, with its overview, and keeps Continue until it is applied', () => {
    const view = applyRunView(planned, notStarted)
    expect(view.offers).toEqual({ apply: true, resume: false, rollBack: false, planAgain: false })
    expect(view.planOverview).toEqual(devPlan())
    expect(view.showsOperation).toBe(false)
    expect(view.canContinue).toBe(false)
    expect(view.blockedReason).toBe('Apply the plan first.')
  })

  it('while an operation runs, the rows follow it, the overview goes, and Continue waits', () => {
    const view = applyRunView(planned, after({ type: 'started', op: 'apply', steps: 4 }))
    expect(view).toMatchObject({
      busy: true,
      showsOperation: true,
      planOverview: null,
      rollingBack: false,
      canContinue: false,
      blockedReason: 'Wait for the apply to finish.'
    })
    expect(applyRunView(planned, after({ type: 'started', op: 'rollback', steps: 2 })).rollingBack).toBe(true)
  })

  it('after a finished apply: Continue, and Roll back for what it created', () => {
    const view = applyRunView(planned, after({ type: 'applied', op: 'apply', report: doneApply }))
    expect(view).toMatchObject({ applied: true, canContinue: true, offers: { apply: false, resume: false, rollBack: true, planAgain: false } })
    const madeNothing = applyReport({ steps: [applied('group:Developers', { created: false })] })
    expect(applyRunView(planned, after({ type: 'applied', op: 'apply', report: madeNothing })).offers.rollBack).toBe(false)
  })

  it('after a failed apply: Resume or Roll back, and no Continue', () => {
    const view = applyRunView(planned, after({ type: 'applied', op: 'apply', report: failedApply }))
    expect(view).toMatchObject({
      applyFailed: true,
      canContinue: false,
      blockedReason: 'Resume or roll back first.',
      offers: { apply: false, resume: true, rollBack: true, planAgain: false }
    })
  })

  it('an apply blocked by conflicts sends the user back to Plan', () => {
    const view = applyRunView(planned, after({ type: 'applied', op: 'apply', report: applyReport({ outcome: 'blocked' }) }))
    expect(view.canContinue).toBe(false)
    expect(view.blockedReason).toBe('Resolve the conflicts on the Plan screen first.')
  })

  it('hides Roll back while the user is asked to confirm it', () => {
    const run = after({ type: 'applied', op: 'apply', report: failedApply }, { type: 'rollback-asked' })
    expect(applyRunView(planned, run).offers.rollBack).toBe(false)
  })

  it('after a rollback: Plan again only; after one that stopped: Roll back again, not Resume', () => {
    const rolledBack = after(
      { type: 'applied', op: 'apply', report: doneApply },
      { type: 'rolled-back', report: rollbackReport({ steps: [undone('user:dev')] }) }
    )
    expect(applyRunView(planned, rolledBack)).toMatchObject({
      rolledBack: true,
      rollingBack: true,
      canContinue: false,
      blockedReason: 'The setup was rolled back; plan and apply again to continue.',
      offers: { apply: false, resume: false, rollBack: false, planAgain: true }
    })
    const stopped = after({ type: 'applied', op: 'apply', report: failedApply }, { type: 'rolled-back', report: rollbackReport({ outcome: 'failed' }) })
    expect(applyRunView(planned, stopped)).toMatchObject({ rollbackFailed: true, offers: { apply: false, resume: false, rollBack: true, planAgain: false } })
  })

  it('after a restart, a finished run in the journal lets the user continue or roll it back', () => {
    const view = applyRunView(journal({ state: 'finished', canResume: false, canRollBack: true }), notStarted)
    expect(view.lastRunNotice?.state).toBe('finished')
    expect(view).toMatchObject({
      applied: true,
      canContinue: true,
      planOverview: null,
      offers: { apply: false, resume: false, rollBack: true, planAgain: false }
    })
  })

  it('after a restart, a stopped run in the journal is resumed or rolled back before anything else', () => {
    const view = applyRunView(journal(), notStarted)
    expect(view).toMatchObject({
      applied: false,
      canContinue: false,
      blockedReason: 'Resume or roll back the last apply first.',
      offers: { apply: false, resume: true, rollBack: true, planAgain: false }
    })
    // Once the resume answers, the notice gives way to its summary.
    expect(applyRunView(journal(), after({ type: 'applied', op: 'resume', report: doneApply })).lastRunNotice).toBeNull()
  })

  it('offers nothing while the plan is being read, or when reading it failed', () => {
    const view = applyRunView(null, notStarted)
    expect(view.offers).toEqual({ apply: false, resume: false, rollBack: false, planAgain: false })
    expect(view.blockedReason).toBe('Apply the plan first.')
  })
})
