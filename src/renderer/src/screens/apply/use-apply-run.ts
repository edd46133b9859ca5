import { useMemo, useReducer } from 'react'
import type { SetupRequestPayload } from '../../../../shared/channels/setup'
import type { ApplyReportPayload } from '../../../../shared/contract'
import type { IpcResult } from '../../../../shared/errors'
import { asCallError } from '../../ui/use-action'
import { useCall } from '../../use-call'
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
  type Operation,
  type Source
} from './apply-run'
import { settleRows, type Row } from './operation-rows'
import { doWords, stepTitle, undoWords } from './step-words'
import { useOperation } from './use-operation'

/** The planned setup's diff (either layout), or without a plan (after a restart) what the setup journal says. */
async function loadSource(setup: SetupRequestPayload | null): Promise<IpcResult<Source>> {
  if (setup) {
    const plan = await window.cairn.setup.plan(setup)
    return plan.ok ? { ok: true, value: { kind: 'plan', plan: plan.value } } : plan
  }
  const lastRun = await window.cairn.setup.lastRun()
  return lastRun.ok ? { ok: true, value: sourceFromJournal(lastRun.value) } : lastRun
}

/**
 * The Apply screen's run: the source it starts from (useCall), the rows and progress events of
 * the operation (useOperation), and the apply-run reducer for everything in between.
 */
export function useApplyRun(setup: SetupRequestPayload | null) {
  const [loaded, reload] = useCall(() => loadSource(setup))
  const source = loaded.status === 'done' ? loaded.value : null
  const [run, dispatch] = useReducer(applyRun, notStarted)
  const operation = useOperation()

  const subjects = useMemo(() => planSubjects(source), [source])
  const doTitle = (id: string) => stepTitle(id, subjects, doWords)
  const undoTitle = (id: string) => stepTitle(id, subjects, undoWords)
  const planned = planRows(source)
  const deferred = deferredIds(planned)
  const toUndo = createdIds(run.lastApply)
  const view = applyRunView(source, run)

  const start = async <T>(
    op: Operation,
    initial: Row[],
    title: (id: string) => string,
    begin: (operationId: string) => Promise<IpcResult<{ summary: T }>>,
    end: (summary: T) => void
  ) => {
    dispatch({ type: 'started', op, steps: initial.length })
    try {
      const { summary } = await operation.run(initial, title, begin)
      end(summary)
    } catch (failure) {
      dispatch({ type: 'failed', op, error: asCallError(failure) })
    }
  }

  const applied = (op: 'apply' | 'resume') => (report: ApplyReportPayload) => {
    operation.setRows((rows) => settleApplyRows(rows, report, doTitle, deferred))
    dispatch({ type: 'applied', op, report })
  }

  return {
    loaded,
    reload,
    source,
    run,
    view,
    rows: view.showsOperation ? operation.rows : planned,
    doTitle,
    undoTitle,
    /** What a rollback takes back, in the words it takes it back with (null: the report is gone). */
    changesToUndo: toUndo ? toUndo.map(undoTitle) : null,
    apply: () => {
      if (!setup) return
      void start('apply', planned, doTitle, (operationId) => window.cairn.setup.apply({ ...setup, operationId }), applied('apply'))
    },
    resume: () =>
      void start(
        'resume',
        resumeRows(run.lastApply, doTitle, deferred),
        doTitle,
        (operationId) => window.cairn.setup.resume({ operationId }),
        applied('resume')
      ),
    rollBack: () =>
      void start(
        'rollback',
        rollbackRows(toUndo, undoTitle),
        undoTitle,
        (operationId) => window.cairn.setup.rollback({ operationId }),
        (report) => {
          operation.setRows((rows) => settleRows(rows, report.steps, undoTitle))
          dispatch({ type: 'rolled-back', report })
        }
      ),
    askRollback: () => dispatch({ type: 'rollback-asked' }),
    keepChanges: () => dispatch({ type: 'rollback-kept' })
  }
}
