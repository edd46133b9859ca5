import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { stepInfo } from '../../journey/steps'

export default function Apply() {
  return (
    <section>
      <ScreenHeading>{stepInfo('apply').label}</ScreenHeading>
      <StepActions step="apply" />
    </section>
  )
}
