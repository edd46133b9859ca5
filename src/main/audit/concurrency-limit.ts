export type Limit = <T>(task: () => Promise<T>) => Promise<T>

/**
 * At most `max` tasks run at once; the rest wait in call order. Tasks must not call the same
 * limit themselves, or a full limit would wait on itself.
 */
export function concurrencyLimit(max: number): Limit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`A concurrency limit must be a positive integer, not ${max}.`)
  let running = 0
  const waiting: Array<() => void> = []
  const release = (): void => {
    running--
    waiting.shift()?.()
  }
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= max) await new Promise<void>((resolve) => waiting.push(resolve))
    running++
    try {
      return await task()
    } finally {
      release()
    }
  }
}
