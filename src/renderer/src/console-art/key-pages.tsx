import { Button, Choice, Field, Filler, Section, Text, type PageProps } from './svg-parts'
import { CONTENT_TOP, ConsoleFrame, FRAME_WIDTH } from './ConsoleFrame'

const address = 'console.aws.amazon.com/iam/home#/security_credentials'
const W = FRAME_WIDTH
/** A made-up key as the console abbreviates it; never a real (or key-shaped) value. */
const sampleKey = 'AKIA…WXYZ'

/** Security credentials, scrolled to Access keys; the Actions menu opens when Delete is pointed at. */
export function SecurityCredentialsKeysPage(page: PageProps) {
  const top = CONTENT_TOP
  const menuOpen = page.callouts.delete !== undefined
  return (
    <ConsoleFrame height={SecurityCredentialsKeysPage.height} address={address} page={page}>
      <Text x={20} y={top + 22} size={11} className="ca-link">
        IAM › Security credentials
      </Text>
      <Section x={20} y={top + 36} width={W - 40} height={40} title={page.labels['mfa-section'].text} />
      <Section x={20} y={top + 88} width={W - 40} height={150} title={`${page.labels['access-keys-section'].text} (1)`}>
        <Button id="actions" x={W - 290} y={top + 98} page={page} caret />
        <Button id="create-access-key" x={W - 190} y={top + 98} page={page} />
        <Filler x={34} y={top + 132} widths={[320]} />
        <line x1={34} x2={W - 34} y1={top + 152} y2={top + 152} className="ca-rule" />
        <Text x={58} y={top + 170} size={11} weight={700} className="ca-muted">
          Access key ID · Created · Status
        </Text>
        <circle cx={41} cy={top + 196} r={7} className="ca-input" />
        <circle cx={41} cy={top + 196} r={3.5} className="ca-mark" />
        <Text x={58} y={top + 200} className="ca-mono">
          {sampleKey}
        </Text>
        <Text x={180} y={top + 200} className="ca-muted">
          today · Active
        </Text>
      </Section>
      {menuOpen ? (
        <g>
          <rect x={W - 290} y={top + 126} width={130} height={90} rx={6} className="ca-menu" />
          <Text x={W - 276} y={top + 146}>
            Activate
          </Text>
          <Text x={W - 276} y={top + 170}>
            {page.labels.deactivate.text}
          </Text>
          <Button id="delete" x={W - 288} y={top + 180} page={page} kind="link" />
        </g>
      ) : null}
    </ConsoleFrame>
  )
}
SecurityCredentialsKeysPage.height = CONTENT_TOP + 256

/** AWS's warning before a root access key, the acknowledgement and the button. */
export function CreateRootKeyPage(page: PageProps) {
  const top = CONTENT_TOP
  return (
    <ConsoleFrame height={CreateRootKeyPage.height} address={address} page={page}>
      <Text x={20} y={top + 30} size={18} weight={700}>
        {page.labels['create-access-key'].text}
      </Text>
      <rect x={20} y={top + 44} width={W - 40} height={92} rx={8} className="ca-alert" />
      <Text x={36} y={top + 66} weight={700}>
        ⚠ Root user access keys are not recommended
      </Text>
      <Filler x={36} y={top + 78} widths={[480, 440, 300]} />
      <Section x={20} y={top + 150} width={W - 40} height={84} title="Continue to create access key?">
        <Choice id="root-key-acknowledge" x={36} y={top + 186} page={page} kind="checkbox" checked maxChars={70} />
      </Section>
      <Button id="create-access-key" x={W - 160} y={top + 248} page={page} kind="primary" />
      <Text x={W - 220} y={top + 264} weight={600} className="ca-link">
        Cancel
      </Text>
    </ConsoleFrame>
  )
}
CreateRootKeyPage.height = CONTENT_TOP + 290

/** The new key's page: the ID, the secret behind Show, and the .csv button. */
export function RootKeyCreatedPage(page: PageProps) {
  const top = CONTENT_TOP
  return (
    <ConsoleFrame height={RootKeyCreatedPage.height} address={address} page={page}>
      <rect x={20} y={top + 14} width={W - 40} height={34} rx={8} className="ca-success" />
      <Text x={36} y={top + 36} weight={700}>
        ✓ Access key created
      </Text>
      <Section x={20} y={top + 62} width={W - 40} height={120} title="Retrieve access keys">
        <Text x={34} y={top + 110} size={11} weight={700} className="ca-muted">
          Access key
        </Text>
        <Text x={34} y={top + 134} className="ca-mono">
          {sampleKey}
        </Text>
        <Text x={260} y={top + 110} size={11} weight={700} className="ca-muted">
          Secret access key
        </Text>
        <Text x={260} y={top + 134} className="ca-mono">
          ••••••••••••
        </Text>
        <Button id="show-secret" x={350} y={top + 118} page={page} kind="link" />
      </Section>
      <Button id="download-csv" x={W - 250} y={top + 198} page={page} />
      <rect x={W - 84} y={top + 198} width={64} height={24} rx={12} className="ca-button-primary" />
      <Text x={W - 68} y={top + 214} weight={600} className="ca-button-primary-text">
        Done
      </Text>
    </ConsoleFrame>
  )
}
RootKeyCreatedPage.height = CONTENT_TOP + 240

/** The delete dialog over the dimmed Security credentials page. */
export function DeleteRootKeyPage(page: PageProps) {
  const top = CONTENT_TOP
  const x = 70
  const width = W - 140
  return (
    <ConsoleFrame height={DeleteRootKeyPage.height} address={address} page={page}>
      <Filler x={20} y={top + 20} widths={[200, 520, 480, 520, 300]} />
      <rect x={0.5} y={64} width={W - 1} height={DeleteRootKeyPage.height - 64.5} className="ca-dim" />
      <rect x={x} y={top + 16} width={width} height={250} rx={10} className="ca-dialog" />
      <Text x={x + 18} y={top + 44} size={15} weight={700}>
        {page.labels.delete.text} {sampleKey}?
      </Text>
      <Filler x={x + 18} y={top + 60} widths={[380, 300]} />
      <Text x={x + 18} y={top + 104} className="ca-muted">
        First make the key inactive:
      </Text>
      <Button id="deactivate" x={x + 190} y={top + 88} page={page} />
      <Field id="type-key-id" x={x + 18} y={top + 146} page={page} width={width - 36} value={sampleKey} labelText="To confirm, enter the access key ID" />
      <Button id="confirm-delete" x={x + width - 86} y={top + 222} page={page} kind="primary" />
      <Text x={x + width - 150} y={top + 238} weight={600} className="ca-link">
        Cancel
      </Text>
    </ConsoleFrame>
  )
}
DeleteRootKeyPage.height = CONTENT_TOP + 290
