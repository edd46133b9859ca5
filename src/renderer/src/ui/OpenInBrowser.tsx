import type { ReactNode } from 'react'
import { ErrorNotice } from './ErrorNotice'
import { useAction } from './use-action'

/** Opens an AWS console page in the user's own browser (main checks it is an AWS https page). */
export function OpenInBrowser({ url, children }: { url: string; children: ReactNode }) {
  const [state, open] = useAction(() => window.cairn.app.openExternal({ url }))
  return (
    <>
      <button type="button" onClick={() => void open()} disabled={state.status === 'running'}>
        {children}
        <span className="visually-hidden"> (opens your browser)</span>
      </button>
      {state.status === 'failed' ? <ErrorNotice error={state.error} /> : null}
    </>
  )
}
