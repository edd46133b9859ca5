import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RegisteredRole } from '../../../src/main/profiles/account-registry'
import { createRoleSessions, type SessionTarget } from '../../../src/main/sessions/role-sessions'
import { trustPolicy, userArnOf } from '../../../src/main/setup/roles-layout'
import { signInId } from '../../../src/shared/domain/words'
import { CairnError } from '../../../src/shared/errors'
import { iamClient, stsClient } from '../../practice/practice-clients'
import { practiceRolesLayout, type PracticeRolesLayout } from '../profiles/practice-roles-layout'

/**
 * The roles layout's sessions on the practice account, the real SDK and the real keychain: one
 * MFA code signs the person in for the day (GetSessionToken), and each role's session starts
 * from it (AssumeRole) with no code, again whenever it runs out.
 */
let account: PracticeRolesLayout
let lockDir: string

beforeAll(async () => {
  account = await practiceRolesLayout({ label: 'roles-layout-sessions' })
  lockDir = mkdtempSync(join(tmpdir(), 'cairn-locks-'))
})
afterAll(async () => {
  await account.close()
  rmSync(lockDir, { recursive: true, force: true })
})

/** Sessions as seen from a computer whose clock agrees with the practice account's, give or take `offsetMs`. */
const sessionsAt = (offsetMs = 0) => createRoleSessions({ vault: async () => account.store, lockDir, now: () => account.clock.now().getTime() + offsetMs })

const accountOf = () => ({ accountId: account.accountId, endpoint: account.proxy.endpoint, sessionSeconds: 43_200, signIn: { userName: account.userName } })
const target = (role: string): SessionTarget => ({ account: accountOf(), role: account.registered.find((entry) => entry.role === role) as RegisteredRole })

async function refusal(work: Promise<unknown>): Promise<CairnError> {
  try {
    await work
  } catch (error) {
    if (error instanceof CairnError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('the roles layout: signed in for the day, roles started from it', () => {
  it('registers each role as the IAM role the sign-in user assumes', () => {
    expect(
      account.registered.map(({ role, userName, requiresMfa, hasAccessKey, consoleAccess, roleArn }) => ({
        role,
        userName,
        requiresMfa,
        hasAccessKey,
        consoleAccess,
        roleArn
      }))
    ).toEqual(
      ['billing', 'dev', 'ops'].map((role) => ({
        role,
        userName: 'me',
        requiresMfa: true,
        hasAccessKey: true,
        consoleAccess: true,
        roleArn: `arn:aws:iam::${account.accountId}:role/${role}`
      }))
    )
  })

  it('says to sign in for the day before the first sign-in, without calling AWS', async () => {
    const before = account.proxy.requests.length
    const error = await refusal(sessionsAt().current(target('dev')))
    expect(error.code).toBe('SESSION_EXPIRED')
    expect(error.message).toBe('me is not signed in for the day yet. Sign in with an MFA code: `cairn signin` or Sign in in Cairn.')
    expect(account.proxy.requests.length).toBe(before)
  })

  it("signs in with a real code: the day's session (12 hours, MFA) is kept under 'sign-in', and every role starts from it", async () => {
    const profiles = account.profiles()
    const sessionsBefore = account.issued('session')
    const signedIn = await profiles.signIn({ code: account.nextCode() })
    expect(account.issued('session')).toBe(sessionsBefore + 1)

    const entry = await account.store.get({ accountId: account.accountId, role: signInId })
    expect(entry?.session?.expiration).toBe(signedIn.expiration)
    expect(entry?.accessKey?.accessKeyId).toBe(account.key.accessKeyId)
    expect(entry?.mfaSerial).toBe(account.serial)
    expect(account.server.state.sessions[entry!.session!.accessKeyId]).toMatchObject({ kind: 'session', principal: 'me', mfaAuthenticated: true })
    const hours = (Date.parse(signedIn.expiration) - account.clock.now().getTime()) / 3600_000
    expect(hours).toBeGreaterThan(11.9)
    expect(hours).toBeLessThanOrEqual(12)

    expect(signedIn.userName).toBe('me')
    expect(signedIn.roles.map((role) => role.role)).toEqual(['billing', 'dev', 'ops'])
    for (const { role, expiration } of signedIn.roles) {
      const held = await account.store.get({ accountId: account.accountId, role })
      expect(held).toEqual({ session: expect.objectContaining({ expiration }) })
      const issued = account.server.state.sessions[held!.session!.accessKeyId]
      expect(issued).toMatchObject({ kind: 'role', roleName: role, roleSessionName: 'me', mfaAuthenticated: true })
      expect(Date.parse(expiration) - account.clock.now().getTime()).toBeLessThanOrEqual(3600_000)
    }

    const overview = await profiles.list()
    expect(overview.signIn).toEqual({
      userName: 'me',
      arn: `arn:aws:iam::${account.accountId}:user/me`,
      session: { expiration: signedIn.expiration, state: 'valid' }
    })
    const dev = overview.roles.find((role) => role.role === 'dev')
    expect(dev).toMatchObject({ arn: `arn:aws:iam::${account.accountId}:role/dev`, roleArn: `arn:aws:iam::${account.accountId}:role/dev`, userName: 'me' })
    expect(dev?.session?.state).toBe('valid')
    // No secret in the overview.
    expect(JSON.stringify(overview)).not.toContain(entry!.session!.secretAccessKey)
  })

  it("gives AWS the role's identity: GetCallerIdentity with dev's session is the assumed role", async () => {
    const { accessKeyId, secretAccessKey, sessionToken } = await sessionsAt().current(target('dev'))
    const identity = await stsClient(account.server, { accessKeyId, secretAccessKey, sessionToken }).send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(`arn:aws:sts::${account.accountId}:assumed-role/dev/me`)
    expect(identity.Account).toBe(account.accountId)
  })

  it('reuses a cached role session without a single request reaching AWS', async () => {
    const sessions = sessionsAt()
    const first = await sessions.current(target('ops'))
    const before = account.proxy.requests.length
    for (let i = 0; i < 5; i++) expect(await sessions.current(target('ops'))).toEqual(first)
    expect(account.proxy.requests.length).toBe(before)
  })

  it("starts a role's session again, silently, once it has run out: one AssumeRole, no code, no new sign-in", async () => {
    const old = await sessionsAt().current(target('dev'))
    const assumed = account.issued({ role: 'dev' })
    const signIns = account.issued('session')
    const requests = account.proxy.requests.length
    // 61 minutes later by this computer's clock: the hour-long role session is over, the day's is not.
    const later = sessionsAt(61 * 60_000)
    expect((await later.status(target('dev')))?.state).toBe('expired')
    const fresh = await later.current(target('dev'))
    expect(fresh.accessKeyId).not.toBe(old.accessKeyId)
    expect(account.issued({ role: 'dev' })).toBe(assumed + 1)
    expect(account.issued('session')).toBe(signIns)
    expect(account.proxy.requests.length).toBe(requests + 1)
    expect(account.server.state.sessions[fresh.accessKeyId]).toMatchObject({ kind: 'role', roleName: 'dev', mfaAuthenticated: true })
    expect((await account.store.get({ accountId: account.accountId, role: 'dev' }))?.session?.accessKeyId).toBe(fresh.accessKeyId)
  })

  it('makes ONE AssumeRole for 8 callers at once, across separate Cairn processes sharing the lock', async () => {
    // Each its own RoleSessions, as each AWS CLI call's credential_process would be; ops has no session to hand out.
    await sessionsAt().forget(target('ops'))
    const callers = Array.from({ length: 8 }, () => sessionsAt())
    const assumed = account.issued({ role: 'ops' })
    const results = await Promise.all(callers.map((sessions) => sessions.current(target('ops'))))
    expect(account.issued({ role: 'ops' })).toBe(assumed + 1)
    expect(new Set(results.map((session) => session.accessKeyId)).size).toBe(1)
  })

  it('makes ONE AssumeRole for 8 parallel calls in one process', async () => {
    await sessionsAt().forget(target('billing'))
    const sessions = sessionsAt()
    const assumed = account.issued({ role: 'billing' })
    const results = await Promise.all(Array.from({ length: 8 }, () => sessions.current(target('billing'))))
    expect(account.issued({ role: 'billing' })).toBe(assumed + 1)
    expect(new Set(results.map((session) => session.accessKeyId)).size).toBe(1)
  })

  it("says to sign in for the day once the day's session is over, without calling AWS", async () => {
    const day = (await account.store.get({ accountId: account.accountId, role: signInId }))!.session!
    const sessions = sessionsAt(13 * 3600_000)
    const before = account.proxy.requests.length
    const error = await refusal(sessions.current(target('dev')))
    expect(error.code).toBe('SESSION_EXPIRED')
    expect(error.name).toBe('SignInNeededError')
    expect(error.message).toBe(`me's sign-in for the day ended at ${day.expiration}. Sign in with an MFA code: \`cairn signin\` or Sign in in Cairn.`)
    expect(account.proxy.requests.length).toBe(before)
    // A role refresh without a code says the same; with one, it signs in again.
    expect((await refusal(sessions.refresh(target('dev')))).code).toBe('SESSION_EXPIRED')
  })

  it("refreshing a role with a code signs in for the day again, then starts that role's session", async () => {
    const profiles = account.profiles()
    const signIns = account.issued('session')
    const refreshed = await profiles.refreshSession({ role: 'dev', code: account.nextCode() })
    expect(refreshed.role).toBe('dev')
    expect(account.issued('session')).toBe(signIns + 1)
    expect((await account.store.get({ accountId: account.accountId, role: 'dev' }))?.session?.expiration).toBe(refreshed.expiration)
  })

  it('says a refused code plainly, and keeps the day session it had', async () => {
    const before = (await account.store.get({ accountId: account.accountId, role: signInId }))?.session
    const good = account.nextCode()
    const error = await refusal(account.profiles().signIn({ code: good === '000000' ? '111111' : '000000' }))
    expect(error.code).toBe('MFA_CODE_WRONG')
    expect((await account.store.get({ accountId: account.accountId, role: signInId }))?.session).toEqual(before)
  })

  it('says plainly when a role does not trust the sign-in user: apply the plan again', async () => {
    const iam = iamClient(account.server, account.server.root)
    await iam.send(new CreateUserCommand({ UserName: 'someone-else' }))
    await iam.send(
      new CreateRoleCommand({ RoleName: 'data', AssumeRolePolicyDocument: JSON.stringify(trustPolicy(userArnOf('aws', account.accountId, 'someone-else'))) })
    )
    const data: SessionTarget = {
      account: accountOf(),
      role: { role: 'data', userName: 'me', requiresMfa: true, hasAccessKey: true, consoleAccess: true, roleArn: `arn:aws:iam::${account.accountId}:role/data` }
    }
    const error = await refusal(sessionsAt().current(data))
    expect(error.code).toBe('NO_IAM_PERMISSION')
    expect(error.message).toMatch(
      new RegExp(`^AWS refused to let me assume the data role \\(arn:aws:iam::${account.accountId}:role/data\\): the role does not trust me with MFA`)
    )
    expect(error.message).toContain('Apply the plan again in Cairn (Plan, then Apply)')
  })

  it("signs out of a role by dropping only its session; the sign-in's key stays", async () => {
    const sessions = sessionsAt()
    await sessions.current(target('ops'))
    expect(await sessions.forget(target('ops'))).toBe(true)
    expect(await account.store.get({ accountId: account.accountId, role: 'ops' })).toEqual({})
    expect((await account.store.get({ accountId: account.accountId, role: signInId }))?.accessKey?.accessKeyId).toBe(account.key.accessKeyId)
  })
})
