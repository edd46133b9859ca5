import { GetAccountSummaryCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { awsClients } from '../aws/clients'
import { classifyAwsError } from '../aws/classify-aws-error'
import { CairnError } from '../../shared/errors'
import { Connection } from './connection'
import { checkedCredentials, type BootstrapCredentials } from './credentials-format'

export interface ConnectOptions {
  practice?: boolean
}

const rootArn = /^arn:aws[\w-]*:iam::\d{12}:root$/
const userArn = /^arn:aws[\w-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/

function where(endpoint: string | undefined): string {
  return endpoint ? `the endpoint ${endpoint}` : 'AWS'
}

function unreachable(endpoint: string | undefined, code: string): CairnError {
  const why: Record<string, string> = {
    ECONNREFUSED: 'nothing is listening there',
    ENOTFOUND: 'that host name does not resolve',
    EAI_AGAIN: 'the host name could not be looked up (DNS)',
    ETIMEDOUT: 'it did not answer in time'
  }
  const cause = why[code] ?? `the connection failed (${code})`
  const next = endpoint
    ? 'Check the endpoint URL, and that the service is running (the practice account: `cairn practice`).'
    : 'Check your internet connection, proxy or firewall, then try again.'
  return new CairnError('ENDPOINT_UNREACHABLE', `Cairn could not reach ${where(endpoint)}: ${cause}. ${next}`)
}

/** The message for each way GetCallerIdentity refuses a key, each with what to do about it. */
function identityRefused(error: unknown, endpoint: string | undefined): CairnError {
  const failure = classifyAwsError(error)
  switch (failure.kind) {
    case 'unreachable':
      return unreachable(endpoint, failure.networkCode)
    case 'unknown-key':
      return new CairnError(
        'INVALID_CREDENTIALS',
        'AWS does not know this access key ID: it was mistyped, deleted or deactivated. Copy the key ID again, or create a new access key in the IAM console (Security credentials > Access keys).'
      )
    case 'wrong-secret':
      return new CairnError(
        'INVALID_CREDENTIALS',
        'The secret access key does not belong to this access key ID. Paste the secret again; if it was lost (AWS shows it only once), create a new access key.'
      )
    case 'expired-credentials':
      return new CairnError(
        'INVALID_CREDENTIALS',
        'These temporary credentials have expired. Get new ones (for example `aws sts get-session-token`) and connect again.'
      )
    case 'access-denied':
      return new CairnError('INVALID_CREDENTIALS', `AWS refused to say who this key belongs to: ${failure.said} Use another key.`)
    default:
      return new CairnError('AWS_ERROR', `AWS did not accept the key (${failure.awsCode ?? 'no answer'}): ${failure.said}`)
  }
}

/**
 * Checks bootstrap credentials and returns the connection they make: GetCallerIdentity says
 * whose key it is (no permission needed), then GetAccountSummary proves it may use IAM, so a
 * key of a user without IAM rights is caught here rather than halfway through a setup.
 */
export async function connect(input: BootstrapCredentials, options: ConnectOptions = {}): Promise<Connection> {
  const credentials = checkedCredentials(input)
  const { endpoint, ...keys } = credentials
  // Few attempts: a wrong key or a dead endpoint should be said within seconds.
  const { sts, iam } = awsClients(keys, { ...(endpoint ? { endpoint } : {}), purpose: 'read', maxAttempts: 3 })
  let arn: string
  let accountId: string
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}))
    arn = identity.Arn ?? ''
    accountId = identity.Account ?? ''
  } catch (error) {
    throw identityRefused(error, endpoint)
  }

  try {
    await iam.send(new GetAccountSummaryCommand({}))
  } catch (error) {
    const failure = classifyAwsError(error)
    if (failure.kind === 'unreachable') throw unreachable(endpoint, failure.networkCode)
    if (failure.kind === 'access-denied') {
      throw new CairnError(
        'NO_IAM_PERMISSION',
        `This key belongs to ${arn}, which may not use IAM (iam:GetAccountSummary was denied), so it cannot set the account up. ` +
          'Use the key of a user with AdministratorAccess, or a temporary root access key that Cairn deletes at the end.'
      )
    }
    throw new CairnError('AWS_ERROR', `AWS refused to read the account summary (${failure.awsCode ?? 'no answer'}): ${failure.said}`)
  }

  const isRoot = rootArn.test(arn)
  const userName = userArn.exec(arn)?.[1]
  return new Connection({ accountId, arn, isRoot, ...(userName ? { userName } : {}), practice: options.practice ?? false }, keys, endpoint)
}
