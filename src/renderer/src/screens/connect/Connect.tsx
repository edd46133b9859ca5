import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { stepInfo } from '../../journey/steps'

export default function Connect() {
  return (
    <section>
      <ScreenHeading>{stepInfo('connect').label}</ScreenHeading>
      <StepActions step="connect" />
    </section>
  )
}
