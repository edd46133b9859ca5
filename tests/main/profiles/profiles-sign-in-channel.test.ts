import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/handlers'
import { createDispatcher, type Dispatcher } from '../../../src/main/ipc/dispatcher'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { createServices } from '../../../src/main/services'
import type { ConsoleWindowTarget } from '../../../src/main/profiles/profiles-service'
import type { EmbeddedPractice, PracticeServer } from '../../../src/practice'
import type { ChannelName, RequestOf, ResponseOf } from '../../../src/shared/contract'
import { signInId } from '../../../src/shared/domain/words'
import type { IpcError } from '../../../src/shared/errors'
import { practiceRolesLayout, type PracticeRolesLayout } from './practice-roles-layout'

/** profiles.signIn and the roles layout's overview as the window uses them: through the dispatcher, on the real services. */
const app = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }
let account: PracticeRolesLayout
let dispatcher: Dispatcher
const opened: Array<{ url: string; target: ConsoleWindowTarget }> = []
const answers: string[] = []

const embedded = (server: PracticeServer): EmbeddedPractice => ({
  server,
  status: () => ({ running: true, endpoint: server.endpoint, accountId: server.accountId, persisted: false }),
  close: () => server.close()
})

async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await dispatcher.dispatch(channel, request, app)
  answers.push(JSON.stringify(result))
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
  return result.value as ResponseOf<C>
}

async function fail(channel: ChannelName, request: unknown): Promise<IpcError> {
  const result = await dispatcher.dispatch(channel, request, app)
  answers.push(JSON.stringify(result))
  if (result.ok) throw new Error(`${channel} was expected to fail`)
  return result.error
}

beforeAll(async () => {
  account = await practiceRolesLayout({ label: 'profiles-sign-in-ipc' })
  const services = createServices({
    name: 'Cairn',
    version: '0.0.0-test',
    versions: { node: process.versions.node },
    practice: embedded(account.server),
    vaultService: account.vaultService,
    dataDir: account.dataDir,
    awsEnv: account.env,
    homedir: account.home,
    cairnCommand: [process.execPath, '/opt/cairn/bin/cairn.js'],
    openConsoleWindow: (url, target) => void opened.push({ url, target }),
    copyPassword: () => undefined
  })
  dispatcher = createDispatcher({ handlers: createHandlers(services), trustedOrigins: [APP_ORIGIN] })
})
afterAll(() => account.close())

describe('profiles.signIn and the roles layout over IPC', () => {
  it('lists the person as not signed in, and each role by its role ARN', async () => {
    const overview = await call('profiles.list', {})
    expect(overview.signIn).toEqual({ userName: 'me', arn: `arn:aws:iam::${account.accountId}:user/me`, session: null })
    expect(overview.roles.map((role) => [role.role, role.arn, role.roleArn])).toEqual(
      ['billing', 'dev', 'ops'].map((role) => [role, `arn:aws:iam::${account.accountId}:role/${role}`, `arn:aws:iam::${account.accountId}:role/${role}`])
    )
  })

  it('answers openConsole before the sign-in with SESSION_EXPIRED, which the window meets with a code prompt', async () => {
    const error = await fail('profiles.openConsole', { role: 'dev' })
    expect(error.code).toBe('SESSION_EXPIRED')
    expect(error.message).toContain('`cairn signin` or Sign in in Cairn')
    expect(opened).toHaveLength(0)
  })

  it('checks the request: six digits, and a serial number only as AWS writes one', async () => {
    for (const request of [{}, { code: '12345' }, { code: '123456', serial: 'x' }, { code: '123456', extra: true }]) {
      expect((await fail('profiles.signIn', request)).code, JSON.stringify(request)).toBe('INVALID_REQUEST')
    }
  })

  it('signs in for the day and starts every role, answering times only: no secret', async () => {
    const signedIn = await call('profiles.signIn', { code: account.nextCode(), serial: account.serial })
    expect(signedIn.userName).toBe('me')
    expect(signedIn.roles.map((role) => role.role)).toEqual(['billing', 'dev', 'ops'])
    const overview = await call('profiles.list', {})
    expect(overview.signIn?.session).toEqual({ expiration: signedIn.expiration, state: 'valid' })
    expect(overview.roles.every((role) => role.session?.state === 'valid')).toBe(true)
    const day = (await account.store.get({ accountId: account.accountId, role: signInId }))!.session!
    const dev = (await account.store.get({ accountId: account.accountId, role: 'dev' }))!.session!
    for (const answer of answers) {
      for (const secret of [day.secretAccessKey, day.sessionToken, dev.secretAccessKey, dev.sessionToken, account.key.secretAccessKey, account.password]) {
        expect(answer).not.toContain(secret)
      }
    }
  })

  it('opens the console as the role once signed in, in one click', async () => {
    const answer = await call('profiles.openConsole', { role: 'dev' })
    expect(answer).toMatchObject({ kind: 'federated', role: 'dev' })
    expect(opened.at(-1)?.target).toMatchObject({ accountId: account.accountId, role: 'dev' })
    expect(JSON.stringify(answer)).not.toContain('SigninToken')
  })

  it('refreshSession for a role signs in for the day with the code', async () => {
    const before = account.issued('session')
    const refreshed = await call('profiles.refreshSession', { role: 'ops', code: account.nextCode() })
    expect(refreshed.role).toBe('ops')
    expect(account.issued('session')).toBe(before + 1)
  })
})
