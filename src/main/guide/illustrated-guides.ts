import type { ConsoleGuide, ConsoleLabelId } from '../../shared/channels/guide'
import { consoleLabels, labelsChecked, rootMfaAfterwards, rootMfaBeforeYouStart } from './console-labels'

/**
 * The console-only steps as numbered, one-click-each instructions beside drawings of the
 * pages. The instructions quote the labels from console-labels.ts, so renaming a button there
 * renames it in the text and in the drawing at once.
 */
const t = (id: ConsoleLabelId): string => `"${consoleLabels[id].text}"`

const securityCredentialsUrl = 'https://console.aws.amazon.com/iam/home#/security_credentials'
const accountUrl = 'https://console.aws.amazon.com/billing/home#/account'
const checked = labelsChecked

const openSecurityCredentials = (afterwards: string): ConsoleGuide['panels'][number] => ({
  page: 'account-menu',
  caption: `The AWS console's top bar with the account menu open at the top right, showing ${t('security-credentials')}.`,
  steps: [
    { instruction: `Signed in as the root user, choose your account name at the top right of the console.`, target: 'account-name' },
    { instruction: `Choose ${t('security-credentials')}${afterwards}`, target: 'security-credentials' }
  ]
})

export const rootMfaIllustrated: ConsoleGuide = {
  title: 'Turn on MFA for the root user',
  consoleUrl: securityCredentialsUrl,
  beforeYouStart: rootMfaBeforeYouStart,
  panels: [
    openSecurityCredentials(` (confirm ${t('continue-to-security-credentials')} if the console asks).`),
    {
      page: 'security-credentials-mfa',
      caption: `The Security credentials page, with the section ${t('mfa-section')} and its button ${t('assign-mfa-device')}.`,
      steps: [{ instruction: `In the section ${t('mfa-section')}, choose ${t('assign-mfa-device')}.`, target: 'assign-mfa-device' }]
    },
    {
      page: 'assign-mfa-device',
      caption: `The first page of the Assign MFA device wizard: a device name field, the device types, and ${t('next')}.`,
      steps: [
        { instruction: `Type a ${t('device-name')} you will recognise, for example root-phone.`, target: 'device-name' },
        { instruction: `Choose ${t('authenticator-app')}.`, target: 'authenticator-app' },
        { instruction: `Choose ${t('next')}.`, target: 'next' }
      ]
    },
    {
      page: 'assign-mfa-codes',
      caption: `The second page of the wizard: ${t('show-qr-code')}, two code fields and ${t('add-mfa')}.`,
      steps: [
        {
          instruction: `Choose ${t('show-qr-code')} and scan it with your authenticator app (or ${t('show-secret-key')} and type the key in).`,
          target: 'show-qr-code'
        },
        { instruction: `Type the code your app shows into ${t('mfa-code-1')}.`, target: 'mfa-code-1' },
        { instruction: `Wait for the next code (up to 30 seconds) and type it into ${t('mfa-code-2')}.`, target: 'mfa-code-2' },
        {
          instruction: `Choose ${t('add-mfa')} straight away: codes left too long leave the device linked but out of sync.`,
          target: 'add-mfa'
        }
      ]
    }
  ],
  afterwards: rootMfaAfterwards,
  labels: consoleLabels,
  checked
}

const createRootKey: ConsoleGuide = {
  title: 'Create a temporary root access key for Cairn',
  consoleUrl: securityCredentialsUrl,
  beforeYouStart: [
    'AWS warns against root access keys, and rightly: a root key can do anything and cannot be limited. Cairn uses it only for this setup, keeps it in memory, and deletes it at the end with your consent.',
    'An administrator IAM user\u2019s key works as well and needs no deleting afterwards; use one if you already have it.',
    'The secret is shown once. Copy it straight into Cairn; do not save it anywhere.'
  ],
  panels: [
    openSecurityCredentials('.'),
    {
      page: 'security-credentials-keys',
      caption: `The Security credentials page, section ${t('access-keys-section')}, with the button ${t('create-access-key')}.`,
      steps: [{ instruction: `In the section ${t('access-keys-section')}, choose ${t('create-access-key')}.`, target: 'create-access-key' }]
    },
    {
      page: 'create-root-key',
      caption: `AWS's warning about root access keys, its confirmation box, and ${t('create-access-key')}.`,
      steps: [
        { instruction: `Read the warning, then tick ${t('root-key-acknowledge')}`, target: 'root-key-acknowledge' },
        { instruction: `Choose ${t('create-access-key')}.`, target: 'create-access-key' }
      ]
    },
    {
      page: 'root-key-created',
      caption: `The new key: its access key ID, and the secret access key behind ${t('show-secret')}.`,
      steps: [
        { instruction: 'Copy the access key ID into Cairn.', target: null },
        {
          instruction: `Choose ${t('show-secret')} next to the secret access key and copy it into Cairn. Skip ${t('download-csv')}: a file is one more copy to lose.`,
          target: 'show-secret'
        }
      ]
    }
  ],
  afterwards: ['At the end of the setup Cairn offers to delete this key and checks that the account has no root access key left.'],
  labels: consoleLabels,
  checked
}

const deleteRootKey: ConsoleGuide = {
  title: 'Delete a root access key yourself',
  consoleUrl: securityCredentialsUrl,
  beforeYouStart: ['Only the root user can delete root access keys: sign in to the console as root.'],
  panels: [
    openSecurityCredentials('.'),
    {
      page: 'security-credentials-keys',
      caption: `The ${t('access-keys-section')} section with one key selected and the ${t('actions')} menu open on ${t('delete')}.`,
      steps: [
        { instruction: `In ${t('access-keys-section')}, select the key, open ${t('actions')}…`, target: 'actions' },
        { instruction: `…and choose ${t('delete')}.`, target: 'delete' }
      ]
    },
    {
      page: 'delete-root-key',
      caption: `The delete dialog: ${t('deactivate')}, a field for the key ID, and ${t('confirm-delete')}.`,
      steps: [
        { instruction: `Choose ${t('deactivate')}: a key must be inactive before it can go.`, target: 'deactivate' },
        { instruction: 'Type the access key ID into the field to confirm.', target: 'type-key-id' },
        { instruction: `Choose ${t('confirm-delete')}.`, target: 'confirm-delete' }
      ]
    }
  ],
  afterwards: ['Back in Cairn, Security status shows "Root access keys: none" once AWS reports the key gone.'],
  labels: consoleLabels,
  checked
}

export const rootAccessKeysIllustrated = { create: createRootKey, delete: deleteRootKey }

export const billingAccessIllustrated: ConsoleGuide = {
  title: 'Let IAM users see billing',
  consoleUrl: accountUrl,
  beforeYouStart: [
    'Only the root user can change this, and only in the console: AWS offers no API for it on an existing account.',
    'Without it, the billing user\u2019s policy has no effect and the Billing console says "access denied".',
    'Accounts created through AWS Organizations have it on already.'
  ],
  panels: [
    {
      page: 'account-menu',
      caption: `The AWS console's top bar with the account menu open at the top right, showing ${t('account')}.`,
      steps: [
        { instruction: 'Signed in as the root user, choose your account name at the top right of the console.', target: 'account-name' },
        { instruction: `Choose ${t('account')}.`, target: 'account' }
      ]
    },
    {
      page: 'account-billing',
      caption: `The Account page scrolled to ${t('billing-access-section')}, with ${t('edit')} chosen, ${t('activate-iam-access')} ticked and ${t('update')}.`,
      steps: [
        { instruction: `Scroll to ${t('billing-access-section')} and choose ${t('edit')}.`, target: 'edit' },
        { instruction: `Tick ${t('activate-iam-access')}.`, target: 'activate-iam-access' },
        { instruction: `Choose ${t('update')}.`, target: 'update' }
      ]
    }
  ],
  afterwards: ['To confirm: sign in as the billing user and open Billing and Cost Management. The bills show instead of "access denied".'],
  labels: consoleLabels,
  checked
}
