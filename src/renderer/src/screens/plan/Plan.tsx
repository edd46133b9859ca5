import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { stepInfo } from '../../journey/steps'

export default function Plan() {
  return (
    <section>
      <ScreenHeading>{stepInfo('plan').label}</ScreenHeading>
      <StepActions step="plan" />
    </section>
  )
}
