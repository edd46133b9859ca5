import type { AppInfo, KeychainStatus } from '../../shared/contract'

export interface AppInfoSource {
  name: string
  version: string
  platform: NodeJS.Platform
  arch: string
  versions: { node: string; electron?: string; chrome?: string }
  keychain(): Promise<KeychainStatus>
}

export async function readAppInfo(source: AppInfoSource): Promise<AppInfo> {
  return {
    name: source.name,
    version: source.version,
    platform: source.platform,
    arch: source.arch,
    versions: source.versions,
    keychain: await source.keychain()
  }
}
