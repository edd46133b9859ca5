/** What the SDK attaches to an error AWS answered with; network failures carry a Node `code`. */
interface SdkErrorFields {
  name?: unknown
  Code?: unknown
  code?: unknown
  message?: unknown
  $fault?: unknown
  $metadata?: { httpStatusCode?: unknown }
}

function fields(error: unknown): SdkErrorFields {
  return typeof error === 'object' && error !== null ? (error as SdkErrorFields) : {}
}

/** AWS's error code ("NoSuchEntity", "Throttling"), or undefined when AWS did not answer. */
export function awsErrorCode(error: unknown): string | undefined {
  const e = fields(error)
  if (typeof e.Code === 'string' && e.Code !== '') return e.Code
  if (e.$metadata?.httpStatusCode === undefined) return undefined
  // Modelled exceptions are named after the code: NoSuchEntityException <- NoSuchEntity.
  return typeof e.name === 'string' ? e.name.replace(/Exception$/, '') : undefined
}

/** AWS answered with one of these codes. */
export function isAwsError(error: unknown, ...codes: string[]): boolean {
  const code = awsErrorCode(error)
  return code !== undefined && codes.includes(code)
}

export function httpStatusOf(error: unknown): number | undefined {
  const status = fields(error).$metadata?.httpStatusCode
  return typeof status === 'number' ? status : undefined
}

export function errorMessage(error: unknown): string {
  const message = fields(error).message
  return typeof message === 'string' ? message : String(error)
}

const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED'])

/** The request never got an answer from AWS: refused, unresolvable, reset or timed out. */
export function networkFailure(error: unknown): string | undefined {
  const e = fields(error)
  if (awsErrorCode(error) !== undefined) return undefined
  if (typeof e.code === 'string' && networkCodes.has(e.code)) return e.code
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return 'ETIMEDOUT'
  if (typeof e.message === 'string' && /socket hang up/i.test(e.message)) return 'ECONNRESET'
  return undefined
}

const throttlingCodes = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'RequestThrottled', 'SlowDown'])

export function isThrottling(error: unknown): boolean {
  const code = awsErrorCode(error)
  return code !== undefined && throttlingCodes.has(code)
}

export function isServerError(error: unknown): boolean {
  const status = httpStatusOf(error)
  return (status !== undefined && status >= 500) || fields(error).$fault === 'server'
}

/**
 * The policy ARN when IAM answered NoSuchEntity about the managed policy itself ("Policy
 * arn:aws:iam::aws:policy/X does not exist or is not attachable." from Attach*Policy), not about
 * the user or group the call names. Waiting does not make a policy appear.
 */
export function missingPolicyArn(error: unknown): string | undefined {
  if (awsErrorCode(error) !== 'NoSuchEntity') return undefined
  return /^Policy (arn:\S+) does not exist or is not attachable\b/.exec(errorMessage(error))?.[1]
}
