import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Sha256 } from '@aws-crypto/sha256-js'
import { IAMClient } from '@aws-sdk/client-iam'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll } from 'vitest'
import { totpAt } from '../../src/practice/mfa/totp'
import { startPracticeServer, type PracticeServer, type PracticeServerOptions } from '../../src/practice/server'

export interface Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** STS's Credentials as an SDK client takes them. */
export const asCredentials = (c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }): Credentials => ({
  accessKeyId: c.AccessKeyId!,
  secretAccessKey: c.SecretAccessKey!,
  sessionToken: c.SessionToken!
})

/** A clock the test moves: TOTP steps can be crossed without waiting 30 seconds. */
export function testClock(start = Date.now()) {
  let offset = start - Date.now()
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms
    },
    /** For an SDK client's systemClockOffset, so it signs with this clock's time. */
    get offsetMs() {
      return offset
    }
  }
}

export async function startServer(options: PracticeServerOptions = {}): Promise<PracticeServer & { root: Credentials }> {
  const server = await startPracticeServer({
    onUnexpectedError: (error) => {
      throw error
    },
    ...options
  })
  if (!server.rootCredentials) throw new Error('a fresh practice account has a root access key')
  return Object.assign(server, { root: server.rootCredentials })
}

/**
 * A practice account of its own for one describe block, started before its tests and closed
 * after them, with root's IAM client. Read `server` and `iam` inside tests, not at declaration.
 */
export function practiceSuite(options: PracticeServerOptions = {}): { readonly server: PracticeServer & { root: Credentials }; readonly iam: IAMClient } {
  let server: (PracticeServer & { root: Credentials }) | undefined
  let iam: IAMClient | undefined
  beforeAll(async () => {
    server = await startServer(options)
    iam = iamClient(server, server.root)
  })
  afterAll(() => server?.close())
  return {
    get server() {
      if (!server) throw new Error('the practice server starts in beforeAll')
      return server
    },
    get iam() {
      if (!iam) throw new Error('the practice server starts in beforeAll')
      return iam
    }
  }
}

// The SDK annotates the credentials object it is given; pass copies so the server's stay clean.
export function iamClient(server: PracticeServer, credentials: Credentials, maxAttempts = 1): IAMClient {
  return new IAMClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { ...credentials }, maxAttempts })
}

export function stsClient(server: PracticeServer, credentials: Credentials, maxAttempts = 1): STSClient {
  return new STSClient({ endpoint: server.endpoint, region: 'us-east-1', credentials: { ...credentials }, maxAttempts })
}

export interface SdkFailure {
  /** The ErrorResponse Code, as the SDK read it. */
  code: string
  status: number | undefined
  message: string
  type: string | undefined
}

/** The AWS error an SDK call failed with; throws if it succeeded. */
export async function sdkFailure(call: Promise<unknown>): Promise<SdkFailure> {
  try {
    await call
  } catch (error) {
    const e = error as { Code?: string; name: string; message: string; Type?: string; $metadata?: { httpStatusCode?: number } }
    return { code: e.Code ?? e.name, status: e.$metadata?.httpStatusCode, message: e.message, type: e.Type }
  }
  throw new Error('expected the call to fail')
}

/** Two consecutive codes ending at `now`, as a user types them from an authenticator app. */
export function consecutiveCodes(seed: string, now: Date): [string, string] {
  return [totpAt(seed, now.getTime() - 30_000), totpAt(seed, now.getTime())]
}

export interface AwsCliResult {
  code: number
  stdout: string
  stderr: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any
}

/**
 * Runs Debian's AWS CLI v2 against the practice endpoint. Its config and credentials files
 * point at an empty temp dir, so the user's ~/.aws is never read.
 */
export function awsCli(server: PracticeServer, credentials: Credentials, args: string[]): Promise<AwsCliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-awscli-'))
  writeFileSync(join(dir, 'config'), '')
  writeFileSync(join(dir, 'credentials'), '')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {})
  }
  return new Promise((resolve) => {
    execFile('/usr/bin/aws', ['--endpoint-url', server.endpoint, '--output', 'json', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true })
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      let json: unknown = null
      try {
        json = stdout.trim() ? JSON.parse(stdout) : null
      } catch {
        json = null
      }
      resolve({ code, stdout, stderr, json })
    })
  })
}

/**
 * The error the CLI reports: "An error occurred (CODE) when calling the OP operation: MESSAGE"
 * (with "(reached max retries: 0)" before the colon when retries are off, as in these tests).
 */
export function cliError(result: AwsCliResult): { code: string; operation: string; message: string } | null {
  const match = /An error occurred \(([^)]+)\) when calling the (\w+) operation(?: \(reached max retries: \d+\))?: (.*)/.exec(result.stderr)
  return match ? { code: match[1]!, operation: match[2]!, message: match[3]!.trim() } : null
}

/** A raw HTTP exchange with the service, for what no SDK would send. */
export async function rawRequest(
  server: PracticeServer,
  init: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }
): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${server.endpoint}${init.path ?? '/'}`, {
    method: init.method ?? 'POST',
    headers: init.headers ?? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    ...(init.body !== undefined ? { body: init.body } : {}),
    redirect: 'manual'
  })
  return { status: response.status, headers: response.headers, text: await response.text() }
}

/** The <Code> of an AWS ErrorResponse. */
export function errorCode(xml: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(xml)?.[1]
}

/**
 * Signs a hand-written Query API request with the SDK's own signer and sends it: for bodies
 * no SDK would produce (unknown actions, wrong versions, junk parameters).
 */
export async function signedRequest(
  server: PracticeServer,
  credentials: Credentials,
  body: string,
  options: { service?: 'iam' | 'sts'; date?: Date } = {}
): Promise<{ status: number; headers: Headers; text: string }> {
  const url = new URL(server.endpoint)
  const signer = new SignatureV4({ service: options.service ?? 'iam', region: 'us-east-1', credentials, sha256: Sha256 })
  const request = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: '/',
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body
    }),
    options.date ? { signingDate: options.date } : {}
  )
  const { host: _host, ...headers } = request.headers
  return rawRequest(server, { headers, body })
}
