import { useEffect, useState, type ReactNode } from 'react'
import type { ConnectionInfo } from '../../../shared/contract'
import { call } from '../call'
import { useJourney } from '../journey/journey-context'
import { ErrorNotice } from './ErrorNotice'
import { asCallError, useAction } from './use-action'
import type { CallError } from '../call'

type State =
  | { status: 'checking' }
  | { status: 'connected'; info: ConnectionInfo }
  | { status: 'needed'; removed?: string }
  | { status: 'ask-practice'; removed?: string }
  | { status: 'failed'; error: CallError }

/**
 * Steps that talk to the account need the bootstrap connection, which lives in main's memory
 * only. On the practice account Cairn reconnects by itself during setup; once setup has deleted
 * the temporary root key, reconnecting makes a new one, so Cairn asks first and offers to delete
 * it again when the user is done. On a real account the user connects again (Cairn never saved
 * the key).
 */
export function RequireConnection({ children }: { children: (info: ConnectionInfo) => ReactNode }) {
  const journey = useJourney()
  const practice = journey.state.account === 'practice'
  // Billing access deletes the temporary root key, unless the user chose "Keep it for now".
  const keyDeleted = journey.state.done.includes('billing') && journey.state.rootKeyKept !== true
  const [state, setState] = useState<State>({ status: 'checking' })
  const [attempt, setAttempt] = useState(0)
  const [connecting, connectPractice] = useAction(() => window.cairn.connect.practice())

  useEffect(() => {
    let current = true
    void (async () => {
      try {
        const status = await call(window.cairn.connect.status())
        if (status.connected) return current && setState({ status: 'connected', info: status })
        if (!practice) return current && setState({ status: 'needed' })
        if (keyDeleted) return current && setState({ status: 'ask-practice' })
        const info = await call(window.cairn.connect.practice())
        if (current) setState({ status: 'connected', info })
      } catch (error) {
        if (current) setState({ status: 'failed', error: asCallError(error) })
      }
    })()
    return () => {
      current = false
    }
  }, [attempt, practice, keyDeleted])

  if (state.status === 'checking') return <p role="status">Connecting to the account…</p>
  if (state.status === 'connected') {
    return (
      <>
        {keyDeleted && state.info.isRoot ? (
          <TemporaryKeyBanner onDeleted={(message) => setState({ status: practice ? 'ask-practice' : 'needed', removed: message })} />
        ) : null}
        {children(state.info)}
      </>
    )
  }
  if (state.status === 'failed') {
    return (
      <ErrorNotice error={state.error}>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </ErrorNotice>
    )
  }
  if (state.status === 'ask-practice') {
    return (
      <div className="notice" role="region" aria-label="Connect again">
        {state.removed ? (
          <p className="notice-title" role="status">
            {state.removed}
          </p>
        ) : null}
        <p className="notice-title">Connect again to look at the account</p>
        <p>
          Setup deleted the temporary root access key. Reading the account again needs a new one: Cairn makes it on the practice account, and offers to delete
          it again when you are done here.
        </p>
        <button
          type="button"
          className="primary"
          disabled={connecting.status === 'running'}
          onClick={async () => {
            const info = await connectPractice()
            if (info) setState({ status: 'connected', info })
          }}
        >
          Connect with a new temporary root key
        </button>
        {connecting.status === 'failed' ? <ErrorNotice error={connecting.error} /> : null}
      </div>
    )
  }
  return (
    <div className="notice" role="alert">
      {state.removed ? <p className="notice-title">{state.removed}</p> : null}
      <p className="notice-title">Connect again to continue</p>
      <p>Cairn keeps the key you connected with in memory only, so it is gone after a restart. Connect again and you will come back here.</p>
      <button type="button" className="primary" onClick={() => void journey.go('connect')}>
        Go to Connect
      </button>
    </div>
  )
}

/** After setup, a root connection is a fresh temporary key: one click deletes it (and checks it is gone). */
function TemporaryKeyBanner({ onDeleted }: { onDeleted: (message: string) => void }) {
  const [deleting, deleteKey] = useAction(() => window.cairn.setup.deleteBootstrapKey({ confirm: true }))
  return (
    <div className="notice notice-warn" data-testid="temporary-root-key">
      <p className="notice-title">Connected with a temporary root access key</p>
      <p>Setup already deleted the first one. Delete this one too when you are done here: root access keys should stay at 0.</p>
      <button
        type="button"
        disabled={deleting.status === 'running'}
        onClick={async () => {
          const deleted = await deleteKey()
          if (deleted) onDeleted(deleted.message)
        }}
      >
        Delete the key and disconnect
      </button>
      {deleting.status === 'failed' ? <ErrorNotice error={deleting.error} /> : null}
    </div>
  )
}
