import { awsErrorCode, errorMessage, missingPolicyArn, networkFailure } from '../../aws/aws-error'
import { CairnError } from '../../../shared/errors'
import type { StepAction, StepTarget } from '../step'
import { RetriesExhaustedError, transientWords } from './retry'

/** A failed step as the user sees it: AWS's code, what it means here, and what to do next. */
export interface StepFailure {
  /** AWS's error code, or Cairn's own (KEYCHAIN_UNAVAILABLE, ...) when AWS was not the cause. */
  code: string
  message: string
}

/** A step failure Cairn words itself, under AWS's code when AWS's answer was the cause. */
export class StepError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'StepError'
  }
}

function subject(action: StepAction | 'rollback', target: StepTarget): string {
  return target.userName ?? target.groupName ?? target.policyArn ?? action
}

const RESUME = 'Apply again to resume from here; what is done stays done.'
const resume = 'apply again to resume from here; what is done stays done.'

/** Attach*Policy named a policy the account does not have: say which, and what to pick instead. */
function policyMissing(policyArn: string, target: StepTarget, said: string): StepFailure {
  const holder = target.groupName ?? target.userName
  const partitions = /^arn:[\w-]+:iam::aws:policy\//.test(policyArn)
    ? ' AWS managed policies differ by partition: in AWS China their ARNs start arn:aws-cn:iam::aws:policy/, ' +
      'in AWS GovCloud arn:aws-us-gov:iam::aws:policy/, and not every policy exists in each.'
    : ''
  return {
    code: 'NoSuchEntity',
    message:
      `The managed policy ${policyArn} does not exist in this account, so it is not attached${holder ? ` to ${holder}` : ''} (AWS: "${said}").${partitions} ` +
      `Choose a policy this account has (the Plan screen lists them), then ${resume}`
  }
}

export function explainFailure(error: unknown, action: string, target: StepTarget): StepFailure {
  if (error instanceof RetriesExhaustedError) {
    // Lag that never cleared was no lag: say what AWS's answer means.
    if (error.reason === 'not-yet-visible' || error.reason === 'key-not-yet-valid') return explainFailure(error.last, action, target)
    const code = awsErrorCode(error.last) ?? networkFailure(error.last) ?? 'Timeout'
    return { code, message: `${error.message.replace(/\.$/, '')} — Cairn gave up on ${action} for now. Wait a minute, then ${resume}` }
  }
  if (error instanceof StepError || error instanceof CairnError) return { code: error.code, message: error.message }
  const network = networkFailure(error)
  if (network) return { code: network, message: `${transientWords.network} (${network}). Check the connection, then ${resume}` }
  const code = awsErrorCode(error)
  const said = errorMessage(error)
  const name = subject(action as StepAction, target)
  switch (code) {
    case 'AccessDenied':
      return {
        code,
        message: `The bootstrap credentials may not call ${action} (AWS: "${said}"). Connect with an administrator's key or a root access key, then ${resume}`
      }
    case 'LimitExceeded':
      return { code, message: `An IAM quota is reached for ${name} (AWS: "${said}"). Remove something ${name} no longer needs in the IAM console, then ${resume}` }
    case 'EntityAlreadyExists':
      return { code, message: `${name} already exists and Cairn did not make it (AWS: "${said}"). Plan again to see how it differs.` }
    case 'NoSuchEntity': {
      const policyArn = missingPolicyArn(error)
      if (policyArn) return policyMissing(policyArn, target, said)
      return { code, message: `${name} does not exist (AWS: "${said}"); it may have been deleted while Cairn worked. Plan again.` }
    }
    case 'PasswordPolicyViolation':
      return { code, message: `The generated password did not meet the account's password policy, which may have changed since the plan. ${RESUME}` }
    case 'DeleteConflict':
      return { code, message: `${name} still has something attached that Cairn did not add (AWS: "${said}"). Remove it in the IAM console, then roll back again.` }
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
    case 'ExpiredToken':
      return { code, message: `AWS no longer accepts the bootstrap credentials (AWS: "${said}"). Connect again, then ${resume}` }
    case 'MalformedPolicyDocument':
    case 'ValidationError':
    case 'InvalidInput':
      return { code, message: `AWS refused ${action} for ${name} as invalid (AWS: "${said}"). This is a bug in Cairn; please report it with this message.` }
    default:
      return { code: code ?? 'Error', message: `${action} for ${name} failed (${code ?? 'no AWS error code'}: "${said}"). ${RESUME}` }
  }
}
