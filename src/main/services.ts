import type { Services } from './handlers'
import type { EmbeddedPractice } from './practice/embedded'
import { probeKeychain, type KeytarLoader } from './vault/keychain-probe'

export interface ServicesInput {
  name: string
  version: string
  versions: { node: string; electron?: string; chrome?: string }
  platform?: NodeJS.Platform
  arch?: string
  loadKeytar?: KeytarLoader
  practice: EmbeddedPractice
}

/** Builds the real services from plain Node parts; the Electron shell and the e2e tests share it. */
export function createServices(input: ServicesInput): Services {
  const platform = input.platform ?? process.platform
  return {
    appInfo: {
      name: input.name,
      version: input.version,
      platform,
      arch: input.arch ?? process.arch,
      versions: input.versions,
      keychain: () => probeKeychain({ platform, ...(input.loadKeytar ? { load: input.loadKeytar } : {}) })
    },
    practice: input.practice
  }
}
