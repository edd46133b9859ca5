import path from 'node:path'
import { CairnError } from '../../shared/errors'
import { withFileLock } from '../fs/file-lock'
import type { RegisteredAccount, RegisteredRole } from '../profiles/account-registry'
import type { SecretStore, VaultKey } from '../vault/secret-store'
import { getSessionToken, type StsClientFactory } from './get-session-token'
import { checkSessionSerial, NoAccessKeyError, SessionExpiredError, UnknownMfaDeviceError } from './session-errors'
import { sessionState, type SessionCredentials, type SessionState } from './session-freshness'

/** One role of one account: where to call, and what the role needs. */
export interface SessionTarget {
  account: Pick<RegisteredAccount, 'accountId' | 'endpoint' | 'sessionSeconds'>
  role: RegisteredRole
}

export interface SessionStatus {
  expiration: string
  state: SessionState
}

export interface RoleSessions {
  /** The cached session, or a fresh one for roles that need no MFA; never prompts. */
  current(target: SessionTarget): Promise<SessionCredentials>
  /**
   * A new session now (GetSessionToken), cached in the keychain; `code` is required when the role
   * needs MFA. `serial` names the MFA device (one Cairn did not set up): it is remembered for the
   * role only once AWS has accepted a code from it.
   */
  refresh(target: SessionTarget, options?: { code?: string; serial?: string; durationSeconds?: number }): Promise<SessionCredentials>
  status(target: SessionTarget): Promise<SessionStatus | null>
  /** Drops the cached session (sign out). True when there was one. */
  forget(target: SessionTarget): Promise<boolean>
}

export interface RoleSessionsInput {
  vault: () => Promise<SecretStore>
  /**
   * Where the lock that lets one process start a role's session lives (Cairn's data folder):
   * many AWS CLI commands at once then share one session instead of each starting its own.
   */
  lockDir?: string
  now?: () => number
  sts?: StsClientFactory
}

const keyOf = (target: SessionTarget): VaultKey => ({ accountId: target.account.accountId, role: target.role.role })

/**
 * MFA-backed sessions per role (STS GetSessionToken with the role's own long-term key), cached
 * in the keychain with their expiry and reused until less than five minutes remain.
 */
export function createRoleSessions(input: RoleSessionsInput): RoleSessions {
  const now = input.now ?? Date.now

  const refresh: RoleSessions['refresh'] = async (target, options = {}) => {
    const { role, account } = target
    const code = options.code?.trim()
    if (code !== undefined && !/^\d{6}$/.test(code))
      throw new CairnError('INVALID_REQUEST', 'An MFA code is the 6 digits your authenticator app shows for this user.')
    const vault = await input.vault()
    const secrets = await vault.get(keyOf(target))
    const key = secrets?.accessKey
    if (!key) throw new NoAccessKeyError(role.role)
    const named = options.serial?.trim()
    if (named !== undefined) checkSessionSerial(named)
    if (named !== undefined && code === undefined)
      throw new CairnError('INVALID_REQUEST', `A serial number goes with a code from that device: Cairn remembers it once AWS accepts the code.`)
    const serial = named ?? secrets.mfaSerial
    if ((role.requiresMfa || code !== undefined) && serial === undefined) throw new UnknownMfaDeviceError(role.role, role.userName)
    if (role.requiresMfa && code === undefined) throw new SessionExpiredError(role.role, secrets.session?.expiration ?? null)
    const session = await getSessionToken(
      {
        role: role.role,
        userName: role.userName,
        key: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
        ...(account.endpoint ? { endpoint: account.endpoint } : {}),
        durationSeconds: options.durationSeconds ?? account.sessionSeconds,
        ...(code !== undefined && serial !== undefined ? { mfa: { serial, code } } : {})
      },
      { ...(input.sts ? { sts: input.sts } : {}), now }
    )
    // AWS took a code from the named device, so it is this user's: remember it for the next time.
    await vault.update(keyOf(target), (current) => ({ ...current, session, ...(named !== undefined ? { mfaSerial: named } : {}) }))
    return session
  }

  return {
    refresh,
    async current(target) {
      const secrets = await (await input.vault()).get(keyOf(target))
      if (!secrets?.accessKey) throw new NoAccessKeyError(target.role.role)
      const cached = secrets.session
      if (cached && sessionState(cached.expiration, now()) === 'valid') return cached
      if (target.role.requiresMfa) throw new SessionExpiredError(target.role.role, cached?.expiration ?? null)
      if (!input.lockDir) return refresh(target)
      const lock = path.join(input.lockDir, 'locks', `session-${target.account.accountId}-${target.role.role}.lock`)
      return withFileLock(lock, async () => {
        // Whoever held the lock before may have started the session this caller needs.
        const started = (await (await input.vault()).get(keyOf(target)))?.session
        if (started && sessionState(started.expiration, now()) === 'valid') return started
        return refresh(target)
      })
    },
    async status(target) {
      const session = (await (await input.vault()).get(keyOf(target)))?.session
      return session ? { expiration: session.expiration, state: sessionState(session.expiration, now()) } : null
    },
    async forget(target) {
      const vault = await input.vault()
      if (!(await vault.get(keyOf(target)))?.session) return false
      await vault.update(keyOf(target), (current) => {
        const { session: _dropped, ...rest } = current ?? {}
        return rest
      })
      return true
    }
  }
}
