import { classifyAwsError } from '../../aws/classify-aws-error'
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
    const last = classifyAwsError(error.last)
    const code = last.awsCode ?? last.networkCode ?? 'Timeout'
    return { code, message: `${error.message.replace(/\.$/, '')} — Cairn gave up on ${action} for now. Wait a minute, then ${resume}` }
  }
  if (error instanceof StepError || error instanceof CairnError) return { code: error.code, message: error.message }
  const failure = classifyAwsError(error)
  if (failure.kind === 'unreachable') {
    const network = failure.networkCode
    return { code: network, message: `${transientWords.network} (${network}). Check the connection, then ${resume}` }
  }
  const { kind, awsCode: code, policyArn, said } = failure
  const name = subject(action as StepAction, target)
  switch (kind) {
    case 'access-denied':
      return {
        code,
        message: `The bootstrap credentials may not call ${action} (AWS: "${said}"). Connect with an administrator's key or a root access key, then ${resume}`
      }
    case 'quota-reached':
      return {
        code,
        message: `An IAM quota is reached for ${name} (AWS: "${said}"). Remove something ${name} no longer needs in the IAM console, then ${resume}`
      }
    case 'already-exists':
      return { code, message: `${name} already exists and Cairn did not make it (AWS: "${said}"). Plan again to see how it differs.` }
    case 'policy-missing':
      return policyMissing(policyArn, target, said)
    case 'not-found':
      return { code, message: `${name} does not exist (AWS: "${said}"); it may have been deleted while Cairn worked. Plan again.` }
    case 'password-policy':
      return { code, message: `The generated password did not meet the account's password policy, which may have changed since the plan. ${RESUME}` }
    case 'delete-conflict':
      return {
        code,
        message: `${name} still has something attached that Cairn did not add (AWS: "${said}"). Remove it in the IAM console, then roll back again.`
      }
    case 'unknown-key':
    case 'wrong-secret':
    case 'expired-credentials':
      return { code, message: `AWS no longer accepts the bootstrap credentials (AWS: "${said}"). Connect again, then ${resume}` }
    case 'invalid-request':
      return { code, message: `AWS refused ${action} for ${name} as invalid (AWS: "${said}"). This is a bug in Cairn; please report it with this message.` }
    default:
      return { code: code ?? 'Error', message: `${action} for ${name} failed (${code ?? 'no AWS error code'}: "${said}"). ${RESUME}` }
  }
}
