import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RegisteredRole } from '../../../src/main/profiles/account-registry'
import { createRoleSessions, type SessionTarget } from '../../../src/main/sessions/role-sessions'
import { CairnError } from '../../../src/shared/errors'
import { practiceRoles, type PracticeRoles } from '../profiles/practice-roles'
import { totpAt } from '../../../src/practice'
import { iamClient, stsClient } from '../../practice/practice-clients'
import { enableDeviceInConsole } from '../../support/console-mfa-device'

/** MFA-backed sessions against the practice account over HTTP, cached in the real OS keychain. */
let account: PracticeRoles

beforeAll(async () => {
  account = await practiceRoles(
    [
      { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, mfa: true },
      { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true },
      { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true },
      { role: 'data', policyArn: 'arn:aws:iam::aws:policy/job-function/DataScientist', requiresMfa: true, accessKey: true },
      { role: 'analyst', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', requiresMfa: true, accessKey: true }
    ],
    { label: 'sessions' }
  )
})
afterAll(() => account.close())

/** Sessions as seen from a computer whose clock agrees with the practice account's, give or take `offsetMs`. */
const sessionsAt = (offsetMs = 0) => createRoleSessions({ vault: async () => account.store, now: () => account.clock.now().getTime() + offsetMs })

const target = (role: string): SessionTarget => ({
  account: { accountId: account.accountId, endpoint: account.proxy.endpoint, sessionSeconds: 43_200 },
  role: account.registered.find((entry) => entry.role === role) as RegisteredRole
})

async function refusal(work: Promise<unknown>): Promise<CairnError> {
  try {
    await work
  } catch (error) {
    if (error instanceof CairnError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

describe('role sessions on the practice account and the real keychain', () => {
  it('keeps the session next to the role key in the keychain, and forgets only the session', async () => {
    const sessions = sessionsAt()
    await sessions.refresh(target('ops'))
    const held = await account.store.get({ accountId: account.accountId, role: 'ops' })
    expect(held?.session?.accessKeyId).toMatch(/^ASIA/)
    expect(held?.accessKey?.accessKeyId).toBe(account.keys['ops']!.accessKeyId)
    expect(await account.store.list(account.accountId)).toEqual(expect.arrayContaining([{ accountId: account.accountId, role: 'ops' }]))

    expect(await sessions.forget(target('ops'))).toBe(true)
    expect(await sessions.forget(target('ops'))).toBe(false)
    const after = await account.store.get({ accountId: account.accountId, role: 'ops' })
    expect(after?.session).toBeUndefined()
    expect(after?.accessKey?.accessKeyId).toBe(account.keys['ops']!.accessKeyId)
  })

  it('reuses a cached session without a single request reaching AWS', async () => {
    const sessions = sessionsAt()
    const first = await sessions.current(target('ops'))
    const before = account.proxy.requests.length
    for (let i = 0; i < 5; i++) expect(await sessions.current(target('ops'))).toEqual(first)
    expect(account.proxy.requests.length).toBe(before)
  })

  it('starts a new session once less than five minutes remain', async () => {
    const sessions = sessionsAt()
    const short = await sessions.refresh(target('ops'), { durationSeconds: 900 })
    expect(Date.parse(short.expiration) - account.clock.now().getTime()).toBeLessThanOrEqual(900_000)
    // Eleven minutes later by this computer's clock: four minutes of the session remain.
    const later = sessionsAt(11 * 60_000)
    expect((await later.status(target('ops')))?.state).toBe('expiring')
    const before = account.proxy.requests.length
    const fresh = await later.current(target('ops'))
    expect(account.proxy.requests.length).toBe(before + 1)
    expect(fresh.accessKeyId).not.toBe(short.accessKeyId)
    expect((await later.status(target('ops')))?.state).toBe('valid')
  })

  it('starts an MFA-backed session with a code, valid 12 hours by default, that AWS accepts', async () => {
    const sessions = sessionsAt()
    const session = await sessions.refresh(target('dev'), { code: account.nextCode('dev') })
    expect(account.server.state.sessions[session.accessKeyId]?.mfaAuthenticated).toBe(true)
    const hours = (Date.parse(session.expiration) - account.clock.now().getTime()) / 3600_000
    expect(hours).toBeGreaterThan(11.9)
    expect(hours).toBeLessThanOrEqual(12)
    const { accessKeyId, secretAccessKey, sessionToken } = session
    const identity = await stsClient(account.server, { accessKeyId, secretAccessKey, sessionToken }).send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(`arn:aws:iam::${account.accountId}:user/dev`)
    expect(await sessions.current(target('dev'))).toEqual(session)
  })

  it('says a refused code plainly: wait for the next one', async () => {
    const sessions = sessionsAt()
    const error = await refusal(sessions.refresh(target('dev'), { code: '000000' === account.nextCode('dev') ? '111111' : '000000' }))
    expect(error.code).toBe('MFA_CODE_WRONG')
    expect(error.message).toBe('That code was not accepted. Wait for the next code in your authenticator app and try again.')
  })

  it('refuses a code already used, with the same plain message', async () => {
    const sessions = sessionsAt()
    const code = account.nextCode('dev')
    await sessions.refresh(target('dev'), { code })
    const error = await refusal(sessions.refresh(target('dev'), { code }))
    expect(error.code).toBe('MFA_CODE_WRONG')
  })

  it("adds that this computer's clock is off when AWS's Date header says so", async () => {
    const error = await refusal(sessionsAt(-3 * 60_000).refresh(target('dev'), { code: '123456' }))
    expect(error.code).toBe('MFA_CODE_WRONG')
    expect(error.message).toMatch(/Also, this computer's clock is 3 minutes behind AWS's/)
  })

  it('names a clock too far off for AWS to accept the request at all', async () => {
    // The SDK signs with this process's real clock; the practice account now runs 20 minutes later.
    account.clock.advance(20 * 60_000)
    try {
      const code = account.nextCode('dev')
      const behind = Math.round(account.clock.offsetMs / 60_000)
      const error = await refusal(createRoleSessions({ vault: async () => account.store }).refresh(target('dev'), { code }))
      expect(error.code).toBe('CLOCK_OFF')
      expect(error.message).toBe(
        `AWS refused the request because this computer's clock is ${behind} minutes behind AWS's. Turn on "Set time automatically" in your system's date and time settings, then try again.`
      )
    } finally {
      account.clock.advance(-20 * 60_000)
    }
  })

  it('tells the user to refresh an MFA role whose session is over, without calling AWS', async () => {
    const sessions = sessionsAt(13 * 3600_000)
    const before = account.proxy.requests.length
    const error = await refusal(sessions.current(target('dev')))
    expect(error.code).toBe('SESSION_EXPIRED')
    expect(error.message).toMatch(/^The dev session ended at .*Refresh it: `cairn session dev` or the Refresh session button in Cairn\.$/)
    expect(account.proxy.requests.length).toBe(before)
  })

  it('says an MFA role has no session yet, and that it needs a device first when it has none', async () => {
    const sessions = sessionsAt()
    const noDevice = await refusal(sessions.refresh(target('data'), { code: '123456' }))
    expect(noDevice.code).toBe('MFA_DEVICE_UNKNOWN')
    expect(noDevice.message).toMatch(/`cairn mfa enroll data`/)
    await account.store.update({ accountId: account.accountId, role: 'data' }, (current) => ({
      ...current,
      mfaSerial: `arn:aws:iam::${account.accountId}:mfa/data`
    }))
    const none = await refusal(sessions.current(target('data')))
    expect(none.code).toBe('SESSION_EXPIRED')
    expect(none.message).toMatch(/^The data role has no session yet/)
  })

  it('refuses a role without an access key: it is for the console', async () => {
    const sessions = sessionsAt()
    // One at a time: a second promise made up front could reject before anything awaits it.
    for (const attempt of [() => sessions.current(target('billing')), () => sessions.refresh(target('billing'))]) {
      const error = await refusal(attempt())
      expect(error.code).toBe('NO_ACCESS_KEY')
      expect(error.message).toMatch(/The billing role has no access key/)
    }
  })

  it('says when the endpoint does not answer', async () => {
    const sessions = sessionsAt()
    const dead = { ...target('ops'), account: { ...target('ops').account, endpoint: 'http://127.0.0.1:9' } }
    const error = await refusal(sessions.refresh(dead))
    expect(error.code).toBe('ENDPOINT_UNREACHABLE')
    expect(error.message).toMatch(/practice account running/)
  })
})

describe('an MFA device enabled in the AWS console, which Cairn did not set up', () => {
  let serial = ''
  let seed = ''
  beforeAll(async () => {
    // As the user does in the console: a virtual device for analyst, turned on with two codes.
    ;({ serial, seed } = await enableDeviceInConsole(iamClient(account.server, account.server.root), 'analyst', () => account.clock.now().getTime()))
  })
  const nextCode = () => {
    account.clock.advance(30_000)
    return totpAt(seed, account.clock.now().getTime())
  }
  const held = () => account.store.get({ accountId: account.accountId, role: 'analyst' })

  it('says both ways to name the device: the MFA step in Cairn, or --serial and `cairn mfa use`', async () => {
    const error = await refusal(sessionsAt().refresh(target('analyst'), { code: nextCode() }))
    expect(error.code).toBe('MFA_DEVICE_UNKNOWN')
    expect(error.message).toContain('Cairn does not know the MFA device of analyst.')
    expect(error.message).toContain('choose it on the MFA step in Cairn')
    expect(error.message).toContain('`cairn session analyst --serial arn:aws:iam::ACCOUNT:mfa/NAME`')
    expect(error.message).toContain('`cairn mfa use analyst`')
  })

  it('refuses what is not an MFA serial, and a passkey, before calling AWS', async () => {
    const before = account.proxy.requests.length
    const sessions = sessionsAt()
    const garbled = await refusal(sessions.refresh(target('analyst'), { code: '123456', serial: 'my phone' }))
    expect(garbled.code).toBe('INVALID_REQUEST')
    expect(garbled.message).toMatch(/arn:aws:iam::ACCOUNT:mfa\/NAME/)
    const passkey = await refusal(
      sessions.refresh(target('analyst'), { code: '123456', serial: `arn:aws:iam::${account.accountId}:u2f/user/analyst/fidosecuritykey-ABC` })
    )
    expect(passkey.code).toBe('INVALID_REQUEST')
    expect(passkey.message).toMatch(/only when you sign in to the console, not for the API sessions/)
    expect(account.proxy.requests.length).toBe(before)
  })

  it("does not remember another user's device, which AWS refuses", async () => {
    const devSerial = (await account.store.get({ accountId: account.accountId, role: 'dev' }))!.mfaSerial!
    const error = await refusal(sessionsAt().refresh(target('analyst'), { code: nextCode(), serial: devSerial }))
    expect(error.code).toBe('MFA_CODE_WRONG')
    expect((await held())?.mfaSerial).toBeUndefined()
  })

  it('starts an MFA-backed session with --serial, remembers the device once AWS accepts the code, and uses it next time', async () => {
    const sessions = sessionsAt()
    const first = await sessions.refresh(target('analyst'), { code: nextCode(), serial })
    expect(account.server.state.sessions[first.accessKeyId]?.mfaAuthenticated).toBe(true)
    expect((await held())?.mfaSerial).toBe(serial)
    const second = await sessions.refresh(target('analyst'), { code: nextCode() })
    expect(account.server.state.sessions[second.accessKeyId]?.mfaAuthenticated).toBe(true)
  })
})
