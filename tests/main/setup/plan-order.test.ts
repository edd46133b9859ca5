import { describe, expect, it } from 'vitest'
import { planSetup } from '../../../src/main/setup/plan'
import { planLayers, PlanCycleError } from '../../../src/main/setup/plan-order'
import { defaultRoles } from '../../../src/main/setup/roles'
import type { Step } from '../../../src/main/setup/step'
import { securedAccount } from '../audit/account-snapshot'

function fakeStep(id: string, dependsOn: string[] = []): Step {
  return { id, role: 'dev', action: 'CreateUser', target: {}, dependsOn, status: 'create' }
}

const ids = (layers: Step[][]) => layers.map((layer) => layer.map((step) => step.id))

describe('planLayers', () => {
  const plan = planSetup(defaultRoles({ includeAdmin: true }), securedAccount())
  const layers = planLayers(plan)

  it('applies the default plan in at most 4 round trips on its critical path', () => {
    expect(layers.length).toBeLessThanOrEqual(4)
  })

  it('creates groups and users first, then everything that needs them, all at once', () => {
    expect(ids(layers)).toEqual([
      ['group:Finance', 'user:billing', 'group:Developers', 'user:dev', 'group:Operations', 'user:ops', 'group:Administrators', 'user:admin'],
      plan.steps.filter((s) => s.dependsOn.length > 0).map((s) => s.id)
    ])
  })

  it('places every step once, after all of its dependencies', () => {
    const layerOf = new Map(layers.flatMap((layer, i) => layer.map((step) => [step.id, i] as const)))
    expect(layerOf.size).toBe(plan.steps.length)
    for (const step of plan.steps) for (const dependency of step.dependsOn) expect(layerOf.get(dependency)).toBeLessThan(layerOf.get(step.id) ?? -1)
  })

  it('counts a dependency outside the plan as done, so the steps still to run can be layered alone', () => {
    const remaining = plan.steps.filter((s) => s.dependsOn.length > 0)
    expect(planLayers({ steps: remaining })).toHaveLength(1)
  })

  it('keeps chains in order', () => {
    expect(ids(planLayers({ steps: [fakeStep('c', ['b']), fakeStep('b', ['a']), fakeStep('a')] }))).toEqual([['a'], ['b'], ['c']])
  })

  it('reports the steps of a cycle instead of hanging', () => {
    const steps = [fakeStep('a'), fakeStep('b', ['a', 'd']), fakeStep('c', ['b']), fakeStep('d', ['c']), fakeStep('e', ['d'])]
    expect(() => planLayers({ steps })).toThrow(PlanCycleError)
    try {
      planLayers({ steps })
    } catch (error) {
      expect((error as PlanCycleError).stepIds).toEqual(['b', 'd', 'c'])
      expect((error as Error).message).toBe('These steps wait on each other, so none of them can start: b -> d -> c -> b.')
    }
  })

  it('reports a step that waits on itself', () => {
    expect(() => planLayers({ steps: [fakeStep('a', ['a'])] })).toThrow('a -> a')
  })

  it('refuses two steps with the same id', () => {
    expect(() => planLayers({ steps: [fakeStep('a'), fakeStep('a')] })).toThrow('two steps with the id a')
  })
})
