import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/handlers'
import { createDispatcher, type Dispatcher } from '../../../src/main/ipc/dispatcher'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { startEmbeddedPractice, type EmbeddedPractice } from '../../../src/practice'
import { createServices } from '../../../src/main/services'
import { loadSearchableKeytar } from '../../../src/main/vault/secret-store'
import type { EventPayloadOf } from '../../../src/shared/contract'

const app = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }
const vaultService = `Cairn test ${randomUUID()}`
let practice: EmbeddedPractice
let dispatcher: Dispatcher
let dataDir: string
const answers: string[] = []
const secrets = new Set<string>()

/** What the practice account holds secret right now: root's keys, users' passwords and keys. */
function collectSecrets(): void {
  const state = practice.server!.state
  for (const key of state.root.accessKeys) secrets.add(key.secretAccessKey)
  for (const user of Object.values(state.users)) {
    if (user.loginProfile) secrets.add(user.loginProfile.password)
    for (const key of user.accessKeys) secrets.add(key.secretAccessKey)
  }
}

/** Every answer is kept, to prove no secret ever went back to the renderer. */
async function call(channel: string, payload: unknown = {}, events?: Array<EventPayloadOf<'progress'>>) {
  const result = await dispatcher.dispatch(channel, payload, app, (_event, p) => events?.push(p as EventPayloadOf<'progress'>))
  answers.push(JSON.stringify(result))
  return result as { ok: true; value: any } | { ok: false; error: { code: string; message: string } } // eslint-disable-line @typescript-eslint/no-explicit-any
}

beforeAll(async () => {
  practice = await startEmbeddedPractice({})
  dataDir = mkdtempSync(join(tmpdir(), 'cairn-ipc-'))
  const services = createServices({
    name: 'Cairn',
    version: '0.0.0-test',
    versions: { node: process.versions.node },
    practice,
    dataDir,
    vaultService,
    applyTuning: { retry: { baseDelayMs: 10, maxDelayMs: 100 }, newKeyVisibleAfterMs: 0 }
  })
  dispatcher = createDispatcher({ handlers: createHandlers(services), trustedOrigins: [APP_ORIGIN] })
})

afterAll(async () => {
  const keytar = await loadSearchableKeytar()
  for (const { account } of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, account)
  rmSync(dataDir, { recursive: true, force: true })
  await practice.close()
})

describe('the setup channels, end to end through the dispatcher', () => {
  it('say "not connected" until connected', async () => {
    expect(await call('connect.status')).toEqual({ ok: true, value: { connected: false } })
    expect(await call('audit.scan')).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } })
  })

  it('connect to the practice account with no typing', async () => {
    const status = practice.status()
    const accountId = status.running ? status.accountId : ''
    expect(await call('connect.practice')).toEqual({ ok: true, value: { accountId, arn: `arn:aws:iam::${accountId}:root`, isRoot: true, practice: true } })
    expect(await call('connect.status')).toMatchObject({ ok: true, value: { connected: true, isRoot: true } })
    collectSecrets()
  })

  it('scan, fix the password policy, and plan the defaults', async () => {
    const scan = await call('audit.scan')
    expect(scan.ok && scan.value.find((c: { id: string }) => c.id === 'password-policy').status).toBe('fail')
    expect(await call('audit.fix', { fixId: 'set-password-policy' })).toMatchObject({ ok: true, value: { status: 'pass' } })
    const defaults = await call('setup.defaults')
    expect(defaults.ok && defaults.value.map((r: { role: string }) => r.role)).toEqual(['billing', 'dev', 'ops'])
    const plan = await call('setup.plan', { roles: defaults.ok ? defaults.value : [] })
    expect(plan).toMatchObject({ ok: true, value: { summary: { create: 19, exists: 0, conflict: 0 } } })
  })

  it('refuse roles AWS would refuse, naming the field', async () => {
    const defaults = await call('setup.defaults')
    const roles = defaults.ok ? defaults.value : []
    roles[1].userName = 'dev team'
    const plan = await call('setup.plan', { roles })
    expect(plan).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(plan.ok ? '' : plan.error.message).toMatch(/"dev team" has a space/)
  })

  it('apply with progress events for the named operation, then apply again creating nothing', async () => {
    const defaults = await call('setup.defaults')
    const roles = defaults.ok ? defaults.value : []
    const operationId = randomUUID()
    const events: Array<EventPayloadOf<'progress'>> = []
    const applied = await call('setup.apply', { roles, operationId }, events)
    expect(applied).toMatchObject({ ok: true, value: { operationId, summary: { outcome: 'done', counts: { created: 17 } } } })
    expect(events.length).toBeGreaterThan(17 * 3)
    expect(events.every((e) => e.operationId === operationId)).toBe(true)
    expect(events.filter((e) => e.stepId === 'user:dev').map((e) => e.state)).toEqual(['waiting', 'running', 'done'])

    const again = await call('setup.apply', { roles })
    expect(again).toMatchObject({ ok: true, value: { summary: { runId: null, counts: { created: 0, existed: 17 } } } })
    expect(await call('setup.lastRun')).toMatchObject({ ok: true, value: { state: 'finished', canResume: false, canRollBack: true, steps: { created: 17 } } })
    expect(await call('setup.resume')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    collectSecrets()
  })

  it('delete the bootstrap root key only with consent, and verify it', async () => {
    expect(await call('setup.deleteBootstrapKey', {})).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    const deleted = await call('setup.deleteBootstrapKey', { confirm: true })
    expect(deleted).toMatchObject({ ok: true, value: { verifiedBy: 'account-summary', accountAccessKeysPresent: 0 } })
    expect(await call('connect.status')).toEqual({ ok: true, value: { connected: false } })
  })

  it('roll back after connecting again (a new root key is made for the practice account)', async () => {
    expect((await call('connect.practice')).ok).toBe(true)
    collectSecrets()
    const events: Array<EventPayloadOf<'progress'>> = []
    const rolledBack = await call('setup.rollback', {}, events)
    expect(rolledBack).toMatchObject({ ok: true, value: { summary: { outcome: 'done', failures: [] } } })
    expect(events.some((e) => e.stepId === 'user:dev' && e.state === 'done')).toBe(true)
    expect(practice.server?.state.users).toEqual({})
  })

  it('connect with keys: a wrong one says what is wrong, and a malformed one is refused before AWS', async () => {
    const endpoint = practice.status().running ? (practice.status() as { endpoint: string }).endpoint : ''
    const wrong = await call('connect.withKeys', { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'A'.repeat(40), endpoint })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } })
    const malformed = await call('connect.withKeys', { accessKeyId: 'nope', secretAccessKey: 'nope' })
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(await call('connect.withKeys', { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'A'.repeat(40), extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' }
    })
  })

  it('never answered with a secret: no root key secret, no password, no access key secret', () => {
    // root's first and second key, three passwords, two user keys
    expect(secrets.size).toBe(7)
    const everything = answers.join('\n')
    for (const secret of secrets) expect(everything).not.toContain(secret)
  })
})
