import { z } from 'zod'
import { appChannels } from './channels/app'
import { guideChannels } from './channels/guide'
import { journeyChannels } from './channels/journey'
import { mfaChannels } from './channels/mfa'
import { practiceChannels } from './channels/practice'
import { profilesChannels } from './channels/profiles'
import { connectChannels } from './channels/connect'
import { auditChannels } from './channels/audit'
import { setupChannels } from './channels/setup'
import { policiesChannels } from './channels/policies'

export type { AppInfo, KeychainStatus } from './channels/app'
export type { PracticeStatus } from './channels/practice'
export type { JourneyState, JourneyStep } from './channels/journey'
export type { ConnectionInfo, ConnectionStatus } from './channels/connect'
export type { CheckResultPayload } from './channels/audit'
export type { RoleSpecPayload, PlanPayload, ApplyReportPayload, RollbackReportPayload } from './channels/setup'
export type { RootMfaStatus, MfaEnrollment, MfaConfirmation, CodeCheckView } from './channels/mfa'
export type { ConsoleGuide, ConsoleLabelId, ConsolePageId, IllustratedLabel, BillingAccessState } from './channels/guide'
export type { ManagedPolicyPayload } from './channels/policies'
export type { ProfilesOverview, ProfileRole, ProfilesWriteResult, ConsoleOpened } from './channels/profiles'

/**
 * The IPC contract, written once. Main validates every request against it, the preload
 * builds `window.cairn` from it, and the renderer imports only the types derived from it
 * (src/shared/api.ts). A channel's name is `domain.verb`; it becomes `cairn.domain.verb()`.
 * Each domain declares its channels in src/shared/channels/<domain>.ts.
 */
export const channels = {
  ...appChannels,
  ...journeyChannels,
  ...practiceChannels,
  ...mfaChannels,
  ...connectChannels,
  ...auditChannels,
  ...setupChannels,
  ...policiesChannels,
  ...profilesChannels,
  ...guideChannels
} as const

/** Main -> renderer events. */
export const events = {
  /** One step of a long operation (apply, rollback, scans) changed state. */
  progress: z.object({
    operationId: z.string(),
    stepId: z.string(),
    state: z.enum(['waiting', 'running', 'retrying', 'done', 'failed', 'skipped']),
    attempt: z.number().int().nonnegative().optional(),
    message: z.string().optional()
  })
} as const

export type ChannelName = keyof typeof channels
export type EventName = keyof typeof events
export type RequestOf<C extends ChannelName> = z.input<(typeof channels)[C]['request']>
export type ParsedRequestOf<C extends ChannelName> = z.output<(typeof channels)[C]['request']>
export type ResponseOf<C extends ChannelName> = z.output<(typeof channels)[C]['response']>
export type EventPayloadOf<E extends EventName> = z.output<(typeof events)[E]>

export const channelNames = Object.keys(channels) as ChannelName[]
export const eventNames = Object.keys(events) as EventName[]

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(channels, value)
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(events, value)
}

/** The one ipcRenderer channel everything travels on; the contract channel is an argument. */
export const IPC_INVOKE = 'cairn:invoke'
export const IPC_EVENT = 'cairn:event'
