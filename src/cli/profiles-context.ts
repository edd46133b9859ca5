import { realpathSync } from 'node:fs'
import { homedir } from 'node:os'
import { defaultDataDir } from '../main/app-info/data-dir'
import { createProfilesService, type ProfilesService } from '../main/profiles/profiles-service'
import { DEFAULT_KEYCHAIN_TIMEOUT_MS, KeychainTimeoutError } from '../main/vault/keychain-entry'
import { secretStoreWithDeadline } from '../main/vault/secret-store-deadline'
import { KeychainUnavailableError, keytarSecretStore, loadSearchableKeytar, type SecretStore } from '../main/vault/secret-store'
import { CairnError } from '../shared/errors'
import { KEYCHAIN_STUCK } from './exit-codes'
import type { CliIo } from './main'

/** The options of commands that act on a role, for node:util parseArgs. */
export const endpointOption = { endpoint: { type: 'string' } } as const

/**
 * This very command, as credential_process must run it: the Node binary and the script it was
 * started with (bin/cairn.js), both absolute, so it works from any shell and directory.
 */
export function selfCommand(): string[] {
  const script = process.argv[1]
  if (script === undefined) return [process.execPath]
  let resolved = script
  try {
    resolved = realpathSync(script)
  } catch {
    // Keep the path as given: it ran, so it exists for the shell that ran it.
  }
  return [process.execPath, resolved]
}

function userHome(env: CliIo['env']): string {
  const fromEnv = process.platform === 'win32' ? env['USERPROFILE'] : env['HOME']
  return fromEnv || homedir()
}

/** The keychain as the command line uses it: opened once, every call bounded in time. */
function cliVault(env: CliIo['env']): () => Promise<SecretStore> {
  const service = env['CAIRN_VAULT_SERVICE'] || 'Cairn'
  const timeoutMs = Number(env['CAIRN_KEYCHAIN_TIMEOUT_MS']) || DEFAULT_KEYCHAIN_TIMEOUT_MS
  let opened: Promise<SecretStore> | undefined
  return () =>
    (opened ??= loadSearchableKeytar().then(
      (keytar) => secretStoreWithDeadline(keytarSecretStore(keytar, { service }), timeoutMs),
      (cause: unknown) => {
        throw new KeychainUnavailableError('read', null, process.platform, { cause })
      }
    ))
}

export function cliProfiles(io: CliIo): ProfilesService {
  return createProfilesService({
    dataDir: defaultDataDir(io.env),
    vault: cliVault(io.env),
    cairnCommand: selfCommand(),
    env: io.env,
    homedir: userHome(io.env)
  })
}

/** --endpoint, else AWS_ENDPOINT_URL; remembered for the current account so credential_process needs no flag. */
export async function rememberEndpointOverride(profiles: ProfilesService, flag: string | undefined, env: CliIo['env']): Promise<void> {
  const endpoint = flag ?? env['AWS_ENDPOINT_URL_STS'] ?? env['AWS_ENDPOINT_URL']
  if (endpoint === undefined || endpoint === '') return
  if (!/^https?:\/\/[^\s/]+\/?$/.test(endpoint)) throw new RangeError(`--endpoint must be a URL such as http://127.0.0.1:4566, not '${endpoint}'`)
  const registry = await profiles.registry.read()
  if (registry.currentAccountId !== null) await profiles.rememberEndpoint(registry.currentAccountId, endpoint.replace(/\/$/, ''))
}

/** A refusal the user can act on prints its message and exits 1; anything else is a bug and propagates. */
export function reportFailure(io: CliIo, command: string, error: unknown): number {
  if (error instanceof CairnError || error instanceof KeychainTimeoutError) {
    io.stderr.write(`cairn ${command}: ${error.message}\n`)
    return error instanceof KeychainTimeoutError ? KEYCHAIN_STUCK : 1
  }
  throw error
}
