import { IAMClient } from '@aws-sdk/client-iam'
import { STSClient } from '@aws-sdk/client-sts'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/**
 * read: the SDK's standard retries (throttling, 5xx, timeouts) are right for calls that change
 * nothing. apply: one attempt per send, because the apply engine retries itself, so the
 * progress list can say "retrying (2)" and a non-idempotent CreateAccessKey is never resent
 * blindly.
 */
export type ClientPurpose = 'read' | 'apply'

export interface ClientOptions {
  /** The practice account's http://127.0.0.1:PORT, or any IAM/STS-compatible endpoint. */
  endpoint?: string
  purpose?: ClientPurpose
  /** Overrides the purpose's attempts, e.g. few for a connect check that should answer fast. */
  maxAttempts?: number
}

export interface AwsClients {
  iam: IAMClient
  sts: STSClient
}

// IAM is a global service signed for us-east-1; STS answers there too.
const REGION = 'us-east-1'
const READ_ATTEMPTS = 6

// A dead endpoint should fail in seconds, not after the SDK's default of minutes.
const requestHandler = { connectionTimeout: 5_000, requestTimeout: 30_000 }

export function awsClients(credentials: AwsCredentials, options: ClientOptions = {}): AwsClients {
  const config = {
    region: REGION,
    // A copy: the SDK annotates the object it is given, and the caller's must stay as it is.
    credentials: { ...credentials },
    maxAttempts: options.maxAttempts ?? (options.purpose === 'apply' ? 1 : READ_ATTEMPTS),
    retryMode: 'standard',
    requestHandler,
    ...(options.endpoint ? { endpoint: options.endpoint } : {})
  }
  return { iam: new IAMClient(config), sts: new STSClient(config) }
}
