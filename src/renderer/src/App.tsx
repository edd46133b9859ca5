import { Component, Suspense, type ReactNode } from 'react'
import type { JourneyState } from '../../shared/contract'
import { JourneyProvider, useJourney } from './journey/journey-context'
import { screens } from './journey/screens'
import { Stepper } from './journey/Stepper'
import { useCall } from './use-call'
import { ErrorNotice } from './ui/ErrorNotice'
import { AccountBadge } from './journey/AccountBadge'

export function App() {
  const [journey, retry] = useCall(() => window.cairn.journey.get())
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to the current step
      </a>
      {journey.status === 'done' ? (
        <JourneyProvider initial={journey.value}>
          <Shell />
        </JourneyProvider>
      ) : (
        <>
          <Header />
          <main className="screen" id="main">
            {journey.status === 'loading' ? (
              <p role="status">Opening Cairn…</p>
            ) : (
              <ErrorNotice error={journey.error}>
                <button type="button" onClick={retry}>
                  Try again
                </button>
              </ErrorNotice>
            )}
          </main>
        </>
      )}
    </div>
  )
}

function Shell() {
  const { state } = useJourney()
  const Screen = screens[state.current]
  return (
    <>
      <Header journey={state} />
      <div className="layout">
        <Stepper />
        <main className="screen" id="main" data-step={state.current}>
          <ScreenBoundary key={state.current}>
            <Suspense fallback={<p role="status">Loading…</p>}>
              <Screen />
            </Suspense>
          </ScreenBoundary>
        </main>
      </div>
    </>
  )
}

function Header({ journey }: { journey?: JourneyState }) {
  return (
    <header className="app-header">
      <span className="brand" aria-hidden="true">
        <CairnMark />
      </span>
      <span className="brand-name">Cairn</span>
      {journey?.account ? <AccountBadge key={journey.current} account={journey.account} /> : null}
    </header>
  )
}

/** A screen that throws (or whose code fails to load) leaves the stepper usable. */
class ScreenBoundary extends Component<{ children: ReactNode }, { failed: Error | null }> {
  override state = { failed: null as Error | null }

  static getDerivedStateFromError(failed: Error) {
    return { failed }
  }

  override render() {
    if (!this.state.failed) return this.props.children
    return (
      <div className="notice notice-problem" role="alert">
        <p className="notice-title">This screen could not open</p>
        <p>{this.state.failed.message}</p>
        <p>Choose another step on the left, or restart Cairn. Nothing you saved is lost.</p>
        <button type="button" onClick={() => this.setState({ failed: null })}>
          Try again
        </button>
      </div>
    )
  }
}

function CairnMark() {
  return (
    <svg width="28" height="28" viewBox="0 0 32 32" focusable="false">
      <ellipse cx="16" cy="26" rx="11" ry="4" fill="currentColor" opacity="0.9" />
      <ellipse cx="16" cy="18.5" rx="8" ry="3.5" fill="currentColor" opacity="0.75" />
      <ellipse cx="16" cy="12" rx="5.5" ry="3" fill="currentColor" opacity="0.6" />
      <ellipse cx="16" cy="6.5" rx="3" ry="2.2" fill="currentColor" opacity="0.45" />
    </svg>
  )
}
