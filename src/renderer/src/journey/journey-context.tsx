import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react'
import type { SetupRequestPayload } from '../../../shared/channels/setup'
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
  /**
   * The whole setup as Plan checked it, in either layout: what Apply runs and MFA protects.
   * `plannedRoles` is its users (the guide's layout only).
   */
  plannedSetup: SetupRequestPayload | null
  setPlannedSetup(setup: SetupRequestPayload | null): void
  /**
   * Plan's "Apply N changes" opens Apply and starts the run there: one click, not two. Apply
   * takes the request once (takeApplyRequest answers true a single time).
   */
  requestApply(): void
  takeApplyRequest(): boolean
}

/** The guide's layout's roles of a planned setup; null for the roles layout or no plan. */
export const usersLayoutRoles = (setup: SetupRequestPayload | null): RoleSpecPayload[] | null => (setup && setup.layout !== 'roles' ? setup.roles : null)

const JourneyContext = createContext<Journey | null>(null)

export function JourneyProvider({ initial, children }: { initial: JourneyState; children: ReactNode }) {
  const [state, setState] = useState(initial)
  const [plannedSetup, setPlannedSetup] = useState<SetupRequestPayload | null>(null)
  const applyRequested = useRef(false)

  const update = useCallback(async (request: { account?: 'practice' | 'real'; current?: JourneyStep; done?: JourneyStep }) => {
    setState(await call(window.cairn.journey.update(request)))
  }, [])

  const journey = useMemo<Journey>(
    () => ({
      state,
      go: (step) => update({ current: step }),
      complete: (step) => update({ done: step, current: nextStep(step) ?? step }),
      start: (account) => update({ account, done: 'welcome', current: 'root' }),
      plannedRoles: usersLayoutRoles(plannedSetup),
      setPlannedRoles: (roles) => setPlannedSetup(roles ? { roles } : null),
      plannedSetup,
      setPlannedSetup,
      requestApply: () => {
        applyRequested.current = true
      },
      takeApplyRequest: () => {
        const requested = applyRequested.current
        applyRequested.current = false
        return requested
      }
    }),
    [state, update, plannedSetup]
  )
  return <JourneyContext.Provider value={journey}>{children}</JourneyContext.Provider>
}

export function useJourney(): Journey {
  const journey = useContext(JourneyContext)
  if (!journey) throw new Error('useJourney is used outside JourneyProvider')
  return journey
}
