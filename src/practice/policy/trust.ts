import { statementsOf, type PolicyDocument, type PolicyPrincipal, type PolicyStatement } from './document'
import { evaluate, type ContextValue, type Decision } from './evaluate'

/** Who is asking to assume a role, as a trust policy's AWS principals can name them. */
export interface TrustedCaller {
  accountId: string
  /** The ARNs that name this caller directly: an IAM user's ARN, or a role's ARN and its session's. */
  directArns: readonly string[]
}

export interface TrustDecision {
  decision: Decision
  /**
   * True when an Allow names the caller itself rather than the whole account. AWS then needs no
   * identity policy allowing sts:AssumeRole (same account); naming the account delegates to them.
   */
  namedDirectly: boolean
}

type PrincipalMatch = 'none' | 'account' | 'direct'

function awsPrincipals(principal: PolicyPrincipal | undefined): string[] | '*' {
  if (principal === undefined) return []
  if (principal === '*') return '*'
  const aws = principal['AWS']
  if (aws === undefined) return []
  const list = Array.isArray(aws) ? aws : [aws]
  return list.includes('*') ? '*' : list
}

function principalMatch(principal: PolicyPrincipal | undefined, caller: TrustedCaller): PrincipalMatch {
  const values = awsPrincipals(principal)
  if (values === '*') return 'account'
  if (values.some((arn) => caller.directArns.includes(arn))) return 'direct'
  const account = [caller.accountId, `arn:aws:iam::${caller.accountId}:root`]
  return values.some((value) => account.includes(value)) ? 'account' : 'none'
}

/** The statement as an identity policy would read it once its principal has matched. */
function withoutPrincipal(statement: PolicyStatement): PolicyStatement {
  const { Principal: _principal, NotPrincipal: _notPrincipal, ...rest } = statement
  return { ...rest, Resource: '*' }
}

/**
 * A role's trust policy decided for one caller and action (sts:AssumeRole): statements whose
 * principal matches (or, with NotPrincipal, does not) are evaluated with their conditions
 * against the request context, an explicit deny winning.
 */
export function evaluateTrust(trust: PolicyDocument, action: string, caller: TrustedCaller, context: Record<string, ContextValue>): TrustDecision {
  const applying: PolicyStatement[] = []
  let namedDirectly = false
  for (const statement of statementsOf(trust)) {
    const match =
      statement.NotPrincipal !== undefined
        ? principalMatch(statement.NotPrincipal, caller) === 'none'
          ? 'account'
          : 'none'
        : principalMatch(statement.Principal, caller)
    if (match === 'none') continue
    applying.push(withoutPrincipal(statement))
    if (statement.Effect === 'Allow' && match === 'direct') {
      const alone = evaluate({ action, resource: '*', context }, [{ Version: trust.Version ?? '2012-10-17', Statement: [withoutPrincipal(statement)] }])
      if (alone === 'Allow') namedDirectly = true
    }
  }
  const decision = evaluate({ action, resource: '*', context }, [{ Version: trust.Version ?? '2012-10-17', Statement: applying }])
  return { decision, namedDirectly: decision === 'Allow' && namedDirectly }
}
