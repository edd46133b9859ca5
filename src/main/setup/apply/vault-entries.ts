import type { RoleSecrets, SecretStore, VaultKey } from '../../vault/secret-store'
import type { StepOwner } from '../../../shared/domain/words'
import type { SecretsHeld } from '../plan'
import type { Holder } from '../setup-layout'
import type { VaultField } from './journal'

export function vaultKey(accountId: string, owner: StepOwner): VaultKey {
  return { accountId, role: owner }
}

/** What the keychain holds for these users: the plan counts a held secret as done. */
export async function secretsHeld(vault: SecretStore, accountId: string, holders: readonly Holder[]): Promise<SecretsHeld> {
  const entries = await Promise.all(holders.map(async (spec) => [spec, await vault.get(vaultKey(accountId, spec.owner))] as const))
  return {
    passwordUsers: entries.filter(([, secrets]) => secrets?.consolePassword !== undefined).map(([spec]) => spec.userName),
    accessKeyIds: entries.flatMap(([, secrets]) => (secrets?.accessKey ? [secrets.accessKey.accessKeyId] : [])),
    mfaSerials: entries.flatMap(([, secrets]) => (secrets?.mfaSerial ? [secrets.mfaSerial] : []))
  }
}

/**
 * After an apply: a user with exactly one MFA device that can back sessions, which the keychain
 * does not name yet, gets it recorded (the plan said so), as the MFA step's "Use this device"
 * would. Returns the users it was recorded for.
 */
export async function recordFoundDevices(
  vault: SecretStore,
  accountId: string,
  holders: readonly Holder[],
  devicesOf: (userName: string) => string[]
): Promise<string[]> {
  const recorded: string[] = []
  for (const holder of holders) {
    const usable = devicesOf(holder.userName)
    if (usable.length !== 1) continue
    const key = vaultKey(accountId, holder.owner)
    const current = await vault.get(key)
    if (current?.mfaSerial !== undefined) continue
    await vault.update(key, (now) => ({ ...now, mfaSerial: usable[0]! }))
    recorded.push(holder.userName)
  }
  return recorded
}

function isEmpty(secrets: RoleSecrets): boolean {
  return Object.values(secrets).every((value) => value === undefined)
}

/**
 * Takes back what a run wrote for a role, leaving what others wrote (an MFA serial, a cached
 * session). An access key is removed only while it is still the one the run made.
 */
export async function removeFromVault(vault: SecretStore, key: VaultKey, fields: readonly VaultField[], accessKeyId?: string): Promise<void> {
  let emptied = false
  await vault.update(key, (current) => {
    const next: RoleSecrets = { ...(current ?? {}) }
    if (fields.includes('consolePassword')) delete next.consolePassword
    if (fields.includes('accessKey') && (accessKeyId === undefined || next.accessKey?.accessKeyId === accessKeyId)) delete next.accessKey
    emptied = isEmpty(next)
    return next
  })
  if (emptied) await vault.delete(key)
}
