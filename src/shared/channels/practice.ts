import { z } from 'zod'
import { noRequest } from './no-request'

export const practiceStatus = z.discriminatedUnion('running', [
  z.object({ running: z.literal(true), endpoint: z.string(), accountId: z.string(), persisted: z.boolean() }),
  z.object({ running: z.literal(false), message: z.string() })
])

export const practiceChannels = {
  /** The built-in practice account (local IAM + STS) the app opens on. */
  'practice.status': { request: noRequest, response: practiceStatus }
} as const

export type PracticeStatus = z.output<typeof practiceStatus>
