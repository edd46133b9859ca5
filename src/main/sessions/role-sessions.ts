import path from 'node:path'
import { CairnError } from '../../shared/errors'
import { withFileLock } from '../fs/file-lock'
import { signInId } from '../../shared/domain/words'
import type { RegisteredAccount, RegisteredRole } from '../profiles/account-registry'
import type { SecretStore, VaultKey } from '../vault/secret-store'
import { assumeRole } from './assume-role'
import { getSessionToken, type StsClientFactory } from './get-session-token'
import { checkSessionSerial, NoAccessKeyError, NoSignInKeyError, SessionExpiredError, SignInNeededError, UnknownMfaDeviceError } from './session-errors'
import { sessionState, type SessionCredentials, type SessionState } from './session-freshness'

/** One role of one account: where to call, and what the role needs. */
export interface SessionTarget {
  account: SessionAccount
  role: RegisteredRole
}

/** Where to call; `signIn` in the roles layout, whose roles (those with a roleArn) start from the day's sign-in. */
export type SessionAccount = Pick<RegisteredAccount, 'accountId' | 'endpoint' | 'sessionSeconds'> & Pick<Partial<RegisteredAccount>, 'signIn'>

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
  /**
   * The roles layout: signs the person in for the day (GetSessionToken with the sign-in user's
   * key and an MFA code, for account.sessionSeconds), kept in the keychain entry 'sign-in'.
   * `serial` names the device when Cairn did not set it up; it is remembered once AWS accepts the code.
   */
  signIn(account: SessionAccount, options: { code: string; serial?: string; durationSeconds?: number }): Promise<SessionCredentials>
  /** The day's sign-in session, if there is one. */
  signInStatus(account: SessionAccount): Promise<SessionStatus | null>
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
const signInKeyOf = (account: SessionAccount): VaultKey => ({ accountId: account.accountId, role: signInId })

/** The sign-in user of a roles-layout role. */
const signInUserOf = (target: SessionTarget): string => target.account.signIn?.userName ?? target.role.userName

const checkCode = (code: string | undefined) => {
  if (code !== undefined && !/^\d{6}$/.test(code))
    throw new CairnError('INVALID_REQUEST', 'An MFA code is the 6 digits your authenticator app shows for this user.')
}

/**
 * MFA-backed sessions per role (STS GetSessionToken with the role's own long-term key), cached
 * in the keychain with their expiry and reused until less than five minutes remain.
 *
 * The roles layout (a role with a roleArn): one MFA code signs the person in for the day
 * (GetSessionToken with the sign-in user's key, kept in the entry 'sign-in'), and each role's
 * session is AssumeRole with that day's session, started when first needed and again, silently,
 * whenever it runs out, until the day's session ends.
 */
export function createRoleSessions(input: RoleSessionsInput): RoleSessions {
  const now = input.now ?? Date.now

  const signIn: RoleSessions['signIn'] = async (account, options) => {
    const code = options.code.trim()
    checkCode(code)
    const userName = account.signIn?.userName
    if (userName === undefined)
      throw new CairnError(
        'NOT_FOUND',
        `Account ${account.accountId} has no sign-in user: its roles are IAM users, each with its own session (\`cairn session ROLE\`).`
      )
    const vault = await input.vault()
    const secrets = await vault.get(signInKeyOf(account))
    const key = secrets?.accessKey
    if (!key) throw new NoSignInKeyError(userName)
    const named = options.serial?.trim()
    if (named !== undefined) checkSessionSerial(named)
    const serial = named ?? secrets.mfaSerial
    if (serial === undefined) throw new UnknownMfaDeviceError(signInId, userName)
    const session = await getSessionToken(
      {
        role: signInId,
        userName,
        key: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
        ...(account.endpoint ? { endpoint: account.endpoint } : {}),
        durationSeconds: options.durationSeconds ?? account.sessionSeconds,
        mfa: { serial, code }
      },
      { ...(input.sts ? { sts: input.sts } : {}), now }
    )
    await vault.update(signInKeyOf(account), (current) => ({ ...current, session, ...(named !== undefined ? { mfaSerial: named } : {}) }))
    return session
  }

  /** The day's session while it is valid; otherwise the error that says to sign in. */
  const daySession = async (target: SessionTarget): Promise<SessionCredentials> => {
    const session = (await (await input.vault()).get(signInKeyOf(target.account)))?.session
    if (session && sessionState(session.expiration, now()) === 'valid') return session
    throw new SignInNeededError(signInUserOf(target), session?.expiration ?? null)
  }

  /** A new role session from the day's session (AssumeRole), kept in the role's entry. */
  const startRoleSession = async (target: SessionTarget, roleArn: string): Promise<SessionCredentials> => {
    const session = await assumeRole(
      {
        role: target.role.role,
        roleArn,
        userName: signInUserOf(target),
        daySession: await daySession(target),
        ...(target.account.endpoint ? { endpoint: target.account.endpoint } : {})
      },
      input.sts ? { sts: input.sts } : {}
    )
    await (await input.vault()).update(keyOf(target), (current) => ({ ...current, session }))
    return session
  }

  /** Callers in this process that want the same role's session at once share one start. */
  const starting = new Map<string, Promise<SessionCredentials>>()
  const shared = (target: SessionTarget, start: () => Promise<SessionCredentials>): Promise<SessionCredentials> => {
    const name = `${target.account.accountId}/${target.role.role}`
    const running = starting.get(name)
    if (running) return running
    const run = start().finally(() => starting.delete(name))
    starting.set(name, run)
    return run
  }

  const lockFile = (target: SessionTarget) =>
    input.lockDir ? path.join(input.lockDir, 'locks', `session-${target.account.accountId}-${target.role.role}.lock`) : null

  const refresh: RoleSessions['refresh'] = async (target, options = {}) => {
    const { role, account } = target
    const code = options.code?.trim()
    checkCode(code)
    if (role.roleArn !== undefined) {
      const roleArn = role.roleArn
      if (code !== undefined)
        await signIn(account, {
          code,
          ...(options.serial !== undefined ? { serial: options.serial } : {}),
          ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {})
        })
      return startRoleSession(target, roleArn)
    }
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
    signIn,
    async signInStatus(account) {
      const session = (await (await input.vault()).get(signInKeyOf(account)))?.session
      return session ? { expiration: session.expiration, state: sessionState(session.expiration, now()) } : null
    },
    async current(target) {
      const secrets = await (await input.vault()).get(keyOf(target))
      const roleArn = target.role.roleArn
      if (roleArn !== undefined) {
        const cached = secrets?.session
        if (cached && sessionState(cached.expiration, now()) === 'valid') return cached
        // Not signed in: say so before taking any lock.
        await daySession(target)
        return shared(target, async () => {
          const startOnce = async () => {
            // Whoever started it meanwhile (another process, holding the lock before) left it here.
            const started = (await (await input.vault()).get(keyOf(target)))?.session
            if (started && sessionState(started.expiration, now()) === 'valid') return started
            return startRoleSession(target, roleArn)
          }
          const lock = lockFile(target)
          return lock ? withFileLock(lock, startOnce) : startOnce()
        })
      }
      if (!secrets?.accessKey) throw new NoAccessKeyError(target.role.role)
      const cached = secrets.session
      if (cached && sessionState(cached.expiration, now()) === 'valid') return cached
      if (target.role.requiresMfa) throw new SessionExpiredError(target.role.role, cached?.expiration ?? null)
      const lock = lockFile(target)
      if (!lock) return refresh(target)
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
