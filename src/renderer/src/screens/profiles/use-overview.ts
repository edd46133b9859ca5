import { useCallback, useEffect, useRef, useState } from 'react'
import type { ProfilesOverview } from '../../../../shared/contract'
import { call, type CallError } from '../../call'
import { asCallError } from '../../ui/use-action'

export interface OverviewState {
  /** The last overview main sent; kept while a later refresh fails, so the cards stay usable. */
  overview: ProfilesOverview | null
  error: CallError | null
  /** Reads profiles.list again (after an action whose answer is not an overview). */
  refresh(): Promise<void>
  /** Takes an overview an action answered with (profiles.switch). */
  replace(overview: ProfilesOverview): void
}

/** The roles as main sees them, read on open and again after every action. */
export function useOverview(): OverviewState {
  const [state, setState] = useState<{ overview: ProfilesOverview | null; error: CallError | null }>({ overview: null, error: null })
  // Only the newest answer counts: a slow list must not undo a switch that answered after it.
  const latest = useRef(0)
  const mounted = useRef(true)

  const refresh = useCallback(async () => {
    const ticket = ++latest.current
    try {
      const overview = await call(window.cairn.profiles.list())
      if (mounted.current && ticket === latest.current) setState({ overview, error: null })
    } catch (error) {
      if (mounted.current && ticket === latest.current) setState((previous) => ({ overview: previous.overview, error: asCallError(error) }))
    }
  }, [])

  const replace = useCallback((overview: ProfilesOverview) => {
    latest.current++
    setState({ overview, error: null })
  }, [])

  useEffect(() => {
    mounted.current = true
    void refresh()
    return () => {
      mounted.current = false
    }
  }, [refresh])

  return { ...state, refresh, replace }
}
