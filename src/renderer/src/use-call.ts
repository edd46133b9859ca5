import { useCallback, useEffect, useState } from 'react'
import type { IpcResult } from '../../shared/errors'
import { call, CallError } from './call'

export type CallState<T> = { status: 'loading' } | { status: 'done'; value: T } | { status: 'failed'; error: CallError }

/** Runs an IPC call when the screen mounts and again on `retry()`. */
export function useCall<T>(start: () => Promise<IpcResult<T>>): [CallState<T>, () => void] {
  const [state, setState] = useState<CallState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let current = true
    call(start()).then(
      (value) => current && setState({ status: 'done', value }),
      (error: unknown) =>
        current && setState({ status: 'failed', error: error instanceof CallError ? error : new CallError({ code: 'INTERNAL', message: String(error) }) })
    )
    return () => {
      current = false
    }
    // `start` is a fresh closure each render; `attempt` is what asks for a new call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt])
  const retry = useCallback(() => {
    setState({ status: 'loading' })
    setAttempt((n) => n + 1)
  }, [])
  return [state, retry]
}
