import type { Plan } from './plan'
import type { Step } from './step'

export class PlanCycleError extends Error {
  constructor(readonly stepIds: string[]) {
    super(`These steps wait on each other, so none of them can start: ${[...stepIds, stepIds[0]].join(' -> ')}.`)
    this.name = 'PlanCycleError'
  }
}

/**
 * Every step left unplaced waits on another unplaced one, so following those edges from any
 * of them must come back round: that loop is the cycle to report.
 */
function cycleAmong(waitingOn: Map<string, Set<string>>): string[] {
  const remaining = [...waitingOn].filter(([, waits]) => waits.size > 0)
  let id = remaining[0]?.[0]
  const path: string[] = []
  const position = new Map<string, number>()
  while (id !== undefined && !position.has(id)) {
    position.set(id, path.length)
    path.push(id)
    id = waitingOn.get(id)?.values().next().value
  }
  return id === undefined ? path : path.slice(position.get(id))
}

/**
 * The plan as layers for a parallel apply: every step's dependencies sit in earlier layers,
 * so one layer's steps can all run at once, and the number of layers is the critical path in
 * round trips. Within a layer steps keep the plan's order. A dependency on a step the plan
 * does not hold counts as done, so a plan filtered down to the steps still to run works too.
 */
export function planLayers(plan: Pick<Plan, 'steps'>): Step[][] {
  const order = new Map<string, number>()
  for (const [index, step] of plan.steps.entries()) {
    if (order.has(step.id)) throw new Error(`The plan has two steps with the id ${step.id}.`)
    order.set(step.id, index)
  }
  const waitingOn = new Map(plan.steps.map((step) => [step.id, new Set(step.dependsOn.filter((id) => order.has(id)))]))
  const dependents = new Map<string, Step[]>()
  for (const step of plan.steps) {
    for (const id of waitingOn.get(step.id) ?? []) dependents.set(id, [...(dependents.get(id) ?? []), step])
  }

  const layers: Step[][] = []
  let ready = plan.steps.filter((step) => waitingOn.get(step.id)?.size === 0)
  while (ready.length > 0) {
    layers.push(ready)
    const next: Step[] = []
    for (const step of ready) {
      for (const dependent of dependents.get(step.id) ?? []) {
        const waits = waitingOn.get(dependent.id)
        waits?.delete(step.id)
        if (waits?.size === 0) next.push(dependent)
      }
    }
    ready = next.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
  }
  if (layers.flat().length < plan.steps.length) throw new PlanCycleError(cycleAmong(waitingOn))
  return layers
}
