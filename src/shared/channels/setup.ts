import { z } from 'zod'
import { noRequest } from './no-request'
import { conflict, iamRoleSpec, layout, plan, roleId, roleSpec, runState, signInSpec, stepAction } from '../domain/schemas'
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
    /** Absent in answers from before there were two layouts: the guide's. */
    layout: layout.optional(),
    roles: z.array(roleId),
    steps: z.object({ done: z.number(), failed: z.number(), started: z.number(), undone: z.number(), created: z.number() }),
    canResume: z.boolean(),
    canRollBack: z.boolean()
  })
  .nullable()

/** The renderer may name the operation, so it can match progress events that arrive before the answer. */
const operationRequest = z.object({ operationId: z.uuid().optional() }).strict()

/** The guide's layout (`layout` may be left out, as before there were two), or the roles layout. */
const usersLayoutRequest = z.object({ layout: z.literal('users').optional(), roles: z.array(roleSpec).min(1).max(roleIds.length) })
const rolesLayoutRequest = z.object({ layout: z.literal('roles'), signIn: signInSpec, roles: z.array(iamRoleSpec).min(1).max(roleIds.length) })
export const setupRequest = z.union([usersLayoutRequest.strict(), rolesLayoutRequest.strict()])
const applyRequest = z.union([usersLayoutRequest.extend(operationRequest.shape).strict(), rolesLayoutRequest.extend(operationRequest.shape).strict()])

export const setupChannels = {
  'setup.defaults': { request: z.object({ includeAdmin: z.boolean().optional() }).strict(), response: z.array(roleSpec) },
  /** The roles layout's defaults: a sign-in user and one IAM role per job. */
  'setup.rolesLayoutDefaults': {
    request: z.object({ includeAdmin: z.boolean().optional() }).strict(),
    response: z.object({ signIn: signInSpec, roles: z.array(iamRoleSpec) })
  },
  /** The diff against the account; nothing changes. */
  'setup.plan': { request: setupRequest, response: plan },
  /** Runs the plan; `progress` events stream while it runs. */
  'setup.apply': { request: applyRequest, response: z.object({ operationId: z.string(), summary: applyReport }) },
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
export type IamRoleSpecPayload = z.output<typeof iamRoleSpec>
export type SetupRequestPayload = z.output<typeof setupRequest>
export type PlanPayload = z.output<typeof plan>
export type ApplyReportPayload = z.output<typeof applyReport>
export type RollbackReportPayload = z.output<typeof rollbackReport>
