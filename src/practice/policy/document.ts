import { awsErrors } from '../errors'

export type ConditionValue = string | number | boolean
export type ConditionBlock = Record<string, Record<string, ConditionValue | ConditionValue[]>>

export interface PolicyStatement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: ConditionBlock
  /** Only in resource policies, such as a role's trust policy. */
  Principal?: PolicyPrincipal
  NotPrincipal?: PolicyPrincipal
}

/** "*" or { AWS | Service | Federated | CanonicalUser: one value or a list }. */
export type PolicyPrincipal = '*' | Record<string, string | string[]>

export interface PolicyDocument {
  Version?: string
  Id?: string
  Statement: PolicyStatement | PolicyStatement[]
}

export function statementsOf(doc: PolicyDocument): PolicyStatement[] {
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]
}

/** The same document without whitespace outside strings: what IAM counts against size quotas. */
export function policySize(json: string): number {
  let size = 0
  let inString = false
  for (let i = 0; i < json.length; i++) {
    const ch = json[i]!
    if (inString) {
      size++
      if (ch === '\\') {
        size++
        i++
      } else if (ch === '"') {
        inString = false
      }
    } else if (ch === '"') {
      inString = true
      size++
    } else if (!/\s/.test(ch)) {
      size++
    }
  }
  return size
}

// The rules and messages below follow what IAM answers for identity-based policies
// (CreatePolicy, CreatePolicyVersion, Put*Policy), in the order IAM checks them.
const topLevelElements = new Set(['Version', 'Id', 'Statement'])
const statementElements = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition', 'Principal', 'NotPrincipal'])
const knownVersions = new Set(['2008-10-17', '2012-10-17'])
export const conditionOperators: ReadonlySet<string> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null'
])

class Malformed extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isStringOrStrings(value: unknown): boolean {
  return typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'))
}

function isConditionValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/** Operator name without ForAnyValue:/ForAllValues: and IfExists. */
export function baseConditionOperator(operator: string): string {
  const withoutSet = operator.replace(/^(ForAnyValue:|ForAllValues:)/, '')
  return withoutSet.endsWith('IfExists') ? withoutSet.slice(0, -'IfExists'.length) : withoutSet
}

function checkSyntax(parsed: unknown): PolicyStatement[] {
  if (!isRecord(parsed)) throw new Malformed()
  for (const key of Object.keys(parsed)) if (!topLevelElements.has(key)) throw new Malformed()
  if ('Version' in parsed && !knownVersions.has(parsed.Version as string)) throw new Malformed()
  if ('Id' in parsed && typeof parsed.Id !== 'string') throw new Malformed()
  const raw = parsed.Statement
  if (!(isRecord(raw) || Array.isArray(raw))) throw new Malformed()
  const statements: unknown[] = Array.isArray(raw) ? raw : [raw]
  if (statements.length === 0) throw new Malformed()
  for (const statement of statements) checkStatementSyntax(statement)
  return statements as PolicyStatement[]
}

function checkStatementSyntax(statement: unknown): void {
  if (!isRecord(statement)) throw new Malformed()
  for (const key of Object.keys(statement)) if (!statementElements.has(key)) throw new Malformed()
  if ('Action' in statement && 'NotAction' in statement) throw new Malformed()
  if ('Resource' in statement && 'NotResource' in statement) throw new Malformed()
  if (typeof statement.Effect !== 'string' || !/^(allow|deny)$/i.test(statement.Effect)) throw new Malformed()
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (key in statement && !isStringOrStrings(statement[key])) throw new Malformed()
  }
  if ('Sid' in statement && typeof statement.Sid !== 'string') throw new Malformed()
  if ('Condition' in statement) {
    const condition = statement.Condition
    if (!isRecord(condition)) throw new Malformed()
    for (const [operator, keys] of Object.entries(condition)) {
      if (!isRecord(keys)) throw new Malformed()
      for (const value of Object.values(keys)) {
        const ok = isConditionValue(value) || (Array.isArray(value) && value.every(isConditionValue))
        if (!ok) throw new Malformed()
      }
      // IAM tolerates an unknown operator only when its block is empty.
      if (!conditionOperators.has(baseConditionOperator(operator)) && Object.keys(keys).length > 0) {
        throw new Malformed()
      }
    }
  }
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

function isValidDateConditionValue(value: ConditionValue): boolean {
  const text = String(value)
  if (/^\d+$/.test(text)) return true
  return !Number.isNaN(Date.parse(text))
}

function failsLegacyParsing(statement: PolicyStatement): boolean {
  // Effect is matched case-insensitively by the syntax check but case-sensitively here.
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') return true
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    if (!baseConditionOperator(operator).startsWith('Date')) continue
    for (const value of Object.values(keys)) {
      const values = Array.isArray(value) ? value : [value]
      if (!values.every(isValidDateConditionValue)) return true
    }
  }
  return false
}

function resourceFailsLegacyParsing(resource: string): boolean {
  if (resource === '*') return false
  const parts = resource.split(':')
  return (resource.includes('::') && parts.length < 6) || parts[2] === ''
}

/**
 * S3 resource types whose ARNs carry a region (AWS's Service Authorization Reference for S3):
 * access points and objects through them, Batch Operations jobs, Storage Lens, Access Grants and
 * Multi-Region Access Point requests. Buckets and objects (arn:aws:s3:::bucket/key) carry none.
 */
const regionalS3Starts = ['accesspoint/', 'job/', 'storage-lens/', 'storage-lens-group/', 'access-grants/', 'async-request/']

const iamResourceStarts = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/'
]

function resourceFormatError(resource: string): string | undefined {
  if (resource === '*') return undefined
  const parts = resource.split(':')
  if (parts.length < 2) return `Resource ${resource} must be in ARN format or "*".`
  const partition = parts[1]!
  // The practice account plays the commercial partition, like an account in it.
  if (partition !== 'aws' && partition !== '*') {
    const rest = parts.slice(2)
    const at = (i: number): string => (rest.length > i ? rest[i]! : '*')
    const first = rest.length > 1 || (rest[0] ?? '') !== '' ? (rest[0] ?? '') : '*'
    const last = rest.length > 3 ? rest.slice(3).join(':') : '*'
    return `Partition "${partition}" is not valid for resource "arn:${partition}:${first}:${at(1)}:${at(2)}:${last}".`
  }
  if (parts.length < 3) return 'Resource vendor must be fully qualified and cannot contain regexes.'
  const service = parts[2]!
  const region = parts[3] ?? ''
  if (service === 'iam' && region !== '') return `IAM resource ${resource} cannot contain region information.`
  if (service === 's3' && region !== '' && !regionalS3Starts.some((start) => parts.slice(5).join(':').startsWith(start))) {
    return `Resource ${resource} can not contain region information.`
  }
  if (service === 'iam') {
    const path = parts.slice(5).join(':')
    if (path !== '*' && !iamResourceStarts.some((start) => path.startsWith(start))) {
      return `IAM resource path must either be "*" or start with ${iamResourceStarts.join(', ')}.`
    }
  }
  return undefined
}

/** IAM reports the first format error, and stops legacy-parsing resources once it has found one. */
function checkResources(statements: PolicyStatement[]): { legacyFailure: boolean; formatError?: string } {
  let formatError: string | undefined
  for (const statement of statements) {
    for (const list of [asList(statement.Resource), asList(statement.NotResource)]) {
      for (const resource of list) formatError ??= resourceFormatError(resource)
      if (formatError === undefined && list.some(resourceFailsLegacyParsing)) return { legacyFailure: true }
    }
  }
  return formatError === undefined ? { legacyFailure: false } : { legacyFailure: false, formatError }
}

function actionError(action: string): string | undefined {
  if (action === '*') return undefined
  const parts = action.split(':')
  if (parts.length === 1) return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.'
  if (parts.length > 2) return 'Actions/Condition can contain only one colon.'
  if (parts[0] !== '*' && /[^a-zA-Z0-9\-.]/.test(parts[0]!)) return `Vendor ${parts[0]} is not valid`
  return undefined
}

/** JSON and the policy grammar, or IAM's "Syntax errors in policy." */
function parseSyntax(json: string): { parsed: unknown; statements: PolicyStatement[] } {
  try {
    const parsed: unknown = JSON.parse(json)
    return { parsed, statements: checkSyntax(parsed) }
  } catch {
    throw awsErrors.malformedPolicyDocument('Syntax errors in policy.')
  }
}

/**
 * Parses and validates an identity-based policy the way IAM does, throwing
 * MalformedPolicyDocument with IAM's messages. Size quotas are the caller's
 * (see policySize): IAM reports those as LimitExceeded, not as a malformed document.
 */
export function parsePolicyDocument(json: string): PolicyDocument {
  const malformed = awsErrors.malformedPolicyDocument
  const { parsed, statements } = parseSyntax(json)
  const doc = parsed as PolicyDocument
  if (doc.Version !== '2012-10-17') throw malformed('Policy document must be version 2012-10-17 or greater.')
  if (statements.some((s) => 'Principal' in s || 'NotPrincipal' in s)) {
    throw malformed('Policy document should not specify a principal.')
  }
  const resources = checkResources(statements)
  if (statements.some(failsLegacyParsing) || resources.legacyFailure) {
    throw malformed('The policy failed legacy parsing')
  }

  const sids = statements.map((s) => s.Sid).filter((sid): sid is string => Boolean(sid))
  if (new Set(sids).size !== sids.length) throw malformed('Statement IDs (SID) in a single policy must be unique.')

  for (const s of statements) {
    if (asList(s.Action ?? s.NotAction).length === 0) throw malformed('Policy statement must contain actions.')
  }
  for (const s of statements) {
    if (asList(s.Resource ?? s.NotResource).length === 0) throw malformed('Policy statement must contain resources.')
  }
  if (resources.formatError) throw malformed(resources.formatError)
  for (const s of statements) {
    for (const action of [...asList(s.Action), ...asList(s.NotAction)]) {
      const error = actionError(action)
      if (error) throw malformed(error)
    }
  }
  return doc
}

const principalTypes = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser'])

function principalShapeOk(principal: unknown): boolean {
  if (principal === '*') return true
  if (!isRecord(principal) || Object.keys(principal).length === 0) return false
  return Object.entries(principal).every(
    ([type, value]) => principalTypes.has(type) && isStringOrStrings(value) && asList(value as string | string[]).length > 0
  )
}

/**
 * Parses a role's trust policy (CreateRole's AssumeRolePolicyDocument, UpdateAssumeRolePolicy) as
 * IAM checks a resource policy: every statement names a Principal and no Resource. `principalKnown`
 * says whether an AWS principal ARN exists; IAM refuses a policy naming one that does not.
 */
export function parseTrustPolicyDocument(json: string, principalKnown: (arn: string) => boolean): PolicyDocument {
  const malformed = awsErrors.malformedPolicyDocument
  const { parsed, statements } = parseSyntax(json)
  for (const s of statements) {
    if ('Resource' in s) throw malformed('Has prohibited field Resource')
    if ('NotResource' in s) throw malformed('Has prohibited field NotResource')
    if (!('Principal' in s) && !('NotPrincipal' in s)) throw malformed('Missing required field Principal')
  }
  if (statements.some(failsLegacyParsing)) throw malformed('The policy failed legacy parsing')
  const sids = statements.map((s) => s.Sid).filter((sid): sid is string => Boolean(sid))
  if (new Set(sids).size !== sids.length) throw malformed('Statement IDs (SID) in a single policy must be unique.')
  for (const s of statements) {
    if (asList(s.Action ?? s.NotAction).length === 0) throw malformed('Policy statement must contain actions.')
    for (const action of [...asList(s.Action), ...asList(s.NotAction)]) {
      const error = actionError(action)
      if (error) throw malformed(error)
    }
    const principal = (s.Principal ?? s.NotPrincipal) as unknown
    if (!principalShapeOk(principal)) throw malformed('Invalid principal in policy')
    if (principal === '*') continue
    for (const arn of asList((principal as Record<string, string | string[]>)['AWS'])) {
      if (!principalKnown(arn)) throw malformed(`Invalid principal in policy: "AWS":"${arn}"`)
    }
  }
  return parsed as PolicyDocument
}
