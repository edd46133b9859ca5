import { awsErrorCode, errorMessage, isThrottling, networkFailure } from '../aws/aws-error'
import { CairnError } from '../../shared/errors'

export function isAwsError(error: unknown, ...codes: string[]): boolean {
  const code = awsErrorCode(error)
  return code !== undefined && codes.includes(code)
}

/**
 * An AWS refusal, or no answer at all, said for the user; `doing` completes "Cairn could not …".
 * Anything else (a bug) is passed on untouched, for the dispatcher to report as INTERNAL.
 */
export function awsFailure(error: unknown, doing: string): Error {
  if (error instanceof CairnError) return error
  const network = networkFailure(error)
  if (network) return new CairnError('ENDPOINT_UNREACHABLE', `Cairn could not ${doing}: AWS did not answer (${network}). Check your connection and try again.`)
  const code = awsErrorCode(error)
  if (code === undefined) return error instanceof Error ? error : new Error(String(error))
  if (code === 'InvalidClientTokenId' || code === 'SignatureDoesNotMatch' || code === 'ExpiredToken') {
    return new CairnError('INVALID_CREDENTIALS', `Cairn could not ${doing}: AWS no longer accepts the credentials Cairn is connected with (${code}). Connect again.`)
  }
  if (code === 'AccessDenied') {
    return new CairnError(
      'NO_IAM_PERMISSION',
      `Cairn could not ${doing}: the identity Cairn is connected as is not allowed to (AccessDenied). Connect as an administrator, or with the root user's temporary key.`
    )
  }
  if (isThrottling(error)) return new CairnError('AWS_ERROR', `Cairn could not ${doing}: AWS asked Cairn to slow down. Wait a few seconds and try again.`)
  return new CairnError('AWS_ERROR', `Cairn could not ${doing}: AWS said "${errorMessage(error)}" (${code}).`)
}
