import { z } from 'zod'
import { noRequest } from './no-request'

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

export const appChannels = {
  'app.info': { request: noRequest, response: appInfo },
  /** Opens an AWS console or documentation page in the user's browser (https AWS hosts only). */
  'app.openExternal': { request: z.strictObject({ url: z.url().max(2048) }), response: z.object({ opened: z.literal(true) }) }
} as const

export type AppInfo = z.output<typeof appInfo>
export type KeychainStatus = z.output<typeof keychainStatus>
