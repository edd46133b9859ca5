import type { BillingAccess } from '../audit/snapshot'
import { callRootConsole, RootConsoleRefused, type PracticeServer } from '../../practice'
import { CairnError } from '../../shared/errors'
import { connect } from './connect'
import type { Connection } from './connection'

export type PracticeAccess = Pick<PracticeServer, 'endpoint' | 'rootCredentials' | 'rootConsole'>

/** What the practice root console says; it plays the console pages AWS offers no API for. */
export async function rootConsole<T>(practice: PracticeAccess, method: 'GET' | 'POST' | 'PUT', path: string, json?: unknown): Promise<T> {
  try {
    return (await callRootConsole(practice, method, path, json)).body as T
  } catch (error) {
    if (error instanceof RootConsoleRefused) throw new CairnError('AWS_ERROR', `The practice account refused: ${error.message}`)
    throw error
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
