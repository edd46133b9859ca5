import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import type { IpcResult } from '../../../shared/errors'
import { call, CallError } from '../call'

export type ActionState<T> = { status: 'idle' } | { status: 'running' } | { status: 'done'; value: T } | { status: 'failed'; error: CallError }

export const asCallError = (error: unknown): CallError =>
  error instanceof CallError ? error : new CallError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) })

/**
 * A call the user starts (a button): its state for the screen, one run at a time, and the
 * value or error also returned to the caller. Results arriving after the screen left are dropped.
 */
export function useAction<A extends unknown[], T>(start: (...args: A) => Promise<IpcResult<T>>) {
  const [state, setState] = useState<ActionState<T>>({ status: 'idle' })
  const running = useRef(false)
  // The latest closure, so a run reads the props and state of the render that clicked.
  const latest = useRef(start)
  useLayoutEffect(() => {
    latest.current = start
  })
  const run = useCallback(async (...args: A): Promise<T | undefined> => {
    if (running.current) return undefined
    running.current = true
    setState({ status: 'running' })
    try {
      const value = await call(latest.current(...args))
      setState({ status: 'done', value })
      return value
    } catch (error) {
      setState({ status: 'failed', error: asCallError(error) })
      return undefined
    } finally {
      running.current = false
    }
  }, [])
  const reset = useCallback(() => setState({ status: 'idle' }), [])
  return [state, run, reset] as const
}
