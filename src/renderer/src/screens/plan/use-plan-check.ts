import { useEffect, useState } from 'react'
import type { PlanPayload, RoleSpecPayload } from '../../../../shared/contract'
import { call, CallError } from '../../call'
import { asCallError } from '../../ui/use-action'
import { issuesByRole, type RoleFeedback } from './plan-feedback'

export type PlanCheck =
  | { status: 'checking' }
  | { status: 'planned'; plan: PlanPayload }
  | { status: 'invalid'; feedback: RoleFeedback; error: CallError }
  | { status: 'failed'; error: CallError }

/**
 * Plans the roles as the user types: setup.plan once they pause for `delayMs`, which checks
 * AWS's name rules and diffs against the account without changing anything. Only the answer
 * for the latest roles counts. `lastPlan` keeps the diff on screen while the next is checked.
 */
export function usePlanCheck(roles: RoleSpecPayload[] | null, delayMs = 300) {
  // The answer remembers what it answered, so a change of roles reads as "checking" at once.
  const [answer, setAnswer] = useState<{ roles: RoleSpecPayload[]; attempt: number; check: PlanCheck } | null>(null)
  const [lastPlan, setLastPlan] = useState<PlanPayload | null>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    if (!roles) return undefined
    let current = true
    const settle = (check: PlanCheck) => current && setAnswer({ roles, attempt, check })
    const timer = setTimeout(() => {
      call(window.cairn.setup.plan({ roles })).then(
        (plan) => {
          settle({ status: 'planned', plan })
          if (current) setLastPlan(plan)
        },
        (error: unknown) => {
          const failure = asCallError(error)
          if (failure.code === 'INVALID_REQUEST' && failure.issues?.length)
            settle({ status: 'invalid', feedback: issuesByRole(roles, failure.issues), error: failure })
          else settle({ status: 'failed', error: failure })
        }
      )
    }, delayMs)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [roles, delayMs, attempt])
  const check: PlanCheck = answer && answer.roles === roles && answer.attempt === attempt ? answer.check : { status: 'checking' }
  return { check, lastPlan, retry: () => setAttempt((n) => n + 1) }
}
