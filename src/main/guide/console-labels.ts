import type { ConsoleLabelId, IllustratedLabel } from '../../shared/channels/guide'
import { MAX_MFA_DEVICES_PER_USER } from '../aws/iam-limits'

/**
 * The AWS console as it is today, for the guidance screens: every label in one place, so a
 * console redesign is a change to this file only. Labels with `confirmed: false` come from
 * community walkthroughs, not AWS's documentation.
 */
const label = (text: string, confirmed = true) => ({ text, confirmed })

const rootUser = label('Root user')
const rootEmailSignIn = label('Sign in using root user email')
const securityCredentials = label('Security credentials')
const continueToSecurityCredentials = label('Continue to Security credentials')
const mfaSection = label('Multi-factor authentication (MFA)')
const assignMfaDevice = label('Assign MFA device')
const deviceName = label('Device name')
const authenticatorApp = label('Authenticator app')
const next = label('Next')
const showQrCode = label('Show QR code', false)
const showSecretKey = label('Show secret key', false)
const mfaCode1 = label('MFA code 1')
const mfaCode2 = label('MFA code 2')
const addMfa = label('Add MFA')
const passkeyOrSecurityKey = label('Passkey or security key', false)
const hardwareTotpToken = label('Hardware TOTP token', false)
const accountName = label('your account name (top right)')

/** When these labels were last compared with AWS's documentation. */
export const labelsChecked = 'AWS documentation, 2024-2026'

export const rootMfaBeforeYouStart = [
  `Check that the account's email address and phone number are current (your account name > "Account"). They are how you get back in if the MFA device is lost.`,
  `Consider a second device, such as a phone and a security key: AWS allows up to ${MAX_MFA_DEVICES_PER_USER} per user, including root, and any one of them works at sign-in.`,
  'AWS now requires MFA on the root user, with a grace period of up to 35 days after the first prompt; doing it now avoids being stopped at sign-in later.'
]

export const rootMfaAfterwards = [
  'Keep the root user for the few tasks only it can do; day-to-day work happens in the billing, dev and ops users Cairn sets up.',
  'If you added one device only, add a second the same way while you still have the first.'
]

// Root access keys and billing access: the other root-only console pages Cairn illustrates.
const account = label('Account')
const accessKeysSection = label('Access keys')
const createAccessKey = label('Create access key')
const rootKeyAcknowledge = label('I understand creating a root access key is not a best practice, but I still want to create one.', false)
const showSecret = label('Show')
const downloadCsv = label('Download .csv file')
const actions = label('Actions')
const deleteAction = label('Delete')
const deactivate = label('Deactivate')
const typeKeyId = label('the access key ID, typed to confirm')
const confirmDelete = label('Delete')
const billingAccessSection = label('IAM user and role access to Billing information', false)
const edit = label('Edit', false)
const activateIamAccess = label('Activate IAM Access', false)
const update = label('Update', false)

/**
 * Every console label the guidance screens draw, by the id the drawings place it with
 * (src/renderer/src/console-art). The text lives only here.
 */
export const consoleLabels = {
  'root-user': rootUser,
  'root-email-sign-in': rootEmailSignIn,
  'account-name': accountName,
  'security-credentials': securityCredentials,
  'continue-to-security-credentials': continueToSecurityCredentials,
  account,
  'mfa-section': mfaSection,
  'assign-mfa-device': assignMfaDevice,
  'device-name': deviceName,
  'authenticator-app': authenticatorApp,
  'passkey-or-security-key': passkeyOrSecurityKey,
  'hardware-totp-token': hardwareTotpToken,
  next,
  'show-qr-code': showQrCode,
  'show-secret-key': showSecretKey,
  'mfa-code-1': mfaCode1,
  'mfa-code-2': mfaCode2,
  'add-mfa': addMfa,
  'access-keys-section': accessKeysSection,
  'create-access-key': createAccessKey,
  'root-key-acknowledge': rootKeyAcknowledge,
  'show-secret': showSecret,
  'download-csv': downloadCsv,
  actions,
  delete: deleteAction,
  deactivate,
  'type-key-id': typeKeyId,
  'confirm-delete': confirmDelete,
  'billing-access-section': billingAccessSection,
  edit,
  'activate-iam-access': activateIamAccess,
  update
} as const satisfies Record<ConsoleLabelId, IllustratedLabel>
