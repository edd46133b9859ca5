import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { stepInfo } from '../../journey/steps'

export default function UserMfa() {
  return (
    <section>
      <ScreenHeading>{stepInfo('mfa').label}</ScreenHeading>
      <StepActions step="mfa" />
    </section>
  )
}
