import { useEffect, useState, type ReactNode } from 'react'
import type { ConnectionInfo } from '../../../shared/contract'
import { call } from '../call'
import { useJourney } from '../journey/journey-context'
import { ErrorNotice } from './ErrorNotice'
import { asCallError } from './use-action'
import type { CallError } from '../call'

type State = { status: 'checking' } | { status: 'connected'; info: ConnectionInfo } | { status: 'needed' } | { status: 'failed'; error: CallError }

/**
 * Steps that talk to the account need the bootstrap connection, which lives in main's memory
 * only. On the practice account Cairn reconnects by itself; on a real account the user is
 * asked for the key again (Cairn never saved it).
 */
export function RequireConnection({ children }: { children: (info: ConnectionInfo) => ReactNode }) {
  const journey = useJourney()
  const [state, setState] = useState<State>({ status: 'checking' })
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let current = true
    void (async () => {
      try {
        const status = await call(window.cairn.connect.status())
        if (status.connected) return current && setState({ status: 'connected', info: status })
        if (journey.state.account !== 'practice') return current && setState({ status: 'needed' })
        const info = await call(window.cairn.connect.practice())
        if (current) setState({ status: 'connected', info })
      } catch (error) {
        if (current) setState({ status: 'failed', error: asCallError(error) })
      }
    })()
    return () => {
      current = false
    }
  }, [attempt, journey.state.account])

  if (state.status === 'checking') return <p role="status">Connecting to the account…</p>
  if (state.status === 'connected') return <>{children(state.info)}</>
  if (state.status === 'failed') {
    return (
      <ErrorNotice error={state.error}>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </ErrorNotice>
    )
  }
  return (
    <div className="notice" role="alert">
      <p className="notice-title">Connect again to continue</p>
      <p>Cairn keeps the key you connected with in memory only, so it is gone after a restart. Connect again and you will come back here.</p>
      <button type="button" className="primary" onClick={() => void journey.go('connect')}>
        Go to Connect
      </button>
    </div>
  )
}
