import { useJourney } from './journey-context'
import { stepIndex, steps } from './steps'

/**
 * Where the user is in the journey. Steps up to the furthest one reached are links back;
 * later ones are shown but not reachable yet.
 */
export function Stepper() {
  const { state, go } = useJourney()
  const reached = stepIndex(state.reached)
  return (
    <nav aria-label="Setup steps" className="stepper">
      <ol>
        {steps.map((step, index) => {
          const current = step.id === state.current
          const done = state.done.includes(step.id)
          const reachable = index <= reached || state.finished
          const className = ['stepper-step', current ? 'current' : '', done ? 'done' : ''].filter(Boolean).join(' ')
          return (
            <li key={step.id} className={className}>
              {reachable && !current ? (
                <button type="button" className="stepper-link" onClick={() => void go(step.id)}>
                  <StepMarker index={index} done={done} />
                  <span>{step.label}</span>
                  {done ? <span className="visually-hidden"> (done)</span> : null}
                </button>
              ) : (
                <span className="stepper-label" aria-current={current ? 'step' : undefined} aria-disabled={!reachable || undefined}>
                  <StepMarker index={index} done={done} />
                  <span>{step.label}</span>
                  {done ? <span className="visually-hidden"> (done)</span> : null}
                  {!reachable ? <span className="visually-hidden"> (not yet)</span> : null}
                </span>
              )}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

function StepMarker({ index, done }: { index: number; done: boolean }) {
  return (
    <span className="stepper-marker" aria-hidden="true">
      {done ? '✓' : index + 1}
    </span>
  )
}
