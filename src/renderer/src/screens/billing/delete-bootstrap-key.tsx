import { useEffect, useId, useState } from 'react'
import type { ConnectionStatus } from '../../../../shared/contract'
import { IllustratedGuide } from '../../console-art/IllustratedGuide'
import { call } from '../../call'
import { useCall } from '../../use-call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { StatusBadge } from '../../ui/StatusBadge'
import { useAction } from '../../ui/use-action'

/** The connection as connect.status tells it; null while asking. */
export function useConnectionStatus(): ConnectionStatus | null {
  const [connection, setConnection] = useState<ConnectionStatus | null>(null)
  useEffect(() => {
    void call(window.cairn.connect.status()).then(setConnection, () => setConnection({ connected: false }))
  }, [])
  return connection
}

/**
 * Whether the root access key Cairn is connected with is still alive: the one thing Billing
 * access does not let the user walk past without saying so. Cairn connects as root only with a
 * temporary root key (the practice account's, or one the user made for the setup); an IAM
 * user's key is not Cairn's to delete.
 */
export const rootKeyAlive = (connection: ConnectionStatus | null, deleted: boolean): boolean => !deleted && connection?.connected === true && connection.isRoot

/**
 * The end of the bootstrap: the root access key Cairn was connected with is deleted (with the
 * user's explicit consent) and AWS is asked whether any root key is left. The only other way
 * past is "Keep it for now", which is recorded in the journey (`rootKeyKept`).
 */
export function DeleteBootstrapKey({
  practice,
  connection,
  kept,
  onDeleted,
  onKeep
}: {
  practice: boolean
  connection: ConnectionStatus | null
  /** The user already chose "Keep it for now" (journey.rootKeyKept). */
  kept: boolean
  onDeleted(): void
  onKeep(): void | Promise<void>
}) {
  const [consent, setConsent] = useState(false)
  const [deleting, remove] = useAction(() => window.cairn.setup.deleteBootstrapKey({ confirm: true }))
  const warningId = useId()

  if (deleting.status === 'done') {
    const result = deleting.value
    return (
      <div className="notice notice-ok" role="status" data-testid="bootstrap-key-deleted">
        <p className="notice-title">The temporary root access key is deleted</p>
        <p>
          <StatusBadge status={result.accountAccessKeysPresent === 0 ? 'pass' : 'warn'} label={`Root access keys now: ${result.accountAccessKeysPresent}`} />
        </p>
        <p>
          {result.verifiedBy === 'account-summary'
            ? `Checked with AWS: the account summary reports ${result.accountAccessKeysPresent} root access keys (AccountAccessKeysPresent).`
            : 'Checked with AWS: the deleted key is refused, so it no longer works.'}{' '}
          Key <span className="mono">{result.deletedAccessKeyId}</span> is gone, and Cairn has disconnected.
        </p>
        {result.otherRootKeys.length ? (
          <p>
            Other root keys remain: <span className="mono">{result.otherRootKeys.join(', ')}</span>. Delete them in the console (below).
          </p>
        ) : null}
        <p className="muted">{result.message}</p>
      </div>
    )
  }

  if (!connection) return <p role="status">Checking the connection…</p>
  if (!connection.connected)
    return practice ? <p>Cairn is not connected to the practice account, so there is no key of its own to delete.</p> : <DeleteByHand />
  if (!connection.isRoot) {
    return (
      <p>
        Cairn is connected with an IAM user’s key ({connection.userName ?? connection.arn}), not a root key: nothing to delete here. If you made that key only
        for this setup, deactivate it in the IAM console.
      </p>
    )
  }
  return (
    <div className="card delete-key">
      <p>
        Cairn is connected as the root user of account <span className="mono">{connection.accountId}</span>. That key is no longer needed: the billing, dev and
        ops users do the daily work. Deleting it leaves the root user with its password and MFA only.
      </p>
      <label className="consent">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        <span>Delete the root access key Cairn is connected with. Cairn disconnects afterwards.</span>
      </label>
      <button
        type="button"
        className="primary"
        disabled={!consent || deleting.status === 'running'}
        onClick={async () => {
          if (await remove()) onDeleted()
        }}
      >
        Delete the temporary root access key
      </button>
      {deleting.status === 'running' ? <p role="status">Deleting, then asking AWS to confirm…</p> : null}
      {deleting.status === 'failed' ? <ErrorNotice error={deleting.error} /> : null}
      <div className="keep-key" data-testid="keep-root-key">
        {kept ? (
          <p className="notice notice-warn" role="status">
            You chose to keep this key for now. Profiles reminds you until it is deleted.
          </p>
        ) : (
          <>
            <p className="notice notice-warn" id={warningId}>
              A root access key can do anything in your account, and MFA does not protect it: whoever has the key is the root user. Keep it only if you will
              delete it yourself soon; Profiles reminds you until it is gone.
            </p>
            <button type="button" className="secondary" aria-describedby={warningId} disabled={deleting.status === 'running'} onClick={() => void onKeep()}>
              Keep it for now
            </button>
          </>
        )}
      </div>
    </div>
  )
}

/** Not connected on a real account: the key, if one was made, is deleted in the console. */
function DeleteByHand() {
  const [guides] = useCall(() => window.cairn.guide.rootAccessKeys())
  return (
    <>
      <p>Cairn is not connected, so it cannot delete a key itself. If you created a temporary root access key for Cairn, delete it in the console:</p>
      {guides.status === 'done' ? <IllustratedGuide guide={guides.value.delete} /> : null}
      {guides.status === 'failed' ? <ErrorNotice error={guides.error} /> : null}
    </>
  )
}
