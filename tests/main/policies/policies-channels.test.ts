import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/handlers'
import { createDispatcher, type Dispatcher } from '../../../src/main/ipc/dispatcher'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { startEmbeddedPractice, type EmbeddedPractice, awsManagedPolicies } from '../../../src/practice'
import { createServices } from '../../../src/main/services'
import type { ManagedPolicyPayload } from '../../../src/shared/contract'

const app = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }
let practice: EmbeddedPractice
let dispatcher: Dispatcher
let dataDir: string

const call = (channel: string, payload: unknown = {}) =>
  dispatcher.dispatch(channel, payload, app) as Promise<{ ok: true; value: ManagedPolicyPayload[] } | { ok: false; error: { code: string; message: string } }>

beforeAll(async () => {
  practice = await startEmbeddedPractice({})
  dataDir = mkdtempSync(join(tmpdir(), 'cairn-policies-ipc-'))
  const services = createServices({
    name: 'Cairn',
    version: '0.0.0-test',
    versions: { node: process.versions.node },
    practice,
    dataDir,
    vaultService: 'Cairn policies test'
  })
  dispatcher = createDispatcher({ handlers: createHandlers(services), trustedOrigins: [APP_ORIGIN] })
})

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true })
  await practice.close()
})

describe('policies.list through the dispatcher', () => {
  it('says "not connected" before a connection', async () => {
    expect(await call('policies.list')).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } })
  })

  it('refuses anything but an optional refresh flag', async () => {
    expect(await call('policies.list', { scope: 'All' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(await call('policies.list', { refresh: 'yes' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
  })

  it('answers the practice account’s AWS managed policies, job-function first', async () => {
    expect((await dispatcher.dispatch('connect.practice', {}, app)).ok).toBe(true)
    const answer = await call('policies.list')
    if (!answer.ok) throw new Error(answer.error.message)
    expect(answer.value).toHaveLength(awsManagedPolicies.length)
    expect(answer.value.find((p) => p.name === 'Billing')).toMatchObject({ arn: 'arn:aws:iam::aws:policy/job-function/Billing', jobFunction: true })
    expect(answer.value.filter((p) => p.jobFunction)).toHaveLength(awsManagedPolicies.filter((p) => p.path === '/job-function/').length)
    expect(answer.value[0]!.jobFunction).toBe(true)
    expect(answer.value.find((p) => p.name === 'PowerUserAccess')).toMatchObject({ jobFunction: false, path: '/' })
    expect(await call('policies.list', { refresh: true })).toEqual(answer)
  })
})
