import { baseConditionOperator, statementsOf } from './document'
import type { ConditionBlock, ConditionValue, PolicyDocument, PolicyStatement } from './document'
import { arnTokensMatch, literalTokens, tokensMatch, tokensOf, wildcardMatch } from './wildcard'
import type { PatternToken } from './wildcard'

export type ContextValue = string | boolean | number | string[] | undefined

export interface AuthorizationRequest {
  /** 'iam:CreateUser' */
  action: string
  /** The resource's ARN, or '*' for actions that have none. */
  resource: string
  /**
   * The request context: every condition key the practice account decides for this request
   * ('aws:MultiFactorAuthPresent', 'aws:username', 'aws:PrincipalType', ...). A key set to
   * undefined is one AWS leaves out of this request, as aws:MultiFactorAuthPresent for long-term
   * keys. A key not listed at all is one the practice account does not model (resource tags,
   * aws:SourceIp, service keys): whether AWS would have it is unknown, see Truth.
   */
  context: Record<string, ContextValue>
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny'

/**
 * Whether part of a statement matches. 'unknown' when it depends on what the practice account
 * does not model (a condition key it never sets, an operator it does not know): such a statement
 * never allows, and a Deny applies, so the practice account never allows what AWS might deny.
 */
type Truth = boolean | 'unknown'

/** Kleene's logic: `decisive` (false for AND, true for OR) wins over unknown, unknown over the other. */
function combine(truths: Iterable<Truth>, decisive: boolean): Truth {
  let result: Truth = !decisive
  for (const truth of truths) {
    if (truth === decisive) return truth
    if (truth === 'unknown') result = truth
  }
  return result
}

const allOf = (truths: Iterable<Truth>): Truth => combine(truths, false)
const anyOf = (truths: Iterable<Truth>): Truth => combine(truths, true)

const not = (truth: Truth): Truth => (truth === 'unknown' ? truth : !truth)

/** Context keys are case-insensitive in IAM. A key that is there with value undefined is known to be absent. */
type Context = ReadonlyMap<string, ContextValue>

function contextOf(request: AuthorizationRequest): Context {
  const map = new Map<string, ContextValue>()
  for (const [key, value] of Object.entries(request.context)) {
    if (value !== undefined || !map.has(key.toLowerCase())) map.set(key.toLowerCase(), value)
  }
  return map
}

function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

function scalarText(value: ContextValue): string | undefined {
  if (value === undefined || Array.isArray(value)) return undefined
  return String(value)
}

/**
 * Expands ${aws:username}, ${key, 'default'} and the escapes ${*} ${?} ${$}. Substituted
 * text is literal. Undefined when a variable has no value: the pattern then matches nothing.
 * 'unknown' when a variable names a key the practice account does not model.
 */
function expandVariables(pattern: string, context: Context, variablesOn: boolean): PatternToken[] | undefined | 'unknown' {
  if (!variablesOn || !pattern.includes('${')) return tokensOf(pattern)
  const tokens: PatternToken[] = []
  let rest = pattern
  while (rest.length > 0) {
    const start = rest.indexOf('${')
    const end = start < 0 ? -1 : rest.indexOf('}', start)
    if (start < 0 || end < 0) {
      tokens.push(...tokensOf(rest))
      break
    }
    tokens.push(...tokensOf(rest.slice(0, start)))
    const inner = rest.slice(start + 2, end).trim()
    rest = rest.slice(end + 1)
    if (inner === '*' || inner === '?' || inner === '$') {
      tokens.push({ literal: inner })
      continue
    }
    const withDefault = /^(.+?)\s*,\s*'(.*)'$/.exec(inner)
    const key = (withDefault ? withDefault[1]! : inner).trim().toLowerCase()
    if (!context.has(key)) return 'unknown'
    const value = scalarText(context.get(key)) ?? withDefault?.[2]
    if (value === undefined) return undefined
    tokens.push(...literalTokens(value))
  }
  return tokens
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  if (statement.Action !== undefined) return listOf(statement.Action).some((p) => wildcardMatch(p, action, true))
  if (statement.NotAction !== undefined) return !listOf(statement.NotAction).some((p) => wildcardMatch(p, action, true))
  return false
}

function resourcePatternMatches(pattern: string, resource: string, context: Context, variablesOn: boolean): Truth {
  if (pattern === '*') return true
  const tokens = expandVariables(pattern, context, variablesOn)
  if (tokens === 'unknown') return tokens
  return tokens !== undefined && arnTokensMatch(tokens, resource)
}

function resourceMatches(statement: PolicyStatement, resource: string, context: Context, variablesOn: boolean): Truth {
  const matches = (p: string): Truth => resourcePatternMatches(p, resource, context, variablesOn)
  if (statement.Resource !== undefined) return anyOf(listOf(statement.Resource).map(matches))
  if (statement.NotResource !== undefined) return not(anyOf(listOf(statement.NotResource).map(matches)))
  return false
}

// ---- conditions ----

type Comparison = (contextValue: string, policyValue: string, context: Context, variablesOn: boolean) => Truth

const negatedOf: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike'
}

function numberOf(text: string): number | undefined {
  if (text.trim() === '') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}

/** Dates in conditions are ISO 8601 or epoch seconds. */
function dateOf(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const ms = Date.parse(text)
  return Number.isNaN(ms) ? undefined : ms
}

function compareWith(parse: (text: string) => number | undefined, test: (a: number, b: number) => boolean): Comparison {
  return (contextValue, policyValue) => {
    const a = parse(contextValue)
    const b = parse(policyValue)
    return a !== undefined && b !== undefined && test(a, b)
  }
}

function withVariables(test: (contextValue: string, policy: PatternToken[]) => boolean): Comparison {
  return (contextValue, policyValue, context, variablesOn) => {
    const tokens = expandVariables(policyValue, context, variablesOn)
    if (tokens === 'unknown') return tokens
    return tokens !== undefined && test(contextValue, tokens)
  }
}

const literalOf = (tokens: PatternToken[]): string => tokens.map((t) => ('literal' in t ? t.literal : t.any === 'run' ? '*' : '?')).join('')

const comparisons: Record<string, Comparison> = {
  StringEquals: withVariables((v, p) => v === literalOf(p)),
  StringEqualsIgnoreCase: withVariables((v, p) => v.toLowerCase() === literalOf(p).toLowerCase()),
  StringLike: withVariables((v, p) => tokensMatch(p, v)),
  NumericEquals: compareWith(numberOf, (a, b) => a === b),
  NumericLessThan: compareWith(numberOf, (a, b) => a < b),
  NumericLessThanEquals: compareWith(numberOf, (a, b) => a <= b),
  NumericGreaterThan: compareWith(numberOf, (a, b) => a > b),
  NumericGreaterThanEquals: compareWith(numberOf, (a, b) => a >= b),
  DateEquals: compareWith(dateOf, (a, b) => a === b),
  DateLessThan: compareWith(dateOf, (a, b) => a < b),
  DateLessThanEquals: compareWith(dateOf, (a, b) => a <= b),
  DateGreaterThan: compareWith(dateOf, (a, b) => a > b),
  DateGreaterThanEquals: compareWith(dateOf, (a, b) => a >= b),
  Bool: (v, p) => /^(true|false)$/i.test(v) && v.toLowerCase() === p.toLowerCase(),
  BinaryEquals: (v, p) => v === p,
  IpAddress: (v, p) => ipInCidr(v, p),
  ArnEquals: withVariables((v, p) => arnTokensMatch(p, v)),
  ArnLike: withVariables((v, p) => arnTokensMatch(p, v))
}

interface Operator {
  set: 'any' | 'all' | undefined
  ifExists: boolean
  negated: boolean
  /** The positive comparison; negated operators use its NOR. */
  compare: Comparison | 'null'
}

function operatorOf(name: string): Operator | undefined {
  const set = name.startsWith('ForAnyValue:') ? 'any' : name.startsWith('ForAllValues:') ? 'all' : undefined
  const base = baseConditionOperator(name)
  const ifExists = name.endsWith('IfExists') && base !== 'Null'
  if (base === 'Null') return { set, ifExists: false, negated: false, compare: 'null' }
  const positive = negatedOf[base] ?? base
  const compare = comparisons[positive]
  return compare && { set, ifExists, negated: positive !== base, compare }
}

function valuesOf(value: ContextValue): string[] | undefined {
  if (value === undefined) return undefined
  return Array.isArray(value) ? value.map(String) : [String(value)]
}

function conditionHolds(operator: Operator, contextValue: ContextValue, policyValues: readonly string[], context: Context, variablesOn: boolean): Truth {
  const values = valuesOf(contextValue)
  if (operator.compare === 'null') {
    const absent = values === undefined || values.length === 0
    return policyValues.some((p) => (p.toLowerCase() === 'true' ? absent : !absent))
  }
  if (values === undefined) {
    // A missing key: IfExists and ForAllValues pass, negated operators pass, the rest fail.
    return operator.ifExists || operator.set === 'all' || (operator.set === undefined && operator.negated)
  }
  const compare = operator.compare
  const matchesAny = (v: string): Truth => anyOf(policyValues.map((p) => compare(v, p, context, variablesOn)))
  const holdsFor = (v: string): Truth => (operator.negated ? not(matchesAny(v)) : matchesAny(v))
  if (operator.set === 'all') return allOf(values.map(holdsFor))
  if (operator.set === 'any') return anyOf(values.map(holdsFor))
  // Without a set operator a multivalued key holds when any value matches, and a
  // negated operator holds only when no value matches.
  return operator.negated ? allOf(values.map(holdsFor)) : anyOf(values.map(holdsFor))
}

/**
 * Every operator and key must hold. An operator the practice account does not know, or a key it
 * does not model, is unknown: it cannot make an Allow match, and cannot keep a Deny from applying.
 */
function conditionsHold(block: ConditionBlock | undefined, context: Context, variablesOn: boolean): Truth {
  const truths: Truth[] = []
  for (const [name, keys] of Object.entries(block ?? {})) {
    const operator = operatorOf(name)
    if (!operator) {
      truths.push('unknown')
      continue
    }
    for (const [key, raw] of Object.entries(keys)) {
      const policyValues = (Array.isArray(raw) ? raw : [raw]).map((v: ConditionValue) => String(v))
      const known = context.has(key.toLowerCase())
      truths.push(known ? conditionHolds(operator, context.get(key.toLowerCase()), policyValues, context, variablesOn) : 'unknown')
    }
  }
  return allOf(truths)
}

// ---- IP addresses ----

function ipv4Bits(text: string): bigint | undefined {
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n)
}

function ipv6Bits(text: string): bigint | undefined {
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'))
  const head = groups(halves[0]!)
  const tail = halves.length === 2 ? groups(halves[1]!) : []
  const missing = 8 - head.length - tail.length
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail]
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined
  return all.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n)
}

function addressOf(text: string): { bits: bigint; width: number } | undefined {
  const v4 = ipv4Bits(text)
  if (v4 !== undefined) return { bits: v4, width: 32 }
  const v6 = ipv6Bits(text)
  return v6 === undefined ? undefined : { bits: v6, width: 128 }
}

function ipInCidr(ip: string, cidr: string): boolean {
  const [network = '', prefixText] = cidr.split('/')
  const address = addressOf(ip)
  const range = addressOf(network)
  if (!address || !range || address.width !== range.width) return false
  const prefix = prefixText === undefined ? range.width : Number(prefixText)
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > range.width) return false
  const shift = BigInt(range.width - prefix)
  return address.bits >> shift === range.bits >> shift
}

// ---- evaluation ----

function statementApplies(statement: PolicyStatement, request: AuthorizationRequest, context: Context, variablesOn: boolean): Truth {
  // Actions first: most statements of a policy like ReadOnlyAccess end there.
  if (!actionMatches(statement, request.action)) return false
  const resource = resourceMatches(statement, request.resource, context, variablesOn)
  return resource === false ? false : allOf([resource, conditionsHold(statement.Condition, context, variablesOn)])
}

/**
 * IAM's decision for identity-based policies: an explicit deny in any statement wins,
 * otherwise any matching allow allows, otherwise the request is implicitly denied. A Deny
 * that applies or may apply (unknown) denies; an Allow allows only when it surely applies.
 */
export function evaluate(request: AuthorizationRequest, policies: readonly PolicyDocument[]): Decision {
  const context = contextOf(request)
  let allowed = false
  for (const policy of policies) {
    // Policy variables exist only in the 2012-10-17 language; before it ${...} is literal text.
    const variablesOn = policy.Version === '2012-10-17'
    for (const statement of statementsOf(policy)) {
      const applies = statementApplies(statement, request, context, variablesOn)
      if (applies === false) continue
      if (statement.Effect === 'Deny') return 'ExplicitDeny'
      if (statement.Effect === 'Allow' && applies === true) allowed = true
    }
  }
  return allowed ? 'Allow' : 'ImplicitDeny'
}

/**
 * Session policies (GetFederationToken's Policy/PolicyArns) cap what the identity's
 * policies allow: the result is the intersection, and an explicit deny in either wins.
 * `undefined` means the session carries no session policy (long-term keys,
 * GetSessionToken); an empty list means one was expected and none given, which allows nothing.
 */
export function evaluateWithSessionPolicy(
  request: AuthorizationRequest,
  identityPolicies: readonly PolicyDocument[],
  sessionPolicies: readonly PolicyDocument[] | undefined
): Decision {
  const identity = evaluate(request, identityPolicies)
  if (sessionPolicies === undefined) return identity
  const session = evaluate(request, sessionPolicies)
  if (identity === 'ExplicitDeny' || session === 'ExplicitDeny') return 'ExplicitDeny'
  return identity === 'Allow' && session === 'Allow' ? 'Allow' : 'ImplicitDeny'
}
