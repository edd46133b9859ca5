import { z } from 'zod'
import { checkFix, checkResult } from '../domain/schemas'

/** The security status of the connected account, and the one fix Cairn makes in place. */
export const auditChannels = {
  /** Live checks; adminGroupName is where AdministratorAccess belongs, if anywhere. */
  'audit.scan': { request: z.object({ adminGroupName: z.string().max(128).optional() }).strict(), response: z.array(checkResult) },
  'audit.fix': { request: z.object({ fixId: checkFix.shape.id }).strict(), response: checkResult }
} as const

export type CheckResultPayload = z.output<typeof checkResult>
