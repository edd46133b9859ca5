import { z } from 'zod'
import { noRequest } from './no-request'
import { conflict, plan, roleId, roleSpec, runState, stepAction } from '../domain/schemas'
import { roleIds } from '../domain/words'

/** Plan and apply: what Cairn would change in the connected account, and changing it. */

const failure = z.object({ stepId: z.string(), code: z.string(), message: z.string() })

export const applyReport = z.object({
  runId: z.string().nullable(),
  outcome: z.enum(['done', 'failed', 'blocked']),
  resumed: z.boolean(),
  counts: z.object({ created: z.number(), existed: z.number(), updated: z.number(), failed: z.number(), skipped: z.number(), deferred: z.number() }),
  steps: z.array(
    z.object({
      id: z.string(),
      action: stepAction,
      outcome: z.enum(['done', 'failed', 'skipped']),
      created: z.boolean(),
      message: z.string(),
      code: z.string().optional()
    })
  ),
  failures: z.array(failure),
  conflicts: z.array(conflict)
})

export const rollbackReport = z.object({
  runId: z.string().nullable(),
  outcome: z.enum(['done', 'failed', 'nothing']),
  steps: z.array(
    z.object({ id: z.string(), undo: z.string(), outcome: z.enum(['done', 'failed', 'skipped']), message: z.string(), code: z.string().optional() })
  ),
  failures: z.array(failure)
})

export const bootstrapKeyDeleted = z.object({
  deletedAccessKeyId: z.string(),
  verifiedBy: z.enum(['account-summary', 'key-refused']),
  accountAccessKeysPresent: z.number(),
  otherRootKeys: z.array(z.string()),
  message: z.string()
})

export const lastRun = z
  .object({
    runId: z.string(),
    state: runState,
    startedAt: z.string(),
    updatedAt: z.string(),
    roles: z.array(roleId),
    steps: z.object({ done: z.number(), failed: z.number(), started: z.number(), undone: z.number(), created: z.number() }),
    canResume: z.boolean(),
    canRollBack: z.boolean()
  })
  .nullable()

/** The renderer may name the operation, so it can match progress events that arrive before the answer. */
const operationRequest = z.object({ operationId: z.uuid().optional() }).strict()

export const setupChannels = {
  'setup.defaults': { request: z.object({ includeAdmin: z.boolean().optional() }).strict(), response: z.array(roleSpec) },
  /** The diff against the account; nothing changes. */
  'setup.plan': { request: z.object({ roles: z.array(roleSpec).min(1).max(roleIds.length) }).strict(), response: plan },
  /** Runs the plan; `progress` events stream while it runs. */
  'setup.apply': {
    request: operationRequest.extend({ roles: z.array(roleSpec).min(1).max(roleIds.length) }).strict(),
    response: z.object({ operationId: z.string(), summary: applyReport })
  },
  /** Continues a stopped apply with the roles it was started with. */
  'setup.resume': { request: operationRequest, response: z.object({ operationId: z.string(), summary: applyReport }) },
  /** Deletes exactly what the last apply created. */
  'setup.rollback': { request: operationRequest, response: z.object({ operationId: z.string(), summary: rollbackReport }) },
  /** Deletes the root access key Cairn was connected with; `confirm` is the user's consent. */
  'setup.deleteBootstrapKey': { request: z.object({ confirm: z.literal(true) }).strict(), response: bootstrapKeyDeleted },
  /** What the journal says about the last apply: can it be resumed or rolled back? */
  'setup.lastRun': { request: noRequest, response: lastRun }
} as const

export type RoleSpecPayload = z.output<typeof roleSpec>
export type PlanPayload = z.output<typeof plan>
export type ApplyReportPayload = z.output<typeof applyReport>
export type RollbackReportPayload = z.output<typeof rollbackReport>
