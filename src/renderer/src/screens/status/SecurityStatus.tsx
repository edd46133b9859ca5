import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { stepInfo } from '../../journey/steps'

export default function SecurityStatus() {
  return (
    <section>
      <ScreenHeading>{stepInfo('status').label}</ScreenHeading>
      <StepActions step="status" />
    </section>
  )
}
