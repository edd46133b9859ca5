import type { Services } from '../../src/main/handlers'
import type { AppInfoSource } from '../../src/main/app-info/app-info'

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

/** Services for tests about the IPC plumbing itself, not about what the services do. */
export function plumbingServices(): Services {
  return {
    appInfo: fixedAppInfoSource(),
    practice: { status: () => ({ running: false, message: 'not started in this test' }) }
  }
}
