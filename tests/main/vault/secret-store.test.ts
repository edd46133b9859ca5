import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CorruptVaultEntryError,
  KeychainUnavailableError,
  keytarSecretStore,
  loadSearchableKeytar,
  type KeytarWithSearch,
  type RoleSecrets,
  type SecretStore
} from '../../../src/main/vault/secret-store'

const service = `Cairn test ${randomUUID()}`
const account = '111122223333'
const other = '444455556666'
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const devSecrets: RoleSecrets = {
  accessKey: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey, createdAt: '2025-01-02T03:04:05.000Z' },
  consolePassword: 'correct horse battery staple',
  mfaSerial: `arn:aws:iam::${account}:mfa/dev`,
  session: { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey, sessionToken: 'FwoGZXIvYXdzEXAMPLE', expiration: '2025-01-02T15:04:05Z' }
}

let keytar: KeytarWithSearch
let store: SecretStore

beforeAll(async () => {
  keytar = await loadSearchableKeytar()
  store = keytarSecretStore(keytar, { service })
})

afterAll(async () => {
  for (const { account: name } of await keytar.findCredentials(service)) await keytar.deletePassword(service, name)
})

describe('keytarSecretStore on the real OS keychain', () => {
  it('gives back what was saved, and null for a role never saved', async () => {
    await store.set({ accountId: account, role: 'dev' }, devSecrets)
    expect(await store.get({ accountId: account, role: 'dev' })).toEqual(devSecrets)
    expect(await store.get({ accountId: account, role: 'nobody' })).toBeNull()
  })

  it('keeps one JSON entry per account and role, named account/role', async () => {
    await store.set({ accountId: account, role: 'ops' }, { mfaSerial: 'arn:aws:iam::111122223333:mfa/ops' })
    expect(JSON.parse((await keytar.getPassword(service, `${account}/ops`)) ?? 'null')).toEqual({ mfaSerial: 'arn:aws:iam::111122223333:mfa/ops' })
  })

  it('lists the roles it holds, for one account or all', async () => {
    await store.set({ accountId: other, role: 'billing' }, { consolePassword: 'pw' })
    await store.set({ accountId: account, role: 'billing' }, {})
    expect(await store.list(account)).toEqual(
      expect.arrayContaining([
        { accountId: account, role: 'billing' },
        { accountId: account, role: 'dev' },
        { accountId: account, role: 'ops' }
      ])
    )
    expect((await store.list(account)).every((key) => key.accountId === account)).toBe(true)
    expect(await store.list()).toContainEqual({ accountId: other, role: 'billing' })
  })

  it('deletes a role, and says whether there was anything to delete', async () => {
    await store.set({ accountId: other, role: 'gone' }, {})
    expect(await store.delete({ accountId: other, role: 'gone' })).toBe(true)
    expect(await store.delete({ accountId: other, role: 'gone' })).toBe(false)
    expect(await store.get({ accountId: other, role: 'gone' })).toBeNull()
    expect(await store.list(other)).not.toContainEqual({ accountId: other, role: 'gone' })
  })

  it('loses none of 50 concurrent updates to one role', async () => {
    const key = { accountId: account, role: 'counter' }
    const results = await Promise.all(
      Array.from({ length: 50 }, () => store.update(key, (current) => ({ ...current, consolePassword: `${current?.consolePassword ?? ''}x` })))
    )
    expect((await store.get(key))?.consolePassword).toBe('x'.repeat(50))
    expect(results.map((result) => result.consolePassword?.length).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })

  it('writes nothing when an update throws, and the next update still runs', async () => {
    const key = { accountId: account, role: 'steady' }
    await store.set(key, { mfaSerial: 'arn:aws:iam::111122223333:mfa/steady' })
    await expect(
      store.update(key, () => {
        throw new Error('the MFA code was wrong')
      })
    ).rejects.toThrow('the MFA code was wrong')
    const next = await store.update(key, (current) => ({ ...current, consolePassword: 'after' }))
    expect(next).toEqual({ mfaSerial: 'arn:aws:iam::111122223333:mfa/steady', consolePassword: 'after' })
  })

  it('keeps updates of different roles independent', async () => {
    const slow = store.update({ accountId: account, role: 'slow' }, async (current) => {
      await new Promise((resolve) => setTimeout(resolve, 200))
      return { ...current, consolePassword: 'slow' }
    })
    const started = Date.now()
    await store.update({ accountId: account, role: 'fast' }, () => ({ consolePassword: 'fast' }))
    expect(Date.now() - started).toBeLessThan(200)
    await slow
  })
})

describe('a damaged keychain entry', () => {
  it('names the role and says how to recover, without showing what the entry holds', async () => {
    await keytar.setPassword(service, `${account}/broken`, `{"accessKey": {"secretAccessKey": "${secretAccessKey}"`)
    const attempt = store.get({ accountId: account, role: 'broken' })
    await expect(attempt).rejects.toBeInstanceOf(CorruptVaultEntryError)
    const error = await attempt.catch((caught: unknown) => caught)
    expect(String(error)).toMatch(/role broken in account 111122223333 is damaged.*Delete the entry/)
    expect(JSON.stringify(error)).not.toContain(secretAccessKey)
    expect(String(error)).not.toContain(secretAccessKey)
  })

  it('names the fields that are wrong, never their values', async () => {
    await keytar.setPassword(
      service,
      `${account}/misshapen`,
      JSON.stringify({ accessKey: { accessKeyId: secretAccessKey, secretAccessKey, createdAt: 'yesterday' } })
    )
    const error = await store.get({ accountId: account, role: 'misshapen' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(CorruptVaultEntryError)
    expect((error as CorruptVaultEntryError).fields).toEqual(['accessKey.accessKeyId', 'accessKey.createdAt'])
    expect(String(error)).not.toContain(secretAccessKey)
    expect(String(error)).not.toContain('yesterday')
  })

  it('stops an update from building on it', async () => {
    await keytar.setPassword(service, `${account}/broken-too`, 'not json at all')
    await expect(store.update({ accountId: account, role: 'broken-too' }, () => ({}))).rejects.toBeInstanceOf(CorruptVaultEntryError)
    expect(await keytar.getPassword(service, `${account}/broken-too`)).toBe('not json at all')
  })
})

describe('secrets never appear in error messages', () => {
  it('refuses to save malformed secrets without repeating them', async () => {
    const bad = { accessKey: { accessKeyId: 'lowercase-is-wrong', secretAccessKey, createdAt: 'now' } } as unknown as RoleSecrets
    const error = await store.set({ accountId: account, role: 'dev' }, bad).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(RangeError)
    expect(String(error)).not.toContain(secretAccessKey)
    expect(await store.get({ accountId: account, role: 'dev' })).toEqual(devSecrets)
  })

  it('turns a keychain failure into advice, keeping the value out of it', async () => {
    const leaky: KeytarWithSearch = {
      setPassword: (_service, _account, password) => Promise.reject(new Error(`Cannot create an item in a locked collection: ${password}`)),
      getPassword: () => Promise.reject(new Error('org.freedesktop.secrets was not provided')),
      deletePassword: () => Promise.reject(new Error('locked')),
      findCredentials: () => Promise.reject(new Error('locked'))
    }
    const broken = keytarSecretStore(leaky, { service, platform: 'linux' })
    const saving = await broken.set({ accountId: account, role: 'dev' }, devSecrets).catch((caught: unknown) => caught)
    expect(saving).toBeInstanceOf(KeychainUnavailableError)
    expect(saving).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', operation: 'save' })
    expect(String(saving)).toMatch(/could not save the secrets of role dev in account 111122223333 in the Secret Service.*Unlock it, or run `cairn doctor`/)
    for (const value of [secretAccessKey, devSecrets.consolePassword ?? '']) expect(String(saving)).not.toContain(value)

    await expect(broken.get({ accountId: account, role: 'dev' })).rejects.toBeInstanceOf(KeychainUnavailableError)
    await expect(broken.list()).rejects.toMatchObject({ operation: 'list' })
    await expect(broken.delete({ accountId: account, role: 'dev' })).rejects.toMatchObject({ operation: 'delete' })
  })

  it('refuses keys that cannot be stored unambiguously', async () => {
    await expect(store.get({ accountId: 'a/b', role: 'dev' })).rejects.toBeInstanceOf(RangeError)
    await expect(store.set({ accountId: account, role: '' }, {})).rejects.toBeInstanceOf(RangeError)
  })
})
