import { useEffect, useState } from 'react'
import type { ConnectionInfo } from '../../../../shared/contract'
import { IllustratedGuide } from '../../console-art/IllustratedGuide'
import { useJourney } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { call } from '../../call'
import { useCall } from '../../use-call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { OpenInBrowser } from '../../ui/OpenInBrowser'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { useAction } from '../../ui/use-action'
import { ConnectionSummary } from './ConnectionSummary'
import { KeyFormPanel } from './KeyForm'
import './connect.css'

type KeyKind = 'root' | 'admin'

export default function Connect() {
  const journey = useJourney()
  const practice = journey.state.account === 'practice'
  const [info, setInfo] = useState<ConnectionInfo | null>(null)
  const [checked, setChecked] = useState(false)
  const [disconnecting, disconnect] = useAction(() => window.cairn.connect.disconnect())

  useEffect(() => {
    void call(window.cairn.connect.status()).then(
      (status) => {
        // A connection to the other kind of account is not this journey's.
        if (status.connected && status.practice === practice) setInfo(status)
        setChecked(true)
      },
      () => setChecked(true)
    )
  }, [practice])

  async function leave() {
    if (await disconnect()) setInfo(null)
  }

  return (
    <section className="connect">
      <ScreenHeading>{stepInfo('connect').label}</ScreenHeading>
      <p className="lede">
        Cairn needs a key to set the account up. It stays in this app’s memory only: never written to a file, the keychain or a log, and gone when Cairn closes.
      </p>

      {info ? (
        <div className="notice notice-ok" role="status">
          <p className="notice-title">Connected</p>
          <ConnectionSummary info={info} />
          {info.isRoot && !info.practice ? (
            <p>This is the root user’s key. Cairn offers to delete it on the Billing access step, and checks that it is gone.</p>
          ) : null}
          <button type="button" className="secondary" onClick={() => void leave()} disabled={disconnecting.status === 'running'}>
            Disconnect
          </button>
          {disconnecting.status === 'failed' ? <ErrorNotice error={disconnecting.error} /> : null}
        </div>
      ) : checked ? (
        practice ? (
          <PracticeConnect onConnected={setInfo} />
        ) : (
          <RealConnect onConnected={setInfo} />
        )
      ) : (
        <p role="status">Checking the connection…</p>
      )}

      <StepActions step="connect" canContinue={info !== null} blockedReason="Connect first." />
    </section>
  )
}

function PracticeConnect({ onConnected }: { onConnected: (info: ConnectionInfo) => void }) {
  const [connecting, connect] = useAction(() => window.cairn.connect.practice())
  return (
    <div className="card">
      <p>The practice account runs inside Cairn, so there is nothing to type: Cairn signs in as its root user, as you would with a temporary root key.</p>
      <button
        type="button"
        className="primary"
        disabled={connecting.status === 'running'}
        onClick={() => void connect().then((info) => info && onConnected(info))}
      >
        Connect to the practice account
      </button>
      {connecting.status === 'failed' ? <ErrorNotice error={connecting.error} /> : null}
    </div>
  )
}

function RealConnect({ onConnected }: { onConnected: (info: ConnectionInfo) => void }) {
  const [kind, setKind] = useState<KeyKind>('root')
  const [consent, setConsent] = useState(false)
  const [guides] = useCall(() => window.cairn.guide.rootAccessKeys())
  return (
    <>
      <fieldset className="key-kind">
        <legend>Which key will you use?</legend>
        <label className="choice-line">
          <input type="radio" name="key-kind" checked={kind === 'root'} onChange={() => setKind('root')} />A temporary root access key, which Cairn deletes in
          the Billing access step
        </label>
        <label className="choice-line">
          <input type="radio" name="key-kind" checked={kind === 'admin'} onChange={() => setKind('admin')} />
          An administrator IAM user’s access key, if you already have one
        </label>
      </fieldset>

      {kind === 'root' ? (
        <>
          <h2>Create the temporary root key</h2>
          {guides.status === 'done' ? (
            <>
              <ul>
                {guides.value.create.beforeYouStart.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
              <IllustratedGuide guide={guides.value.create} />
              <OpenInBrowser url={guides.value.create.consoleUrl}>Open the AWS console</OpenInBrowser>
            </>
          ) : guides.status === 'failed' ? (
            <ErrorNotice error={guides.error} />
          ) : (
            <p role="status">Loading the steps…</p>
          )}
          <label className="consent">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
            <span>I will let Cairn delete this root access key in the Billing access step (it asks once more, then checks the key is gone).</span>
          </label>
        </>
      ) : (
        <>
          <h2>Use an administrator’s key</h2>
          <ol>
            <li>In the IAM console, open Users, then the administrator user (one with AdministratorAccess, or at least full IAM access).</li>
            <li>Open its “Security credentials” tab and, under “Access keys”, choose “Create access key”.</li>
            <li>Choose “Command Line Interface (CLI)”, tick the confirmation, and create the key; then paste both parts below.</li>
          </ol>
          <OpenInBrowser url="https://console.aws.amazon.com/iam/home#/users">Open IAM users in the AWS console</OpenInBrowser>
        </>
      )}

      <h2>Paste the key</h2>
      <KeyFormPanel onConnected={onConnected} {...(kind === 'root' && !consent ? { blockedReason: 'Tick the consent above first.' } : {})} />
    </>
  )
}
