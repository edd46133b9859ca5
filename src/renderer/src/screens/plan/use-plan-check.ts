import { useEffect, useState } from 'react'
import type { SetupRequestPayload } from '../../../../shared/channels/setup'
import type { PlanPayload } from '../../../../shared/contract'
import { call, CallError } from '../../call'
import { asCallError } from '../../ui/use-action'
import { issuesBySetup, type SetupFeedback } from './plan-feedback'

export type PlanCheck =
  | { status: 'checking' }
  | { status: 'planned'; plan: PlanPayload }
  | { status: 'invalid'; feedback: SetupFeedback; error: CallError }
  | { status: 'failed'; error: CallError }

/**
 * Plans the setup (either layout) as the user types: setup.plan once they pause for `delayMs`, which checks
 * AWS's name rules and diffs against the account without changing anything. Only the answer
 * for the latest roles counts. `lastPlan` keeps the diff on screen while the next is checked.
 */
export function usePlanCheck(setup: SetupRequestPayload | null, delayMs = 300) {
  // The answer remembers what it answered, so a change of roles reads as "checking" at once.
  const [answer, setAnswer] = useState<{ setup: SetupRequestPayload; attempt: number; check: PlanCheck } | null>(null)
  // With the layout it was for: a diff of the other layout is not kept on screen while the new one is checked.
  const [last, setLast] = useState<{ plan: PlanPayload; roles: boolean } | null>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (!setup) return undefined
    let current = true
    const settle = (check: PlanCheck) => current && setAnswer({ setup, attempt, check })
    const timer = setTimeout(() => {
      call(window.cairn.setup.plan(setup)).then(
        (plan) => {
          settle({ status: 'planned', plan })
          if (current) setLast({ plan, roles: setup.layout === 'roles' })
        },
        (error: unknown) => {
          const failure = asCallError(error)
          if (failure.code === 'INVALID_REQUEST' && failure.issues?.length)
            settle({ status: 'invalid', feedback: issuesBySetup(setup, failure.issues), error: failure })
          else settle({ status: 'failed', error: failure })
        }
      )
    }, delayMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [setup, delayMs, attempt])
  const check: PlanCheck = answer && answer.setup === setup && answer.attempt === attempt ? answer.check : { status: 'checking' }
  const lastPlan = last && setup && last.roles === (setup.layout === 'roles') ? last.plan : null
  return { check, lastPlan, retry: () => setAttempt((n) => n + 1) }
}
