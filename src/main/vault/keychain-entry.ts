import { CairnError } from '../../shared/errors'
import type { KeytarLike, KeytarLoader } from './keychain-probe'
import type { VaultKey } from './secret-store'

/**
 * The fast way to read one role's cached session, for `cairn credential-process`: keytar and
 * a hand check of the few fields it needs, without zod or the rest of the vault. Anything
 * unexpected comes back as 'unreadable' and the caller takes the full path (which explains).
 *
 * A locked keyring can leave a keychain call waiting for an unlock prompt nobody sees; the AWS
 * CLI would wait with it forever, so every call here has a deadline.
 */

export const DEFAULT_KEYCHAIN_TIMEOUT_MS = 20_000

/**
 * keytar through require where there is one (the CLI bundle is CommonJS): an import() would
 * start Node's ESM loader, 10-20 ms more on every AWS CLI command.
 */
export const loadKeytarQuickly: KeytarLoader = async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (typeof require === 'function') return require('keytar') as KeytarLike
  // Loaded only here: keychain-probe pulls in node:crypto, which the CLI's fast path can do without.
  return (await import('./keychain-probe')).loadKeytar()
}

/**
 * A KEYCHAIN_UNAVAILABLE like any other keychain failure, so an apply step that waited too long
 * fails as "the keychain is unavailable" (and the app says so) rather than as an unknown error.
 */
export class KeychainTimeoutError extends CairnError {
  constructor(readonly timeoutMs: number) {
    super(
      'KEYCHAIN_UNAVAILABLE',
      `The keychain did not answer within ${Math.round(timeoutMs / 1000)} s; it may be locked. Unlock it (or run \`cairn doctor\`), then try again.`
    )
    this.name = 'KeychainTimeoutError'
  }
}

/** Settles with `work`, or rejects with KeychainTimeoutError once `timeoutMs` has passed. */
export async function withDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new KeychainTimeoutError(timeoutMs)), timeoutMs)
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
    work.catch(() => undefined)
  }
}

export interface CachedSession {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  expiration: string
}

export type KeychainEntry =
  | { kind: 'missing' }
  /** Not the shape this fast reader knows; the full vault reads it and says what is wrong. */
  | { kind: 'unreadable' }
  | { kind: 'found'; hasAccessKey: boolean; session: CachedSession | null }

const text = (value: unknown): value is string => typeof value === 'string' && value !== ''

function sessionOf(value: unknown): CachedSession | null {
  if (typeof value !== 'object' || value === null) return null
  const { accessKeyId, secretAccessKey, sessionToken, expiration } = value as Record<string, unknown>
  if (!text(accessKeyId) || !text(secretAccessKey) || !text(sessionToken) || !text(expiration) || Number.isNaN(Date.parse(expiration))) return null
  return { accessKeyId, secretAccessKey, sessionToken, expiration }
}

class KeychainLockedError extends CairnError {
  constructor() {
    super('KEYCHAIN_UNAVAILABLE', 'The keychain is locked. Unlock it (log in again, or unlock the "login" keyring), then try again.')
    this.name = 'KeychainLockedError'
  }
}

async function provenUnlocked(keytar: KeytarLike, service: string): Promise<void> {
  try {
    await keytar.setPassword(service, `cairn-unlocked-probe-${process.pid}`, 'probe')
    await keytar.deletePassword(service, `cairn-unlocked-probe-${process.pid}`)
  } catch {
    throw new KeychainLockedError()
  }
}

export async function readKeychainEntry(
  key: VaultKey,
  options: { service: string; timeoutMs?: number; load?: KeytarLoader; platform?: NodeJS.Platform }
): Promise<KeychainEntry> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS
  const keytar = await (options.load ?? loadKeytarQuickly)()
  const stored = await withDeadline(keytar.getPassword(options.service, `${key.accountId}/${key.role}`), timeoutMs)
  if (stored === null) {
    // A locked Secret Service reads as empty; only a write tells (see secret-store.ts).
    if ((options.platform ?? process.platform) === 'linux') await withDeadline(provenUnlocked(keytar, options.service), timeoutMs)
    return { kind: 'missing' }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(stored)
  } catch {
    return { kind: 'unreadable' }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { kind: 'unreadable' }
  const entry = parsed as Record<string, unknown>
  const session = entry['session'] === undefined ? null : sessionOf(entry['session'])
  if (entry['session'] !== undefined && session === null) return { kind: 'unreadable' }
  return { kind: 'found', hasAccessKey: entry['accessKey'] !== undefined, session }
}
