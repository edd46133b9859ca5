import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { KeychainTimeoutError, readKeychainEntry, withDeadline } from '../../../src/main/vault/keychain-entry'
import { loadSearchableKeytar } from '../../../src/main/vault/secret-store'

const service = `Cairn test keychain-entry ${randomUUID()}`
const key = { accountId: '111122223333', role: 'dev' }
const session = { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret', sessionToken: 'token', expiration: '2030-01-01T00:00:00Z' }

afterAll(async () => {
  const keytar = await loadSearchableKeytar()
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
})

describe('the fast keychain read credential_process uses', () => {
  it('reads the cached session and whether a key is held, from the real keychain', async () => {
    const keytar = await loadSearchableKeytar()
    await keytar.setPassword(
      service,
      '111122223333/dev',
      JSON.stringify({ accessKey: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x', createdAt: '2025-01-01T00:00:00Z' }, session })
    )
    expect(await readKeychainEntry(key, { service })).toEqual({ kind: 'found', hasAccessKey: true, session })
    expect(await readKeychainEntry({ ...key, role: 'ops' }, { service })).toEqual({ kind: 'missing' })
  })

  it('hands anything unexpected to the full vault rather than guessing', async () => {
    const stored = ['not json', '[]', JSON.stringify({ session: { accessKeyId: 'A' } }), JSON.stringify({ session: { ...session, expiration: 'soon' } })]
    for (const text of stored) {
      const load = async () => ({ getPassword: async () => text, setPassword: async () => undefined, deletePassword: async () => true })
      expect(await readKeychainEntry(key, { service, load }), text).toEqual({ kind: 'unreadable' })
    }
  })

  it('gives up on a keychain that does not answer in time', async () => {
    const load = async () => ({
      getPassword: () => new Promise<string | null>(() => undefined),
      setPassword: async () => undefined,
      deletePassword: async () => true
    })
    const started = Date.now()
    const error = await readKeychainEntry(key, { service, load, timeoutMs: 200 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(KeychainTimeoutError)
    expect((error as Error).message).toMatch(/did not answer within 0 s; it may be locked/)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('passes the answer or the failure through when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 100)).resolves.toBe(7)
    await expect(withDeadline(Promise.reject(new Error('refused')), 100)).rejects.toThrow('refused')
  })
})
