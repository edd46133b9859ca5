import { useId, type ReactNode } from 'react'
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
  onContinue,
  children
}: {
  step: JourneyStep
  canContinue?: boolean
  blockedReason?: string | undefined
  continueLabel?: string
  /** Runs before the step completes (a screen handing what it decided to the next one). */
  onContinue?: () => void
  children?: ReactNode
}) {
  const journey = useJourney()
  const back = previousStep(step)
  const blockedId = useId()
  const blocked = !canContinue && blockedReason
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
        {blocked ? (
          <span className="muted" id={blockedId}>
            {blockedReason}
          </span>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={!canContinue}
          aria-describedby={blocked ? blockedId : undefined}
          onClick={() => {
            onContinue?.()
            void journey.complete(step)
          }}
        >
          {continueLabel ?? 'Continue'}
        </button>
      </div>
    </div>
  )
}
