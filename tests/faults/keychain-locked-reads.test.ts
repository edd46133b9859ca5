import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KeychainUnavailableError, keytarSecretStore, loadSearchableKeytar, type KeytarWithSearch } from '../../src/main/vault/secret-store'
import { startPrivateKeyring, type PrivateKeyring } from './support/private-keyring'

/**
 * A locked gnome-keyring answers reads with "nothing there" and crashes keytar's search. The
 * vault must say "locked" instead: a read of a missing entry and a list both fail with
 * KEYCHAIN_UNAVAILABLE (and the process survives), and work again once the keyring is unlocked.
 */
let keyring: PrivateKeyring
let keytar: KeytarWithSearch
const service = `Cairn locked reads ${randomUUID()}`
const key = { accountId: '123456789012', role: 'dev' }

beforeAll(async () => {
  keyring = await startPrivateKeyring()
  Object.assign(process.env, keyring.env)
  keytar = await loadSearchableKeytar()
}, 30_000)

afterAll(async () => {
  if (await keyring.locked()) await keyring.unlock()
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
  keyring.close()
})

describe('a locked keyring', () => {
  it('is reported as locked on a list and on a read that finds nothing, not as empty', async () => {
    const store = keytarSecretStore(keytar, { service, platform: 'linux' })
    await store.set({ accountId: '123456789012', role: 'ops' }, { mfaSerial: 'arn:aws:iam::123456789012:mfa/ops' })
    expect(await store.get(key)).toBeNull()
    await keyring.lock()
    expect(await keyring.locked()).toBe(true)
    await expect(store.list()).rejects.toBeInstanceOf(KeychainUnavailableError)
    await expect(store.get(key)).rejects.toBeInstanceOf(KeychainUnavailableError)
    expect(await keyring.unlock()).toBe(true)
    expect(await store.get(key)).toBeNull()
    expect(await store.list()).toEqual([{ accountId: '123456789012', role: 'ops' }])
  }, 60_000)
})

describe('an unlocked keyring', () => {
  it('answers many reads of missing entries at once with "nothing there" (the probes do not race)', async () => {
    const store = keytarSecretStore(keytar, { service, platform: 'linux' })
    const reads = await Promise.all(Array.from({ length: 12 }, (_, i) => store.get({ accountId: '123456789012', role: `missing${i}` })))
    expect(reads).toEqual(Array.from({ length: 12 }, () => null))
  })
})

describe('the credential_process reader on a locked keyring', () => {
  it('says the keychain is locked rather than that no key is held', async () => {
    const { readKeychainEntry } = await import('../../src/main/vault/keychain-entry')
    const missing = { accountId: '123456789012', role: 'billing' }
    expect(await readKeychainEntry(missing, { service, load: async () => keytar, platform: 'linux' })).toEqual({ kind: 'missing' })
    await keyring.lock()
    await expect(readKeychainEntry(missing, { service, load: async () => keytar, platform: 'linux' })).rejects.toMatchObject({
      code: 'KEYCHAIN_UNAVAILABLE',
      message: /locked/
    })
    expect(await keyring.unlock()).toBe(true)
  }, 60_000)
})
