import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import type { JourneyState, JourneyStep, RoleSpecPayload } from '../../../shared/contract'
import { call } from '../call'
import { nextStep } from './steps'

export interface Journey {
  state: JourneyState
  /** Opens a step (back, or forward to one already reached). */
  go(step: JourneyStep): Promise<void>
  /** Marks the current step done and opens the next one. */
  complete(step: JourneyStep): Promise<void>
  /** Welcome's choice: starts (or restarts) the journey for that account. */
  start(account: 'practice' | 'real'): Promise<void>
  /**
   * The roles as planned on the Plan screen, for Apply and MFA. Renderer memory only; after a
   * restart Apply resumes from the setup journal instead.
   */
  plannedRoles: RoleSpecPayload[] | null
  setPlannedRoles(roles: RoleSpecPayload[] | null): void
}

const JourneyContext = createContext<Journey | null>(null)

export function JourneyProvider({ initial, children }: { initial: JourneyState; children: ReactNode }) {
  const [state, setState] = useState(initial)
  const [plannedRoles, setPlannedRoles] = useState<RoleSpecPayload[] | null>(null)

  const update = useCallback(async (request: { account?: 'practice' | 'real'; current?: JourneyStep; done?: JourneyStep }) => {
    setState(await call(window.cairn.journey.update(request)))
  }, [])

  const journey = useMemo<Journey>(
    () => ({
      state,
      go: (step) => update({ current: step }),
      complete: (step) => update({ done: step, current: nextStep(step) ?? step }),
      start: (account) => update({ account, done: 'welcome', current: 'root' }),
      plannedRoles,
      setPlannedRoles
    }),
    [state, update, plannedRoles]
  )
  return <JourneyContext.Provider value={journey}>{children}</JourneyContext.Provider>
}

export function useJourney(): Journey {
  const journey = useContext(JourneyContext)
  if (!journey) throw new Error('useJourney is used outside JourneyProvider')
  return journey
}
