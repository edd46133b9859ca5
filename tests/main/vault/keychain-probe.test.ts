import { describe, expect, it } from 'vitest'
import { keychainBackendName, probeKeychain, type KeytarLike } from '../../../src/main/vault/keychain-probe'

describe('probeKeychain against the real OS keychain', () => {
  it('reports the keychain available when a secret round-trips through it', async () => {
    const status = await probeKeychain({ platform: process.platform })
    expect(status).toEqual({ available: true, backend: keychainBackendName(process.platform) })
  })

  it('leaves no probe entry behind', async () => {
    const keytar = (await import('keytar')) as unknown as { default?: { findCredentials(s: string): Promise<unknown[]> } }
    const findCredentials = keytar.default?.findCredentials ?? (keytar as unknown as { findCredentials(s: string): Promise<unknown[]> }).findCredentials
    await probeKeychain({ platform: process.platform })
    expect(await findCredentials('Cairn (keychain check)')).toEqual([])
  })
})

describe('probeKeychain when the keychain cannot be used', () => {
  it('names the package to install on Linux when keytar cannot load', async () => {
    const status = await probeKeychain({ platform: 'linux', load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open')) })
    expect(status.available).toBe(false)
    expect(status.message).toMatch(/apt install .*libsecret/)
  })

  it('says no Secret Service is running when writing fails', async () => {
    const failing: KeytarLike = {
      setPassword: () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided')),
      getPassword: () => Promise.resolve(null),
      deletePassword: () => Promise.resolve(false)
    }
    const status = await probeKeychain({ platform: 'linux', load: async () => failing })
    expect(status).toMatchObject({ available: false, message: expect.stringMatching(/gnome-keyring/) })
  })

  it('gives up on a keyring that never answers (a locked one waiting for a prompt)', async () => {
    const hanging: KeytarLike = {
      setPassword: () => new Promise(() => undefined),
      getPassword: () => Promise.resolve(null),
      deletePassword: () => Promise.resolve(false)
    }
    const status = await probeKeychain({ platform: 'linux', load: async () => hanging, timeoutMs: 20 })
    expect(status).toMatchObject({ available: false, message: expect.stringMatching(/locked/) })
  })
})
