import { Button, Choice, Field, Filler, Section, Text, type PageProps } from './svg-parts'
import { CONTENT_TOP, ConsoleFrame, FRAME_WIDTH } from './ConsoleFrame'

const address = 'console.aws.amazon.com/iam/home#/security_credentials'
const W = FRAME_WIDTH

/** Security credentials, scrolled to the MFA section. */
export function SecurityCredentialsMfaPage(page: PageProps) {
  const top = CONTENT_TOP
  return (
    <ConsoleFrame height={SecurityCredentialsMfaPage.height} address={address} page={page}>
      <Text x={20} y={top + 22} size={11} className="ca-link">
        IAM › Security credentials
      </Text>
      <Text x={20} y={top + 46} size={18} weight={700}>
        My security credentials
      </Text>
      <Filler x={20} y={top + 58} widths={[380]} />
      <Section x={20} y={top + 80} width={W - 40} height={130} title={page.labels['mfa-section'].text}>
        <Button id="assign-mfa-device" x={W - 200} y={top + 90} page={page} kind="primary" />
        <Filler x={34} y={top + 116} widths={[300]} />
        <line x1={34} x2={W - 34} y1={top + 140} y2={top + 140} className="ca-rule" />
        <Text x={34} y={top + 158} size={11} weight={700} className="ca-muted">
          Type · Identifier · Created on
        </Text>
        <Text x={W / 2} y={top + 190} anchor="middle" className="ca-muted">
          No MFA devices
        </Text>
      </Section>
      <Section x={20} y={top + 222} width={W - 40} height={40} title={page.labels['access-keys-section'].text} />
    </ConsoleFrame>
  )
}
SecurityCredentialsMfaPage.height = CONTENT_TOP + 276

/** Assign MFA device, first page: name, type, Next. */
export function AssignMfaDevicePage(page: PageProps) {
  const top = CONTENT_TOP
  return (
    <ConsoleFrame height={AssignMfaDevicePage.height} address={address} page={page}>
      <Text x={20} y={top + 28} size={11} weight={700} className="ca-muted">
        Step 1
      </Text>
      <Text x={20} y={top + 44} size={11} weight={700} className="ca-link">
        Select MFA device
      </Text>
      <Text x={20} y={top + 70} size={11} className="ca-muted">
        Step 2
      </Text>
      <Text x={20} y={top + 86} size={11} className="ca-muted">
        Set up device
      </Text>
      <Text x={150} y={top + 30} size={18} weight={700}>
        {page.labels['assign-mfa-device'].text}
      </Text>
      <Section x={150} y={top + 44} width={W - 170} height={250} title="MFA device name">
        <Field id="device-name" x={166} y={top + 92} page={page} width={240} value="root-phone" />
        <Text x={166} y={top + 150} weight={700}>
          MFA device
        </Text>
        <Choice id="passkey-or-security-key" x={166} y={top + 164} page={page} kind="radio" checked={false} />
        <Choice id="authenticator-app" x={166} y={top + 194} page={page} kind="radio" checked />
        <Choice id="hardware-totp-token" x={166} y={top + 224} page={page} kind="radio" checked={false} />
      </Section>
      <Button id="next" x={W - 80} y={top + 308} page={page} kind="primary" />
      <Text x={W - 140} y={top + 324} weight={600} className="ca-link">
        Cancel
      </Text>
    </ConsoleFrame>
  )
}
AssignMfaDevicePage.height = CONTENT_TOP + 350

/** Assign MFA device, second page: QR code, two codes, Add MFA. */
export function AssignMfaCodesPage(page: PageProps) {
  const top = CONTENT_TOP
  const qrX = 180
  const qrY = top + 80
  return (
    <ConsoleFrame height={AssignMfaCodesPage.height} address={address} page={page}>
      <Text x={20} y={top + 28} size={11} className="ca-muted">
        Step 1
      </Text>
      <Text x={20} y={top + 44} size={11} className="ca-muted">
        Select MFA device
      </Text>
      <Text x={20} y={top + 70} size={11} weight={700} className="ca-muted">
        Step 2
      </Text>
      <Text x={20} y={top + 86} size={11} weight={700} className="ca-link">
        Set up device
      </Text>
      <Text x={150} y={top + 30} size={18} weight={700}>
        Set up device
      </Text>
      <Section x={150} y={top + 44} width={W - 170} height={300} title={page.labels['authenticator-app'].text}>
        <rect x={qrX} y={qrY} width={92} height={92} rx={4} className="ca-qr-box" />
        <Button id="show-qr-code" x={qrX + 104} y={qrY + 20} page={page} kind="link" />
        <Text x={qrX + 116} y={qrY + 58} size={11} className="ca-muted">
          or
        </Text>
        <Button id="show-secret-key" x={qrX + 104} y={qrY + 62} page={page} kind="link" />
        <Field id="mfa-code-1" x={166} y={qrY + 124} page={page} width={150} value="123456" />
        <Field id="mfa-code-2" x={340} y={qrY + 124} page={page} width={150} value="654321" />
        <Filler x={166} y={qrY + 176} widths={[310, 240]} />
      </Section>
      <Button id="add-mfa" x={W - 96} y={top + 358} page={page} kind="primary" />
      <Text x={W - 180} y={top + 374} weight={600} className="ca-link">
        Previous
      </Text>
    </ConsoleFrame>
  )
}
AssignMfaCodesPage.height = CONTENT_TOP + 400
