import { IllustratedGuide } from '../../console-art/IllustratedGuide'
import { useJourney } from '../../journey/journey-context'
import { stepInfo } from '../../journey/steps'
import { useCall } from '../../use-call'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { OpenInBrowser } from '../../ui/OpenInBrowser'
import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { BillingCheck } from './billing-check'
import { DeleteBootstrapKey } from './delete-bootstrap-key'
import './billing.css'

export default function BillingAccess() {
  const journey = useJourney()
  const account = journey.state.account === 'practice' ? 'practice' : 'real'
  const [guide, retry] = useCall(() => window.cairn.guide.billingAccess())
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
      <DeleteBootstrapKey practice={account === 'practice'} />

      <StepActions step="billing" />
    </section>
  )
}
