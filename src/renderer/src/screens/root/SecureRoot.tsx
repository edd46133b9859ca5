import { ScreenHeading } from '../../ui/ScreenHeading'
import { StepActions } from '../../ui/StepActions'
import { stepInfo } from '../../journey/steps'

export default function SecureRoot() {
  return (
    <section>
      <ScreenHeading>{stepInfo('root').label}</ScreenHeading>
      <StepActions step="root" />
    </section>
  )
}
