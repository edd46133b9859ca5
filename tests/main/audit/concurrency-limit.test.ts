import { describe, expect, it } from 'vitest'
import { concurrencyLimit } from '../../../src/main/audit/concurrency-limit'

const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('concurrencyLimit', () => {
  it('runs at most the limit at once and every task in the end', async () => {
    const limit = concurrencyLimit(3)
    let running = 0
    let most = 0
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        limit(async () => {
          running++
          most = Math.max(most, running)
          await tick()
          running--
          return i
        })
      )
    )
    expect(results).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(most).toBe(3)
  })

  it('frees the slot of a task that fails', async () => {
    const limit = concurrencyLimit(1)
    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await expect(limit(async () => 'next')).resolves.toBe('next')
  })

  it('refuses a limit that is not a positive integer', () => {
    expect(() => concurrencyLimit(0)).toThrow(RangeError)
  })
})
