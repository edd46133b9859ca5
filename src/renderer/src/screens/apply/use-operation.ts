import { useCallback, useEffect, useRef, useState } from 'react'
import type { IpcResult } from '../../../../shared/errors'
import { call } from '../../call'
import { applyProgress, type Row } from './operation-rows'

/**
 * A long operation (apply, resume, rollback) and its rows. The operation id is made here and
 * the `progress` subscription opened before the call, so no early event is missed; events of
 * other operations are ignored, and none is applied once the answer is in (it settles the rows).
 */
export function useOperation() {
  const [rows, setRows] = useState<Row[]>([])
  const [running, setRunning] = useState(false)
  const unsubscribe = useRef<(() => void) | null>(null)
  const mounted = useRef(true)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      unsubscribe.current?.()
      unsubscribe.current = null
    }
  }, [])

  const run = useCallback(async <T>(initial: Row[], title: (id: string) => string, start: (operationId: string) => Promise<IpcResult<T>>): Promise<T> => {
    const operationId = crypto.randomUUID()
    setRows(initial)
    setRunning(true)
    unsubscribe.current?.()
    unsubscribe.current = window.cairn.on('progress', (progress) => {
      if (progress.operationId === operationId && mounted.current) setRows((current) => applyProgress(current, progress, title))
    })
    try {
      return await call(start(operationId))
    } finally {
      unsubscribe.current?.()
      unsubscribe.current = null
      if (mounted.current) setRunning(false)
    }
  }, [])

  return { rows, setRows, running, run }
}
