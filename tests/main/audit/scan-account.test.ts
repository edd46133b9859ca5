import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsClients } from '../../../src/main/aws/clients'
import { fixPasswordPolicy, scanAccount } from '../../../src/main/audit/scan-account'
import { startPracticeServer, type PracticeServer } from '../../../src/practice'

let server: PracticeServer
beforeAll(async () => {
  server = await startPracticeServer()
})
afterAll(() => server.close())

describe('scanning a new practice account', () => {
  it('fails root MFA, root access keys and the password policy, naming the bootstrap key', async () => {
    const clients = awsClients(server.rootCredentials!, { endpoint: server.endpoint })
    const results = await scanAccount(clients, { pollIntervalMs: 50 })
    const status = Object.fromEntries(results.map((r) => [r.id, r.status]))
    expect(status).toMatchObject({ 'root-mfa': 'fail', 'root-access-keys': 'warn', 'password-policy': 'fail' })
    expect(results.find((r) => r.id === 'root-access-keys')?.evidence).toContain(server.rootCredentials!.accessKeyId)
    expect(results.find((r) => r.id === 'password-policy')?.fix).toEqual({ id: 'set-password-policy', label: expect.any(String) })
    expect(results).toHaveLength(12)
  })

  it('sets the recommended password policy in one click', async () => {
    const clients = awsClients(server.rootCredentials!, { endpoint: server.endpoint })
    expect(await fixPasswordPolicy(clients)).toMatchObject({ id: 'password-policy', status: 'pass' })
    const results = await scanAccount(clients, { pollIntervalMs: 50 })
    expect(results.find((r) => r.id === 'password-policy')?.status).toBe('pass')
  })
})
