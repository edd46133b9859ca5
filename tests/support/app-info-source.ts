import type { Services } from '../../src/main/handlers'
import type { AppInfoSource } from '../../src/main/app-info/app-info'
import { createMfaService } from '../../src/main/mfa/mfa-service'
import { createSetupService } from '../../src/main/setup/setup-service'
import { createAppService } from '../../src/main/app-info/app-service'
import { createConnectService } from '../../src/main/connect/connect-service'
import { createAuditService } from '../../src/main/audit/audit-service'
import { createPoliciesService } from '../../src/main/policies/policies-service'
import { ConnectionHolder } from '../../src/main/connect/connection'
import { createProfilesService } from '../../src/main/profiles/profiles-service'
import { CairnError } from '../../src/shared/errors'
import { journeyStore } from '../../src/main/journey/journey-store'
import { createGuideService } from '../../src/main/guide/guide-service'

/** An app-info source whose keychain answer is fixed, for tests about the IPC plumbing itself. */
export function fixedAppInfoSource(keychainAvailable = true): AppInfoSource {
  return {
    name: 'Cairn',
    version: '0.0.0-test',
    platform: 'linux',
    arch: 'x64',
    versions: { node: process.versions.node },
    keychain: async () => ({ available: keychainAvailable, backend: 'Secret Service (libsecret)' })
  }
}

/** Services for tests about the IPC plumbing itself, not about what the services do; `openExternal` records links opened. */
export function plumbingServices(options: { openExternal?: (url: string) => Promise<void> } = {}): Services {
  const connect = createConnectService()
  return {
    app: createAppService({ info: fixedAppInfoSource(), openExternal: options.openExternal ?? (() => Promise.reject(new Error('no browser in this test'))) }),
    practice: { status: () => ({ running: false, message: 'not started in this test' }) },
    mfa: createMfaService({
      iam: () => {
        throw new CairnError('NOT_CONNECTED', 'not connected in this test')
      },
      vault: () => Promise.reject(new Error('no keychain in this test'))
    }),
    connect,
    audit: createAuditService({ connection: connect.connection }),
    setup: createSetupService({
      connection: connect.connection,
      dataDir: '/nonexistent/cairn-plumbing-test',
      vault: () => Promise.reject(new Error('no keychain in this test'))
    }),
    policies: createPoliciesService({ connection: new ConnectionHolder() }),
    profiles: createProfilesService({
      dataDir: '/nonexistent/cairn-plumbing-test',
      vault: () => Promise.reject(new Error('no keychain in this test')),
      cairnCommand: null,
      env: { AWS_CONFIG_FILE: '/nonexistent/cairn-plumbing-test/config' },
      homedir: '/nonexistent/cairn-plumbing-test'
    }),
    journey: journeyStore('/nonexistent/cairn-plumbing-test'),
    guide: createGuideService({ practice: () => null })
  }
}
