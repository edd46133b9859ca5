import { useState } from 'react'
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
import { BillingCheck } from './billing-check'
import { DeleteBootstrapKey, rootKeyAlive, useConnectionStatus } from './delete-bootstrap-key'
import './billing.css'

export default function BillingAccess() {
  const journey = useJourney()
  const account = journey.state.account === 'practice' ? 'practice' : 'real'
  const [guide, retry] = useCall(() => window.cairn.guide.billingAccess())
  const connection = useConnectionStatus()
  const [deleted, setDeleted] = useState(false)
  const [keeping, keep] = useAction(() => window.cairn.journey.update({ rootKeyKept: true }))
  const kept = journey.state.rootKeyKept === true
  // The temporary root key gates the step: deleted, or kept on purpose with "Keep it for now".
  const gated = connection === null || (rootKeyAlive(connection, deleted) && !kept)
  return (
    <section className="billing-access">
      <ScreenHeading>{stepInfo('billing').label}</ScreenHeading>
      <p className="lede">The billing user’s policy only works once the root user lets IAM users see billing. It is one setting, in the console only.</p>
      {guide.status === 'done' ? (
        <>
          <ul>
            {guide.value.beforeYouStart.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <IllustratedGuide guide={guide.value} />
          <OpenInBrowser url={guide.value.consoleUrl}>Open the AWS console</OpenInBrowser>
        </>
      ) : guide.status === 'failed' ? (
        <ErrorNotice error={guide.error}>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </ErrorNotice>
      ) : (
        <p role="status">Loading the steps…</p>
      )}

      <h2>Check again</h2>
      <BillingCheck account={account} />

      <h2>Delete the temporary root access key</h2>
      <DeleteBootstrapKey
        practice={account === 'practice'}
        connection={connection}
        kept={kept}
        onDeleted={() => {
          setDeleted(true)
          // Gone: nothing is kept any more, whatever was chosen before.
          void call(window.cairn.journey.update({ rootKeyKept: false })).catch(() => undefined)
        }}
        onKeep={async () => {
          // Recorded first, so Profiles can say the key is alive; then on, as Continue would.
          if (await keep()) await journey.complete('billing')
        }}
      />
      {keeping.status === 'failed' ? <ErrorNotice error={keeping.error} title="Cairn could not record your choice" /> : null}

      <StepActions
        step="billing"
        canContinue={!gated}
        blockedReason={connection === null ? 'Checking the connection…' : 'Delete the temporary root access key first, or choose “Keep it for now”.'}
      />
    </section>
  )
}
