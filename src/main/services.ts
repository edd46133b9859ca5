import type { IAMClient } from '@aws-sdk/client-iam'
import { awsClients } from './aws/clients'
import { ConnectionHolder } from './connect/connection'
import type { Services } from './handlers'
import type { Logger } from './log/redact'
import { createMfaService } from './mfa/mfa-service'
import { defaultDataDir } from './app-info/data-dir'
import { createSetupService, type ApplyTuning } from './setup/setup-service'
import { createPoliciesService } from './policies/policies-service'
import type { EmbeddedPractice } from '../practice'
import { KeychainUnavailableError, keytarSecretStore, loadSearchableKeytar, type SecretStore } from './vault/secret-store'
import { probeKeychain, type KeytarLoader } from './vault/keychain-probe'
import { secretStoreWithDeadline } from './vault/secret-store-deadline'
import { homedir } from 'node:os'
import { createProfilesService, type OpenConsoleWindow } from './profiles/profiles-service'
import { recordAppliedRoles } from './profiles/record-applied-roles'
import { appliedMfaIdentities } from './setup/applied-roles'
import { journeyStore } from './journey/journey-store'
import { CairnError } from '../shared/errors'
import { createGuideService } from './guide/guide-service'
import { createAppService } from './app-info/app-service'
import { createConnectService } from './connect/connect-service'
import { createAuditService } from './audit/audit-service'

export interface ServicesInput {
  name: string
  version: string
  versions: { node: string; electron?: string; chrome?: string }
  platform?: NodeJS.Platform
  arch?: string
  loadKeytar?: KeytarLoader
  practice: EmbeddedPractice
  /** The bootstrap connection; a fresh, empty one by default. */
  connection?: ConnectionHolder
  /** The keychain service name entries are kept under; default "Cairn" (tests use their own). */
  vaultService?: string
  log?: Logger
  /** Where the setup journal lives; default Electron's userData for Cairn (or CAIRN_DATA_DIR). */
  dataDir?: string
  /** Instead of the OS keychain (tests that make the keychain fail). */
  secretStore?: SecretStore
  applyTuning?: ApplyTuning
  /** What runs `cairn` for credential_process (absolute node + bin/cairn.js); null: profiles cannot be written. */
  cairnCommand?: readonly string[] | null
  /** Opens a role's console window; the Electron shell provides it, tests record the calls. */
  openConsoleWindow?: OpenConsoleWindow
  /** Copies a console password and clears it after 30 s; the Electron shell provides it. */
  copyPassword?: (password: string) => void
  /** For AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE and HOME; default the process's. */
  awsEnv?: Readonly<Record<string, string | undefined>>
  homedir?: string
  /** Told when the active role, a session or the roles change (the tray listens). */
  onProfilesChanged?: () => void
  /** Hands an allowed https AWS URL to the OS browser (Electron's shell.openExternal). */
  openExternal?: (url: string) => Promise<void>
}

/**
 * How long one keychain call may take in the app. A locked keyring asks for its password, which
 * takes a person a while; but a call on a locked gnome-keyring can also wait forever (the fault
 * tests see it), and an apply must then stop with KEYCHAIN_UNAVAILABLE instead of hanging.
 */
const APP_KEYCHAIN_TIMEOUT_MS = 120_000

/** The keychain, opened on first use: the app starts even when it is locked or missing. */
function lazyVault(service: string, platform: NodeJS.Platform): () => Promise<SecretStore> {
  let opened: Promise<SecretStore> | undefined
  return () =>
    (opened ??= loadSearchableKeytar().then(
      (keytar) => secretStoreWithDeadline(keytarSecretStore(keytar, { service, platform }), APP_KEYCHAIN_TIMEOUT_MS),
      (cause: unknown) => {
        opened = undefined
        throw new KeychainUnavailableError('read', null, platform, { cause })
      }
    ))
}

/** An IAM client on the practice account: the connection when it is the practice, else root's first key. */
function practiceIam(practice: EmbeddedPractice, connection: ConnectionHolder): () => IAMClient | null {
  let cached: { keyId: string; iam: IAMClient } | undefined
  return () => {
    const current = connection.current
    if (current?.info.practice) return current.clients('read').iam
    const server = practice.server
    const key = server?.rootCredentials
    if (!server || !key) return null
    if (cached?.keyId !== key.accessKeyId) cached = { keyId: key.accessKeyId, iam: awsClients(key, { endpoint: server.endpoint }).iam }
    return cached.iam
  }
}

/** Builds the real services from plain Node parts; the Electron shell and the e2e tests share it. */
export function createServices(input: ServicesInput): Services {
  const platform = input.platform ?? process.platform
  const dataDir = input.dataDir ?? defaultDataDir()
  const connect = createConnectService({ connection: input.connection ?? new ConnectionHolder(), practice: () => input.practice.server })
  const connection = connect.connection
  const vault = input.secretStore ? () => Promise.resolve(input.secretStore as SecretStore) : lazyVault(input.vaultService ?? 'Cairn', platform)
  const profiles = createProfilesService({
    dataDir,
    vault,
    cairnCommand: input.cairnCommand ?? null,
    env: input.awsEnv ?? process.env,
    homedir: input.homedir ?? homedir(),
    platform,
    ...(input.openConsoleWindow ? { openConsoleWindow: input.openConsoleWindow } : {}),
    ...(input.copyPassword ? { copyPassword: input.copyPassword } : {}),
    ...(input.onProfilesChanged ? { onChange: input.onProfilesChanged } : {})
  })
  // The practice account listens on a new port each start; its roles' sessions must reach it.
  // Its account id is the app's own practice account, whatever the registry said before.
  const practiceServer = input.practice.server
  if (practiceServer) void profiles.rememberEndpoint(practiceServer.accountId, practiceServer.endpoint, { practice: true }).catch(() => undefined)
  // The app may have moved or been updated since it wrote the AWS profiles: they must run this copy.
  void profiles.rewriteIfCommandChanged().then(
    (write) => {
      if (!write?.written) return
      input.log?.info(`AWS config profiles in ${write.file} now run this copy of Cairn.`)
      input.onProfilesChanged?.()
    },
    (error: unknown) => input.log?.error('Rewriting the AWS config profiles for this copy of Cairn', error)
  )
  return {
    app: createAppService({
      info: {
        name: input.name,
        version: input.version,
        platform,
        arch: input.arch ?? process.arch,
        versions: input.versions,
        keychain: () => probeKeychain({ platform, ...(input.loadKeytar ? { load: input.loadKeytar } : {}) })
      },
      openExternal:
        input.openExternal ?? (() => Promise.reject(new CairnError('INTERNAL', 'This build of Cairn cannot open your browser. Copy the address instead.')))
    }),
    practice: input.practice,
    mfa: createMfaService({
      iam: () => connection.require().clients('read').iam,
      // MFA puts CairnRequireMFA on the group the apply really made, renamed or not.
      roles: () => appliedMfaIdentities(dataDir, connection.current?.info.accountId ?? null),
      vault,
      practice: () => input.practice.server,
      practiceIam: practiceIam(input.practice, connection),
      ...(input.log ? { log: input.log } : {})
    }),
    connect,
    audit: createAuditService({ connection, practice: () => input.practice.server }),
    setup: createSetupService({
      connection,
      dataDir,
      vault,
      ...(input.applyTuning ? { tuning: input.applyTuning } : {}),
      onApplied: (applied) => recordAppliedRoles(profiles, applied)
    }),
    policies: createPoliciesService({ connection }),
    profiles,
    journey: journeyStore(dataDir),
    guide: createGuideService({ practice: () => input.practice.server })
  }
}
