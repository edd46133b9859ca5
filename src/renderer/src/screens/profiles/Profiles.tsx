import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { stepInfo } from '../../journey/steps'

export default function Profiles() {
  return (
    <section>
      <ScreenHeading>{stepInfo('profiles').label}</ScreenHeading>
      <StepActions step="profiles" />
    </section>
  )
}
