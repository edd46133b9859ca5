import type { BillingAccess } from '../audit/snapshot'
import { ROOT_CONSOLE_REALM } from '../practice/root-console'
import type { PracticeServer } from '../practice/server'
import { isPracticeEndpoint } from '../profiles/account-registry'
import { CairnError } from '../../shared/errors'
import { connect } from './connect'
import type { Connection } from './connection'

export type PracticeAccess = Pick<PracticeServer, 'endpoint' | 'rootCredentials' | 'rootConsole'>

function basicAuth(practice: PracticeAccess): string {
  return `Basic ${Buffer.from(`${practice.rootConsole.email}:${practice.rootConsole.password}`).toString('base64')}`
}

/** What the practice root console says; it plays the console pages AWS offers no API for. */
export async function rootConsole<T>(practice: PracticeAccess, method: 'GET' | 'POST' | 'PUT', path: string, json?: unknown): Promise<T> {
  const response = await fetch(`${practice.endpoint}${path}`, {
    method,
    headers: { authorization: basicAuth(practice), ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(json === undefined ? {} : { body: JSON.stringify(json) })
  })
  const body = (await response.json()) as T & { error?: { message?: string } }
  if (!response.ok) throw new CairnError('AWS_ERROR', `The practice account refused: ${body.error?.message ?? response.status}`)
  return body
}

/**
 * Whether `endpoint` is a Cairn practice service (the app's, or `cairn practice` in a terminal),
 * known by the sign-in its root console asks for. Only a bare GET is sent, with no key or
 * secret, and only to a loopback address (the only place a practice service listens); any
 * other answer, or none within `timeoutMs`, means no.
 */
export async function isPracticeService(endpoint: string | undefined, options: { timeoutMs?: number } = {}): Promise<boolean> {
  if (endpoint === undefined || !isPracticeEndpoint(endpoint)) return false
  try {
    const response = await fetch(new URL('/_practice/account', endpoint), { redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 2000) })
    await response.body?.cancel()
    return response.status === 401 && response.headers.get('www-authenticate') === ROOT_CONSOLE_REALM
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Connects to the practice account as its root user, with no typing: with the root access
 * key it started with, or, once setup has deleted that key, with a new one made the way a
 * user would in the console (signed in as root).
 */
export async function connectPractice(practice: PracticeAccess, options: { freshKeyWaitMs?: number } = {}): Promise<Connection> {
  const known = practice.rootCredentials
  if (known) {
    try {
      return await connect({ ...known, endpoint: practice.endpoint }, { practice: true })
    } catch (error) {
      if (!(error instanceof CairnError && error.code === 'INVALID_CREDENTIALS')) throw error
    }
  }
  const created = await rootConsole<{ accessKeyId: string; secretAccessKey: string }>(practice, 'POST', '/_practice/root/access-keys')
  // A brand-new key can be refused for a while (eventual consistency), as on AWS.
  const until = Date.now() + (options.freshKeyWaitMs ?? 20_000)
  for (;;) {
    try {
      return await connect({ accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, endpoint: practice.endpoint }, { practice: true })
    } catch (error) {
      if (!(error instanceof CairnError && error.code === 'INVALID_CREDENTIALS') || Date.now() > until) throw error
      await sleep(250)
    }
  }
}

/** The root-only "IAM access to billing" setting, which the practice console can tell. */
export async function practiceBillingAccess(practice: PracticeAccess): Promise<BillingAccess> {
  try {
    const account = await rootConsole<{ billingAccessForIamUsers?: boolean }>(practice, 'GET', '/_practice/account')
    return account.billingAccessForIamUsers === undefined ? 'unknown' : account.billingAccessForIamUsers ? 'on' : 'off'
  } catch {
    return 'unknown'
  }
}
