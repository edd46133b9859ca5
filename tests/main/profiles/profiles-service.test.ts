import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/handlers'
import { createDispatcher, type Dispatcher } from '../../../src/main/ipc/dispatcher'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { createProfilesService, type ConsoleWindowTarget, type ProfilesService } from '../../../src/main/profiles/profiles-service'
import type { EmbeddedPractice, PracticeServer } from '../../../src/practice'
import { createServices } from '../../../src/main/services'
import type { ChannelName, RequestOf, ResponseOf } from '../../../src/shared/contract'
import type { IpcError } from '../../../src/shared/errors'
import { practiceRoles, type PracticeRoles } from './practice-roles'
import { startServer } from '../../practice/practice-clients'

/** The profiles channels as the window uses them: through the dispatcher, on the real services. */
const app = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }
let account: PracticeRoles
let dispatcher: Dispatcher
const opened: Array<{ url: string; target: ConsoleWindowTarget }> = []
const copied: string[] = []
let changes = 0
/** Every answer the renderer got, to prove none carries a secret. */
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

function services(practice: EmbeddedPractice, dataDir = account.dataDir) {
  return createServices({
    name: 'Cairn',
    version: '0.0.0-test',
    versions: { node: process.versions.node },
    practice,
    vaultService: account.vaultService,
    dataDir,
    awsEnv: account.env,
    homedir: account.home,
    cairnCommand: [process.execPath, '/opt/cairn/bin/cairn.js'],
    openConsoleWindow: (url, target) => void opened.push({ url, target }),
    copyPassword: (password) => void copied.push(password),
    onProfilesChanged: () => void changes++
  })
}

beforeAll(async () => {
  account = await practiceRoles(
    [
      { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true },
      { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, mfa: true, consolePassword: true },
      { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true, consolePassword: true, federation: true }
    ],
    { label: 'profiles-ipc' }
  )
  dispatcher = createDispatcher({ handlers: createHandlers(services(embedded(account.server))), trustedOrigins: [APP_ORIGIN] })
})
afterAll(() => account.close())

describe('the profiles channels', () => {
  it("remembers the practice account's address of this run for its roles", async () => {
    // It was the counting proxy's; the embedded practice account is what the app runs now.
    await expect.poll(async () => (await account.profiles().registry.read()).accounts[0]?.endpoint).toBe(account.server.endpoint)
  })

  it('lists the roles with their identity, the active one, and what each can do', async () => {
    const overview = await call('profiles.list', {})
    expect(overview.accountId).toBe(account.accountId)
    expect(overview.practice).toBe(true)
    expect(overview.activeRole).toBe('dev')
    expect(overview.shellSnippet).toBe('export AWS_PROFILE=cairn')
    expect(overview.configFile).toBe(account.configFile)
    expect(overview.roles.map((role) => [role.role, role.arn, role.active, role.hasAccessKey, role.requiresMfa, role.session])).toEqual([
      ['billing', `arn:aws:iam::${account.accountId}:user/billing`, false, false, false, null],
      ['dev', `arn:aws:iam::${account.accountId}:user/dev`, true, true, true, null],
      ['ops', `arn:aws:iam::${account.accountId}:user/ops`, false, true, false, null]
    ])
    expect(overview.warnings.join(' ')).toContain(`${account.configFile} lacks Cairn's [profile cairn-billing]`)
  })

  it('refreshes a session with a code, and says so plainly when the code is wrong', async () => {
    expect((await fail('profiles.refreshSession', { role: 'dev', code: '12345' })).code).toBe('INVALID_REQUEST')
    const wrong = await fail('profiles.refreshSession', { role: 'dev', code: account.nextCode('dev') === '000000' ? '111111' : '000000' })
    expect(wrong.code).toBe('MFA_CODE_WRONG')
    // The practice account's clock runs ahead by the steps the test skipped, hence maybe a clock note.
    expect(wrong.message).toMatch(/^That code was not accepted\. Wait for the next code in your authenticator app and try again\./)
    const before = changes
    const refreshed = await call('profiles.refreshSession', { role: 'dev', code: account.nextCode('dev') })
    expect(refreshed.role).toBe('dev')
    expect(changes).toBe(before + 1)
    const dev = (await call('profiles.list', {})).roles.find((role) => role.role === 'dev')
    expect(dev?.session).toEqual({ expiration: refreshed.expiration, state: 'valid' })
  })

  it('switches the active role, writes the profiles, and refuses a role without an access key', async () => {
    const overview = await call('profiles.switch', { role: 'ops' })
    expect(overview.activeRole).toBe('ops')
    expect(overview.roles.find((role) => role.active)?.role).toBe('ops')
    expect(overview.warnings).toEqual([])
    const refused = await fail('profiles.switch', { role: 'billing' })
    expect(refused.code).toBe('NO_ACCESS_KEY')
    expect(refused.message).toMatch(/^The billing role has no access key/)
    expect((await call('profiles.list', {})).activeRole).toBe('ops')
    expect((await fail('profiles.switch', { role: 'finance' })).message).toBe(
      `There is no finance role in account ${account.accountId}; Cairn knows billing, dev, ops.`
    )
  })

  it("opens the console in the role's own window and tells the renderer nothing secret", async () => {
    const federated = await call('profiles.openConsole', { role: 'ops' })
    expect(federated).toEqual({ kind: 'federated', role: 'ops', expiresAt: expect.any(String) })
    expect(opened.at(-1)?.target).toEqual({ accountId: account.accountId, role: 'ops', practiceOrigin: account.server.endpoint })
    expect(opened.at(-1)?.url).toContain('SigninToken=')

    const signInPage = await call('profiles.openConsole', { role: 'dev' })
    expect(signInPage).toMatchObject({ kind: 'sign-in-page', role: 'dev', userName: 'dev', url: `${account.server.endpoint}/console`, passwordCopied: true })
    expect(copied.at(-1)).toBe((await account.store.get({ accountId: account.accountId, role: 'dev' }))?.consolePassword)
  })

  it('writes the profiles, makes [default] follow the active role on request, and removes only its own', async () => {
    const write = await call('profiles.writeConfig', {})
    expect(write).toMatchObject({ file: account.configFile, profiles: ['cairn-billing', 'cairn-dev', 'cairn-ops', 'cairn'], conflicts: [] })
    const defaulted = await call('profiles.setDefault', { role: 'active' })
    expect(defaulted.written).toBe(true)
    expect((await call('profiles.list', {})).roles.find((role) => role.isDefault)?.role).toBe('ops')
    expect((await fail('profiles.setDefault', { role: 'billing' })).code).toBe('NO_ACCESS_KEY')
    const removed = await call('profiles.remove', { role: 'billing' })
    expect(removed.profiles).toEqual(['cairn-dev', 'cairn-ops', 'cairn'])
    const uninstalled = await call('profiles.remove', { all: true })
    expect(uninstalled.written).toBe(true)
    expect((await call('profiles.list', {})).defaultProfile).toBeNull()
  })

  it('never answers with a secret: no key, session, password or sign-in token', async () => {
    const secrets: string[] = []
    for (const { account: name } of await account.keytar.findCredentials(account.vaultService)) {
      const held = (await account.store.get({ accountId: name.split('/')[0]!, role: name.split('/')[1]! })) ?? {}
      for (const pair of [held.accessKey, held.session]) if (pair) secrets.push(pair.accessKeyId, pair.secretAccessKey)
      if (held.session) secrets.push(held.session.sessionToken)
      if (held.consolePassword) secrets.push(held.consolePassword)
    }
    for (const { url } of opened) secrets.push(new URL(url).searchParams.get('SigninToken') ?? 'none')
    expect(secrets.length).toBeGreaterThan(5)
    const everything = answers.join('\n')
    for (const secret of secrets) expect(everything).not.toContain(secret)
  })
})

describe('after setup', { timeout: 60_000 }, () => {
  it('records the roles an apply made, so they show up as profiles', async () => {
    const server = await startServer()
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-after-setup-'))
    try {
      const applied = createDispatcher({ handlers: createHandlers(services(embedded(server), dataDir)), trustedOrigins: [APP_ORIGIN] })
      const send = async <C extends ChannelName>(channel: C, request: RequestOf<C>) => {
        const result = await applied.dispatch(channel, request, app)
        if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
        return result.value as ResponseOf<C>
      }
      await send('connect.practice', {})
      const roles = await send('setup.defaults', {})
      const { summary } = await send('setup.apply', { roles })
      expect(summary.outcome).not.toBe('failed')
      const overview = await send('profiles.list', {})
      expect(overview.accountId).toBe(server.accountId)
      expect(overview.practice).toBe(true)
      expect(overview.roles.map((role) => [role.role, role.hasAccessKey, role.requiresMfa, role.consoleAccess])).toEqual([
        ['billing', false, false, true],
        ['dev', true, true, true],
        ['ops', true, true, true]
      ])
      expect(overview.activeRole).toBe('dev')
    } finally {
      for (const { account: name } of await account.keytar.findCredentials(account.vaultService)) {
        if (name.startsWith(`${server.accountId}/`)) await account.keytar.deletePassword(account.vaultService, name)
      }
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('a registered account', () => {
  const dev = { role: 'dev', userName: 'dev', requiresMfa: false, hasAccessKey: true, consoleAccess: false }

  async function withProfiles(test: (profiles: ProfilesService) => Promise<void>): Promise<void> {
    const { mkdtempSync, rmSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const { join } = await import('node:path')
    const dataDir = mkdtempSync(join(tmpdir(), 'cairn-registered-'))
    try {
      // No keychain: these tests read only what the registry says.
      await test(createProfilesService({ dataDir, vault: () => Promise.reject(new Error('no keychain here')), cairnCommand: null, env: {}, homedir: dataDir }))
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }

  it('names each role by an ARN of the account’s partition', () =>
    withProfiles(async (profiles) => {
      await profiles.registerAccount({ accountId: '111122223333', partition: 'aws-cn', roles: [dev] })
      expect((await profiles.list()).roles.map((role) => role.arn)).toEqual(['arn:aws-cn:iam::111122223333:user/dev'])
      await profiles.registerAccount({ accountId: '444455556666', roles: [dev] })
      expect((await profiles.list()).roles.map((role) => role.arn)).toEqual(['arn:aws:iam::444455556666:user/dev'])
    }))

  it('is the practice account only when Cairn knows it as one, not for being on a loopback address', () =>
    withProfiles(async (profiles) => {
      await profiles.registerAccount({ accountId: '111122223333', endpoint: 'http://127.0.0.1:4566', roles: [dev] })
      expect((await profiles.list()).practice).toBe(false)
      // What the app does on start for its own practice account.
      await profiles.rememberEndpoint('111122223333', 'http://127.0.0.1:4567', { practice: true })
      expect(await profiles.list()).toMatchObject({ accountId: '111122223333', practice: true })
      // Applying there again without the practice connection does not unmake it.
      await profiles.registerAccount({ accountId: '111122223333', endpoint: 'http://127.0.0.1:4567', roles: [dev] })
      expect((await profiles.list()).practice).toBe(true)
    }))
})
