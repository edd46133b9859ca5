import { randomUUID } from 'node:crypto'
import type { KeychainStatus } from '../../shared/contract'

/** The subset of keytar Cairn relies on; a test or another backend can stand in. */
export interface KeytarLike {
  setPassword(service: string, account: string, password: string): Promise<void>
  getPassword(service: string, account: string): Promise<string | null>
  deletePassword(service: string, account: string): Promise<boolean>
}

export type KeytarLoader = () => Promise<KeytarLike>

export const loadKeytar: KeytarLoader = async () => {
  const mod = (await import('keytar')) as unknown as KeytarLike & { default?: KeytarLike }
  return mod.default ?? mod
}

const PROBE_SERVICE = 'Cairn (keychain check)'

export function keychainBackendName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain'
  if (platform === 'win32') return 'Windows Credential Manager'
  return 'Secret Service (libsecret)'
}

function unavailableMessage(platform: NodeJS.Platform, reason: 'missing-module' | 'no-service' | 'timeout'): string {
  if (platform === 'linux') {
    if (reason === 'missing-module') {
      return 'The keychain library is missing. Install libsecret (Debian/Ubuntu: sudo apt install libsecret-1-0 gnome-keyring), then restart Cairn.'
    }
    if (reason === 'timeout') {
      return 'The keyring did not answer in time; it may be locked. Unlock it (log out and in, or open "Passwords and Keys"), then press Check again.'
    }
    return 'No Secret Service is running. Install and start one (Debian/Ubuntu: sudo apt install gnome-keyring), log out and in, then press Check again.'
  }
  if (platform === 'darwin')
    return 'The macOS Keychain could not be used. Open Keychain Access, make sure the login keychain is unlocked, then press Check again.'
  return 'Windows Credential Manager could not be used. Sign in to Windows with your normal account, then press Check again.'
}

/**
 * Proves the OS keychain works by writing, reading and deleting a throwaway entry.
 * Never writes a fallback anywhere: an unusable keychain is reported, not worked around.
 */
export async function probeKeychain(options: { platform: NodeJS.Platform; load?: KeytarLoader; timeoutMs?: number }): Promise<KeychainStatus> {
  const { platform, load = loadKeytar, timeoutMs = 5000 } = options
  const backend = keychainBackendName(platform)
  let keytar: KeytarLike
  try {
    keytar = await load()
  } catch {
    return { available: false, backend, message: unavailableMessage(platform, 'missing-module') }
  }
  const account = `probe-${randomUUID()}`
  const value = randomUUID()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs)
  })
  const roundTrip = (async () => {
    await keytar.setPassword(PROBE_SERVICE, account, value)
    try {
      return (await keytar.getPassword(PROBE_SERVICE, account)) === value ? 'ok' : 'mismatch'
    } finally {
      await keytar.deletePassword(PROBE_SERVICE, account)
    }
  })()
  try {
    const outcome = await Promise.race([roundTrip, timeout])
    if (outcome === 'ok') return { available: true, backend }
    return { available: false, backend, message: unavailableMessage(platform, outcome === 'timeout' ? 'timeout' : 'no-service') }
  } catch {
    return { available: false, backend, message: unavailableMessage(platform, 'no-service') }
  } finally {
    clearTimeout(timer)
    roundTrip.catch(() => undefined)
  }
}
