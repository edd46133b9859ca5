import { z } from 'zod'
import { noRequest } from './no-request'

/**
 * Illustrated guidance for the console-only steps (root MFA, root access keys, billing
 * access), and the billing-access check. The drawings are React SVG in the renderer; every
 * label they show comes from here, so a console redesign changes src/main/guide/console-labels.ts only.
 */

/** The console elements the drawings know how to place; the text of each comes from main. */
export const consoleLabelIds = [
  'root-user',
  'root-email-sign-in',
  'account-name',
  'security-credentials',
  'continue-to-security-credentials',
  'account',
  'mfa-section',
  'assign-mfa-device',
  'device-name',
  'authenticator-app',
  'passkey-or-security-key',
  'hardware-totp-token',
  'next',
  'show-qr-code',
  'show-secret-key',
  'mfa-code-1',
  'mfa-code-2',
  'add-mfa',
  'access-keys-section',
  'create-access-key',
  'root-key-acknowledge',
  'show-secret',
  'download-csv',
  'actions',
  'delete',
  'deactivate',
  'type-key-id',
  'confirm-delete',
  'billing-access-section',
  'edit',
  'activate-iam-access',
  'update'
] as const
export const consoleLabelId = z.enum(consoleLabelIds)

/** The console pages the renderer draws. */
export const consolePageIds = [
  'account-menu',
  'security-credentials-mfa',
  'assign-mfa-device',
  'assign-mfa-codes',
  'security-credentials-keys',
  'create-root-key',
  'root-key-created',
  'delete-root-key',
  'account-billing'
] as const
export const consolePageId = z.enum(consolePageIds)

/** A label as the AWS console shows it; unconfirmed ones come from community walkthroughs only. */
export const illustratedLabel = z.object({ text: z.string(), confirmed: z.boolean() })

export const consoleGuide = z.object({
  title: z.string(),
  /** The console page to open in the browser (an https AWS address). */
  consoleUrl: z.url(),
  beforeYouStart: z.array(z.string()),
  /** One drawing each; the steps are numbered on across panels, and each number is a callout. */
  panels: z.array(
    z.object({
      page: consolePageId,
      /** What the drawing shows, for people who cannot see it (the steps carry the detail). */
      caption: z.string(),
      steps: z.array(z.object({ instruction: z.string(), target: consoleLabelId.nullable() }))
    })
  ),
  afterwards: z.array(z.string()),
  /** Every label a drawing shows, by id. */
  labels: z.record(consoleLabelId, illustratedLabel),
  /** When the labels were last compared with AWS's documentation. */
  checked: z.string()
})

export const billingAccessState = z.object({
  state: z.enum(['on', 'off', 'unknown']),
  /** Plain words: what Cairn saw, or why it cannot see. */
  message: z.string(),
  /** How to confirm it yourself when Cairn cannot (a real account has no API for it). */
  howToConfirm: z.array(z.string())
})

export const guideChannels = {
  /** The root user's MFA, page by page (the console's only way: AWS has no API for it). */
  'guide.rootMfa': { request: noRequest, response: consoleGuide },
  /** A temporary root access key for Connect, and deleting it by hand if Cairn could not. */
  'guide.rootAccessKeys': { request: noRequest, response: z.object({ create: consoleGuide, delete: consoleGuide }) },
  /** Account > IAM user and role access to Billing information > Activate IAM Access. */
  'guide.billingAccess': { request: noRequest, response: consoleGuide },
  /** Is IAM access to billing on? Readable on the practice account only. */
  'guide.checkBilling': { request: z.strictObject({ account: z.enum(['practice', 'real']) }), response: billingAccessState },
  /** Does on the practice account what the root user does in the console: Activate IAM Access. */
  'guide.activatePracticeBilling': { request: noRequest, response: billingAccessState }
} as const

export type ConsoleLabelId = z.output<typeof consoleLabelId>
export type ConsolePageId = z.output<typeof consolePageId>
export type IllustratedLabel = z.output<typeof illustratedLabel>
export type ConsoleGuide = z.output<typeof consoleGuide>
export type BillingAccessState = z.output<typeof billingAccessState>
