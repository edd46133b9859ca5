import { useEffect } from 'react'
import type { BillingAccessState } from '../../../../shared/contract'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { StatusBadge } from '../../ui/StatusBadge'
import { useAction } from '../../ui/use-action'

const badge = { on: 'pass', off: 'fail', unknown: 'unknown' } as const
const words = { on: 'On', off: 'Off', unknown: 'Cannot tell' } as const

/** "Check again" for IAM access to billing, and on the practice account, doing it. */
export function BillingCheck({ account }: { account: 'practice' | 'real' }) {
  const [checking, check] = useAction(() => window.cairn.guide.checkBilling({ account }))
  const [activating, activate] = useAction(() => window.cairn.guide.activatePracticeBilling())
  useEffect(() => {
    void check()
    // Once on open; `check` is stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  // The latest answer wins, whichever button gave it.
  const latest: BillingAccessState | null = activating.status === 'done' ? activating.value : checking.status === 'done' ? checking.value : null

  return (
    <div className="billing-check">
      <div className="billing-check-actions">
        <button
          type="button"
          onClick={() => {
            void check()
          }}
          disabled={checking.status === 'running'}
        >
          Check again
        </button>
        {account === 'practice' && latest?.state !== 'on' ? (
          <button type="button" className="primary" onClick={() => void activate().then(() => check())} disabled={activating.status === 'running'}>
            Do it on the practice account
          </button>
        ) : null}
      </div>
      {checking.status === 'running' && !latest ? <p role="status">Checking…</p> : null}
      {latest ? (
        <div data-testid="billing-state" role="status">
          <p>
            <StatusBadge status={badge[latest.state]} label={`IAM access to billing: ${words[latest.state]}`} />
          </p>
          <p>{latest.message}</p>
          {latest.howToConfirm.length ? (
            <ol>
              {latest.howToConfirm.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ol>
          ) : null}
        </div>
      ) : null}
      {checking.status === 'failed' ? <ErrorNotice error={checking.error} /> : null}
      {activating.status === 'failed' ? <ErrorNotice error={activating.error} /> : null}
    </div>
  )
}
