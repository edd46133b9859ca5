import { IAMClient } from '@aws-sdk/client-iam'
import { STSClient } from '@aws-sdk/client-sts'
import { defaultRetryPolicy } from './backoff'
import { ReadRetryStrategy, type ReadRetryPolicy } from './read-retry-strategy'

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/**
 * read: calls that change nothing are sent again through throttling, 5xx and timeouts, for as
 * long as an apply step would wait (ReadRetryStrategy).
 * apply: one attempt per send, because the apply engine retries itself, so the progress list can
 * say "Retrying (attempt 2)" and a non-idempotent CreateAccessKey is never resent blindly.
 */
export type ClientPurpose = 'read' | 'apply'

export interface ClientOptions {
  /** The practice account's http://127.0.0.1:PORT, or any IAM/STS-compatible endpoint. */
  endpoint?: string
  purpose?: ClientPurpose
  /** Overrides the purpose's retries with the SDK's standard ones, e.g. few for a connect check that should answer fast. */
  maxAttempts?: number
  /** How long reads keep trying; the apply engine's policy unless a test needs it shorter. */
  readRetry?: ReadRetryPolicy
}

export interface AwsClients {
  iam: IAMClient
  sts: STSClient
}

// IAM is a global service signed for us-east-1; STS answers there too.
const REGION = 'us-east-1'

// A dead endpoint should fail in seconds, not after the SDK's default of minutes.
const requestHandler = { connectionTimeout: 5_000, requestTimeout: 30_000 }

export function awsClients(credentials: AwsCredentials, options: ClientOptions = {}): AwsClients {
  const config = {
    region: REGION,
    // A copy: the SDK annotates the object it is given, and the caller's must stay as it is.
    credentials: { ...credentials },
    ...retries(options),
    requestHandler,
    ...(options.endpoint ? { endpoint: options.endpoint } : {})
  }
  return { iam: new IAMClient(config), sts: new STSClient(config) }
}

function retries(options: ClientOptions): { maxAttempts: number; retryMode: 'standard' } | { retryStrategy: ReadRetryStrategy } {
  if (options.maxAttempts !== undefined) return { maxAttempts: options.maxAttempts, retryMode: 'standard' }
  if (options.purpose === 'apply') return { maxAttempts: 1, retryMode: 'standard' }
  return { retryStrategy: new ReadRetryStrategy(options.readRetry ?? defaultRetryPolicy) }
}
