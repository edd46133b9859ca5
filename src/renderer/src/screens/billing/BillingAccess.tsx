import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { stepInfo } from '../../journey/steps'

export default function BillingAccess() {
  return (
    <section>
      <ScreenHeading>{stepInfo('billing').label}</ScreenHeading>
      <StepActions step="billing" />
    </section>
  )
}
