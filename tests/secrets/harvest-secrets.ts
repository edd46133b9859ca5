import type { PracticeState } from '../../src/practice'
import type { KeytarWithSearch } from '../../src/main/vault/secret-store'
import type { SecretKind, SecretLedger } from './secret-ledger'

/**
 * Where a run's secrets can be learned: the practice account (it issued every key, session,
 * password and seed, as AWS's servers would hold them) and the test's keychain service.
 */

/** Everything secret the practice account holds right now; deleted keys are gone, so call it often. */
export function harvestPracticeState(state: PracticeState, ledger: SecretLedger): void {
  for (const key of state.root.accessKeys) ledger.add('access key secret', key.secretAccessKey)
  ledger.add('practice root password', state.root.consolePassword)
  for (const user of Object.values(state.users)) {
    ledger.add('console password', user.loginProfile?.password)
    for (const key of user.accessKeys) ledger.add('access key secret', key.secretAccessKey)
  }
  for (const device of Object.values(state.virtualMfaDevices)) ledger.add('MFA seed', device.base32Seed)
  for (const session of Object.values(state.sessions)) {
    ledger.add('session secret', session.secretAccessKey)
    ledger.add('session token', session.sessionToken)
  }
}

const fieldKinds: Record<string, SecretKind> = {
  consolePassword: 'console password',
  sessionToken: 'session token'
}

/** A keychain entry's JSON: secretAccessKey under `session` is a session's, elsewhere a long-term key's. */
function harvestEntry(value: unknown, ledger: SecretLedger, inSession: boolean): number {
  if (typeof value !== 'object' || value === null) return 0
  let found = 0
  for (const [field, inner] of Object.entries(value)) {
    if (typeof inner === 'string') {
      const kind = field === 'secretAccessKey' ? (inSession ? 'session secret' : 'access key secret') : fieldKinds[field]
      if (kind) {
        ledger.add(kind, inner)
        found += 1
      }
    } else {
      found += harvestEntry(inner, ledger, inSession || field === 'session')
    }
  }
  return found
}

/** Every secret in the keychain service's entries; returns how many entries and secret fields there were. */
export async function harvestKeychain(keytar: KeytarWithSearch, service: string, ledger: SecretLedger): Promise<{ entries: number; fields: number }> {
  const entries = await keytar.findCredentials(service)
  let fields = 0
  for (const { password } of entries) fields += harvestEntry(JSON.parse(password) as unknown, ledger, false)
  return { entries: entries.length, fields }
}
