import { z } from 'zod'

const stringOrList = z.union([z.string(), z.array(z.string())])

const statementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: stringOrList.optional(),
    NotAction: stringOrList.optional(),
    Resource: stringOrList.optional(),
    NotResource: stringOrList.optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.boolean(), z.number()]))).optional()
  })
  .loose()

const documentSchema = z
  .object({
    Version: z.string().optional(),
    Statement: z.union([statementSchema, z.array(statementSchema)])
  })
  .loose()

export type PolicyStatement = z.infer<typeof statementSchema>
export type PolicyDocument = z.infer<typeof documentSchema>

/**
 * IAM returns documents URL-encoded (RFC 3986) from GetUserPolicy, GetGroupPolicy and
 * GetPolicyVersion. Returns null for anything that is not a policy document, so one odd
 * policy cannot stop a scan.
 */
export function parsePolicyDocument(text: string): PolicyDocument | null {
  const candidates = [text]
  try {
    candidates.unshift(decodeURIComponent(text))
  } catch {
    // Not URL-encoded (a '%' in plain JSON): the raw text is the only candidate.
  }
  for (const candidate of candidates) {
    try {
      const parsed = documentSchema.safeParse(JSON.parse(candidate))
      if (parsed.success) return parsed.data
    } catch {
      // Try the next candidate.
    }
  }
  return null
}

export function statementsOf(document: PolicyDocument): PolicyStatement[] {
  return Array.isArray(document.Statement) ? document.Statement : [document.Statement]
}

function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

/**
 * An Allow of every action on every resource: what AdministratorAccess grants and what
 * Security Hub's IAM.1 looks for. Conditions are ignored on purpose: a conditioned "*" on
 * "*" is still administrator access whenever the condition holds.
 */
export function grantsFullAccess(document: PolicyDocument): boolean {
  return statementsOf(document).some(
    (statement) =>
      statement.Effect === 'Allow' && listOf(statement.Action).some((action) => action === '*' || action === '*:*') && listOf(statement.Resource).includes('*')
  )
}

/** Key order and whitespace do not change a policy; compare documents on this form. */
export function canonicalPolicyJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalPolicyJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalPolicyJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}
