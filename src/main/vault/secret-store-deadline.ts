import { withDeadline } from './keychain-entry'
import type { SecretStore } from './secret-store'

/** The same store, every call bounded: a locked keyring fails in `timeoutMs` instead of hanging a command. */
export function secretStoreWithDeadline(store: SecretStore, timeoutMs: number): SecretStore {
  return {
    get: (key) => withDeadline(store.get(key), timeoutMs),
    set: (key, value) => withDeadline(store.set(key, value), timeoutMs),
    update: (key, change) => withDeadline(store.update(key, change), timeoutMs),
    delete: (key) => withDeadline(store.delete(key), timeoutMs),
    list: (accountId) => withDeadline(store.list(accountId), timeoutMs)
  }
}
