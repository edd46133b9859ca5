import { describe, expect, it } from 'vitest'
import { FaultPlan, mulberry32 } from '../../src/practice/faults'

const run = (plan: FaultPlan, n: number, action = 'GetUser') =>
  Array.from({ length: n }, () => {
    const d = plan.next(action)
    return `${d.delayMs}:${d.error?.code ?? 'ok'}`
  })

describe('faults', () => {
  it('replays exactly the same faults from the same seed', () => {
    const options = { seed: 7, latencyMs: 5, jitterMs: 20, throttleRate: 0.2, serverErrorRate: 0.2 }
    expect(run(new FaultPlan(options), 200)).toEqual(run(new FaultPlan(options), 200))
    expect(run(new FaultPlan(options), 200)).not.toEqual(run(new FaultPlan({ ...options, seed: 8 }), 200))
  })

  it('throttles at roughly the configured rate with 400 Throttling "Rate exceeded"', () => {
    const plan = new FaultPlan({ seed: 1, throttleRate: 0.25 })
    const errors = Array.from({ length: 4000 }, () => plan.next('ListUsers').error).filter((e) => e !== null)
    expect(errors.length / 4000).toBeGreaterThan(0.2)
    expect(errors.length / 4000).toBeLessThan(0.3)
    expect(errors[0]).toMatchObject({ code: 'Throttling', message: 'Rate exceeded', status: 400, type: 'Sender' })
  })

  it('answers server errors with both 500 ServiceFailure and 503 ServiceUnavailable as Receiver faults', () => {
    const plan = new FaultPlan({ seed: 3, serverErrorRate: 1 })
    const codes = new Set(Array.from({ length: 100 }, () => plan.next('GetUser').error?.status))
    expect(codes).toEqual(new Set([500, 503]))
  })

  it('fails exactly the Nth matching call, counting only the chosen actions', () => {
    const plan = new FaultPlan({ failCalls: [2], failWith: 'ServiceUnavailable', actions: ['CreateUser'] })
    expect(plan.next('GetUser').error).toBeNull()
    expect(plan.next('CreateUser').error).toBeNull()
    expect(plan.next('GetUser').error).toBeNull()
    expect(plan.next('CreateUser').error?.code).toBe('ServiceUnavailable')
    expect(plan.next('CreateUser').error).toBeNull()
  })

  it('adds fixed latency plus bounded jitter', () => {
    const plan = new FaultPlan({ seed: 9, latencyMs: 10, jitterMs: 5 })
    for (let i = 0; i < 100; i++) {
      const { delayMs } = plan.next('GetUser')
      expect(delayMs).toBeGreaterThanOrEqual(10)
      expect(delayMs).toBeLessThan(15)
    }
  })

  it('uses a PRNG whose sequence is fixed for a seed on every platform', () => {
    const random = mulberry32(42)
    expect([random(), random(), random()].map((n) => n.toFixed(6))).toEqual(['0.601104', '0.448291', '0.852466'])
  })
})
