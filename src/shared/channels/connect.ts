import { z } from 'zod'
import { noRequest } from './no-request'
import { accessKeyProblems } from '../rules/access-key-format'

/**
 * The bootstrap connection. Its secret travels once, renderer to main, in connect.withKeys; no
 * response ever carries it back.
 */

export const connectionInfo = z.object({
  accountId: z.string(),
  arn: z.string(),
  isRoot: z.boolean(),
  userName: z.string().optional(),
  practice: z.boolean()
})

export const connectionStatus = z.discriminatedUnion('connected', [
  connectionInfo.extend({ connected: z.literal(true) }),
  z.object({ connected: z.literal(false) })
])

export const connectChannels = {
  /** The built-in practice account, as its root user: no typing. */
  'connect.practice': { request: noRequest, response: connectionInfo },
  /** An administrator's key or a temporary root key; held in main's memory only. */
  'connect.withKeys': {
    request: z
      .object({
        accessKeyId: z.string().max(128),
        secretAccessKey: z.string().max(128),
        sessionToken: z.string().max(4096).optional(),
        endpoint: z.string().max(2048).optional()
      })
      .strict()
      .superRefine((fields, ctx) => {
        for (const { path, message } of accessKeyProblems(fields)) ctx.addIssue({ code: 'custom', path: [path], message })
      }),
    response: connectionInfo
  },
  'connect.status': { request: noRequest, response: connectionStatus },
  'connect.disconnect': { request: noRequest, response: connectionStatus }
} as const

export type ConnectionInfo = z.output<typeof connectionInfo>
export type ConnectionStatus = z.output<typeof connectionStatus>
