import { z } from 'zod'
import { noRequest } from './no-request'
import { accessKeyProblems } from '../rules/access-key-format'
import { checkFix, checkResult, conflict, plan, roleId, roleSpec, runState, stepAction } from '../domain/schemas'
import { roleIds } from '../domain/words'

/**
 * Connect, security status, plan and apply. The bootstrap secret travels once, renderer to
 * main, in connect.withKeys; no response ever carries it back.
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

const failure = z.object({ stepId: z.string(), code: z.string(), message: z.string() })

export const applyReport = z.object({
  runId: z.string().nullable(),
  outcome: z.enum(['done', 'failed', 'blocked']),
  resumed: z.boolean(),
  counts: z.object({ created: z.number(), existed: z.number(), updated: z.number(), failed: z.number(), skipped: z.number(), deferred: z.number() }),
  steps: z.array(
    z.object({ id: z.string(), action: stepAction, outcome: z.enum(['done', 'failed', 'skipped']), created: z.boolean(), message: z.string(), code: z.string().optional() })
  ),
  failures: z.array(failure),
  conflicts: z.array(conflict)
})

export const rollbackReport = z.object({
  runId: z.string().nullable(),
  outcome: z.enum(['done', 'failed', 'nothing']),
  steps: z.array(z.object({ id: z.string(), undo: z.string(), outcome: z.enum(['done', 'failed', 'skipped']), message: z.string(), code: z.string().optional() })),
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
  'connect.disconnect': { request: noRequest, response: connectionStatus },
  /** Live checks; adminGroupName is where AdministratorAccess belongs, if anywhere. */
  'audit.scan': { request: z.object({ adminGroupName: z.string().max(128).optional() }).strict(), response: z.array(checkResult) },
  'audit.fix': { request: z.object({ fixId: checkFix.shape.id }).strict(), response: checkResult },
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

export type ConnectionInfo = z.output<typeof connectionInfo>
export type ConnectionStatus = z.output<typeof connectionStatus>
export type CheckResultPayload = z.output<typeof checkResult>
export type RoleSpecPayload = z.output<typeof roleSpec>
export type PlanPayload = z.output<typeof plan>
export type ApplyReportPayload = z.output<typeof applyReport>
export type RollbackReportPayload = z.output<typeof rollbackReport>
