import type { RoleSecrets, SecretStore, VaultKey } from '../../src/main/vault/secret-store'

/** A keychain in memory: the benchmarks measure AWS round trips, not the OS keychain. */
export function memoryVault(): SecretStore {
  const entries = new Map<string, RoleSecrets>()
  const name = (key: VaultKey) => `${key.accountId}/${key.role}`
  return {
    get: async (key) => entries.get(name(key)) ?? null,
    set: async (key, value) => void entries.set(name(key), value),
    update: async (key, change) => {
      const next = await change(entries.get(name(key)) ?? null)
      entries.set(name(key), next)
      return next
    },
    delete: async (key) => entries.delete(name(key)),
    list: async () => [...entries.keys()].map((k) => ({ accountId: k.split('/')[0]!, role: k.split('/')[1]! }))
  }
}
