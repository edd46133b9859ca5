import type { ReactNode } from 'react'
import type { JourneyStep } from '../../../shared/contract'
import { useJourney } from '../journey/journey-context'
import { previousStep, stepInfo } from '../journey/steps'

/**
 * The row at the bottom of every step: Back on the left, the step's own primary action (or
 * Continue) on the right. `canContinue` false keeps Continue disabled with `blockedReason`
 * said next to it, so the user knows what is missing.
 */
export function StepActions({
  step,
  canContinue = true,
  blockedReason,
  continueLabel,
  children
}: {
  step: JourneyStep
  canContinue?: boolean
  blockedReason?: string
  continueLabel?: string
  children?: ReactNode
}) {
  const journey = useJourney()
  const back = previousStep(step)
  return (
    <div className="step-actions">
      {back ? (
        <button type="button" className="secondary" onClick={() => void journey.go(back)}>
          Back to {stepInfo(back).label}
        </button>
      ) : (
        <span />
      )}
      <div className="step-actions-forward">
        {children}
        {!canContinue && blockedReason ? <span className="muted">{blockedReason}</span> : null}
        <button type="button" className="primary" disabled={!canContinue} onClick={() => void journey.complete(step)}>
          {continueLabel ?? 'Continue'}
        </button>
      </div>
    </div>
  )
}
