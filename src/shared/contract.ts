import { z } from 'zod'

/**
 * The IPC contract, written once. Main validates every request against it, the preload
 * builds `window.cairn` from it, and the renderer imports only the types derived from it
 * (src/shared/api.ts). A channel's name is `domain.verb`; it becomes `cairn.domain.verb()`.
 */

const noRequest = z.object({}).strict()

export const keychainStatus = z.object({
  available: z.boolean(),
  backend: z.string(),
  /** What to do when it is not available; absent when all is well. */
  message: z.string().optional()
})

export const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['darwin', 'win32', 'linux', 'aix', 'freebsd', 'openbsd', 'sunos', 'android', 'haiku', 'cygwin', 'netbsd']),
  arch: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().optional(), chrome: z.string().optional() }),
  keychain: keychainStatus
})

export const channels = {
  'app.info': { request: noRequest, response: appInfo }
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
export type AppInfo = z.output<typeof appInfo>
export type KeychainStatus = z.output<typeof keychainStatus>

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
