import { CairnError, type ErrorCode } from '../../shared/errors'
import { awsErrorCode, errorMessage, isServerError, isThrottling, missingPolicyArn, networkFailure } from './aws-error'

/** What kind of failure a thrown value is; every domain words these kinds in its own terms. */
export type AwsFailureKind =
  /** Cairn already said it (a CairnError): pass it on as it is. */
  | 'cairn'
  /** Not an AWS failure at all, so a bug: pass it on for the dispatcher to report as INTERNAL. */
  | 'not-aws'
  /** AWS never answered: refused, unresolvable, reset or timed out. */
  | 'unreachable'
  | 'throttled'
  | 'server-error'
  /** InvalidClientTokenId: AWS does not know the access key ID (mistyped, deleted, deactivated, or too new). */
  | 'unknown-key'
  /** SignatureDoesNotMatch: the secret does not belong to the key ID. */
  | 'wrong-secret'
  /** ExpiredToken: temporary credentials that have run out. */
  | 'expired-credentials'
  | 'access-denied'
  /** NoSuchEntity about the managed policy a call names, not the user or group: waiting will not bring it. */
  | 'policy-missing'
  | 'not-found'
  | 'already-exists'
  /** LimitExceeded: an IAM quota is reached. */
  | 'quota-reached'
  | 'delete-conflict'
  /** ConcurrentModification, EntityTemporarilyUnmodifiable: IAM documents both as "try again". */
  | 'busy'
  | 'password-policy'
  /** AWS called the request itself invalid, which is Cairn's bug rather than the user's. */
  | 'invalid-request'
  /** Any other answer from AWS. */
  | 'refused'

/** An answer from AWS: the kinds between 'throttled' and 'refused'. */
type AwsAnswerKind = Exclude<AwsFailureKind, 'cairn' | 'not-aws' | 'unreachable'>

interface Words {
  /** Cairn's code for it: what the generic wording below throws. */
  code: ErrorCode
  /** AWS's own message (or the error's). */
  said: string
  /** The cause in plain words, about the credentials Cairn is connected with. */
  cause: string
  /** What to do next; empty when there is nothing better to do than try again. */
  next: string
}

interface Answer extends Words {
  /** AWS's error code ("NoSuchEntity"). */
  awsCode: string
  /**
   * What AWS's answer points to beyond its code: a refused MFA code (AccessDenied
   * "MultiFactorAuthentication failed …"), or this computer's clock (RequestTimeTooSkewed, a
   * signature AWS calls expired). Only a domain that can say something better uses it.
   */
  suspect?: 'mfa-code' | 'clock'
  networkCode?: undefined
}

interface NoAnswer extends Words {
  awsCode?: undefined
  suspect?: undefined
  policyArn?: undefined
}

export type AwsFailure =
  | (NoAnswer & { kind: 'cairn' | 'not-aws'; networkCode?: undefined })
  | (NoAnswer & { kind: 'unreachable'; /** Node's code ("ECONNREFUSED"). */ networkCode: string })
  | (Answer & { kind: 'policy-missing'; /** The policy IAM does not have. */ policyArn: string })
  | (Answer & { kind: CodeKind; policyArn?: undefined })

/** What the caller knows that changes what to do next. */
export interface AwsCallContext {
  /** The call went to the practice account, which may simply not be running. */
  practice?: boolean
}

/** The kinds AWS's code alone decides. */
type CodeKind = Exclude<AwsAnswerKind, 'policy-missing'>

const kindOfCode: Record<string, CodeKind> = {
  InvalidClientTokenId: 'unknown-key',
  SignatureDoesNotMatch: 'wrong-secret',
  ExpiredToken: 'expired-credentials',
  ExpiredTokenException: 'expired-credentials',
  AccessDenied: 'access-denied',
  NoSuchEntity: 'not-found',
  EntityAlreadyExists: 'already-exists',
  LimitExceeded: 'quota-reached',
  DeleteConflict: 'delete-conflict',
  ConcurrentModification: 'busy',
  EntityTemporarilyUnmodifiable: 'busy',
  PasswordPolicyViolation: 'password-policy',
  MalformedPolicyDocument: 'invalid-request',
  ValidationError: 'invalid-request',
  InvalidInput: 'invalid-request'
}

function kindOf(error: unknown, awsCode: string): CodeKind {
  const kind = kindOfCode[awsCode]
  if (kind) return kind
  if (isThrottling(error)) return 'throttled'
  return isServerError(error) ? 'server-error' : 'refused'
}

function suspectOf(awsCode: string, said: string): AwsFailure['suspect'] {
  if (awsCode === 'AccessDenied' && /MultiFactorAuthentication/i.test(said)) return 'mfa-code'
  if (awsCode === 'RequestTimeTooSkewed' || awsCode === 'InvalidSignatureException') return 'clock'
  if (awsCode === 'SignatureDoesNotMatch' && /expired|not yet current/i.test(said)) return 'clock'
  return undefined
}

/** Cairn's code, cause and next step for each kind of answer AWS gave. */
function wording(kind: AwsAnswerKind, awsCode: string, said: string): Omit<Words, 'said'> {
  switch (kind) {
    case 'unknown-key':
    case 'wrong-secret':
    case 'expired-credentials':
      return { code: 'INVALID_CREDENTIALS', cause: `AWS no longer accepts the credentials Cairn is connected with (${awsCode})`, next: 'Connect again.' }
    case 'access-denied':
      return {
        code: 'NO_IAM_PERMISSION',
        cause: `the identity Cairn is connected as is not allowed to (${awsCode})`,
        next: "Connect as an administrator, or with the root user's temporary key."
      }
    case 'throttled':
      return { code: 'AWS_ERROR', cause: 'AWS asked Cairn to slow down', next: 'Wait a few seconds and try again.' }
    default:
      return { code: 'AWS_ERROR', cause: `AWS said "${said}" (${awsCode})`, next: '' }
  }
}

/** Decides once what kind of failure a thrown value is: an AWS refusal, no answer, Cairn's own, or a bug. */
export function classifyAwsError(error: unknown, context: AwsCallContext = {}): AwsFailure {
  const said = errorMessage(error)
  if (error instanceof CairnError) return { kind: 'cairn', code: error.code, said, cause: said, next: '' }
  const networkCode = networkFailure(error)
  if (networkCode) {
    const next = context.practice
      ? 'Is the practice account running? Open Cairn or run `cairn practice`, then pass its address with --endpoint.'
      : 'Check your connection and try again.'
    return { kind: 'unreachable', code: 'ENDPOINT_UNREACHABLE', networkCode, said, cause: `AWS did not answer (${networkCode})`, next }
  }
  const awsCode = awsErrorCode(error)
  if (awsCode === undefined) return { kind: 'not-aws', code: 'INTERNAL', said, cause: said, next: '' }
  const suspect = suspectOf(awsCode, said)
  const answered = { awsCode, ...(suspect ? { suspect } : {}), said }
  const policyArn = missingPolicyArn(error)
  if (policyArn !== undefined) return { kind: 'policy-missing', policyArn, ...answered, ...wording('policy-missing', awsCode, said) }
  const kind = kindOf(error, awsCode)
  return { kind, ...answered, ...wording(kind, awsCode, said) }
}

/** The thrown value itself when it is Cairn's own or a bug, so the domain passes it on untouched. */
export function passedOn(error: unknown, failure: AwsFailure): Error | undefined {
  if (failure.kind === 'cairn' || failure.kind === 'not-aws') return error instanceof Error ? error : new Error(String(error))
  return undefined
}

/**
 * An AWS refusal, or no answer at all, said for the user in the words above; `doing` completes
 * "Cairn could not …". Anything else (a bug) is passed on untouched, for the dispatcher to report as INTERNAL.
 */
export function awsFailure(error: unknown, doing: string): Error {
  const failure = classifyAwsError(error)
  return passedOn(error, failure) ?? new CairnError(failure.code, `Cairn could not ${doing}: ${failure.cause}.${failure.next ? ` ${failure.next}` : ''}`)
}
