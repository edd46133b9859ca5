import { Button, Choice, Filler, Section, Text, type PageProps } from './svg-parts'
import { CONTENT_TOP, ConsoleFrame, FRAME_WIDTH } from './ConsoleFrame'

const W = FRAME_WIDTH

/** Any console page, with the account menu open at the top right. */
export function AccountMenuPage(page: PageProps) {
  const top = CONTENT_TOP
  return (
    <ConsoleFrame height={AccountMenuPage.height} address="console.aws.amazon.com/console/home" page={page} menuOpen>
      <Text x={20} y={top + 30} size={18} weight={700}>
        Console Home
      </Text>
      <Section x={20} y={top + 46} width={300} height={170} title="Recently visited">
        <Filler x={34} y={top + 82} widths={[200, 160, 220, 140, 180, 120, 200, 90]} />
      </Section>
    </ConsoleFrame>
  )
}
AccountMenuPage.height = CONTENT_TOP + 240

/** Account page: the billing-access section, in its Edit state. */
export function AccountBillingPage(page: PageProps) {
  const top = CONTENT_TOP
  return (
    <ConsoleFrame height={AccountBillingPage.height} address="console.aws.amazon.com/billing/home#/account" page={page}>
      <Text x={20} y={top + 30} size={18} weight={700}>
        {page.labels.account.text}
      </Text>
      <Section x={20} y={top + 44} width={W - 40} height={50} title="Account settings">
        <Filler x={300} y={top + 62} widths={[180]} />
      </Section>
      <Section x={20} y={top + 106} width={W - 40} height={40} title="Contact information" />
      <Section x={20} y={top + 158} width={W - 40} height={160} title={page.labels['billing-access-section'].text}>
        <Button id="edit" x={W - 90} y={top + 168} page={page} />
        <Filler x={34} y={top + 198} widths={[460, 380]} />
        <Choice id="activate-iam-access" x={34} y={top + 232} page={page} kind="checkbox" checked />
        <Button id="update" x={W - 110} y={top + 280} page={page} kind="primary" />
        <Text x={W - 170} y={top + 296} weight={600} className="ca-link">
          Cancel
        </Text>
      </Section>
    </ConsoleFrame>
  )
}
AccountBillingPage.height = CONTENT_TOP + 336
