import { z } from 'zod'

/** An AWS managed policy the Plan screen's picker offers. */
export const managedPolicy = z.object({
  arn: z.string(),
  name: z.string(),
  path: z.string(),
  /** Only some: ListPolicies carries none, so Cairn reads the few job-function ones itself. */
  description: z.string().optional(),
  /** Under /job-function/: AWS's policies written for a job (Billing, SystemAdministrator...). */
  jobFunction: z.boolean()
})

export const policiesChannels = {
  /**
   * Every AWS managed policy in the connected account, job-function ones first. Read once per
   * connection; `refresh` reads them again.
   */
  'policies.list': { request: z.object({ refresh: z.boolean().optional() }).strict(), response: z.array(managedPolicy) }
} as const

export type ManagedPolicyPayload = z.output<typeof managedPolicy>
