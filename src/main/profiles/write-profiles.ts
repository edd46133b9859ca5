import type { AwsFilePaths } from './aws-files'
import { applyCairnProfiles, profilesShadowedByCredentialsFile, type CairnProfile, type ProfileNameConflict } from './cairn-sections'
import { ConfigFileChangedError, readConfigFile, writeConfigFile } from './config-file-writer'

export interface ProfilesWrite {
  /** The AWS config file (AWS_CONFIG_FILE, or ~/.aws/config). */
  file: string
  /** False when the file already held exactly these sections, or a conflict stopped the write. */
  written: boolean
  /** The copy made before Cairn's first change to an existing file. */
  backup: string | null
  profiles: string[]
  /** Cairn profiles the credentials file also defines: its keys would win over credential_process. */
  shadowed: string[]
  /** The user's own sections already named like Cairn's; nothing was written. */
  conflicts: ProfileNameConflict[]
}

const ATTEMPTS = 3

/**
 * Makes the config file hold exactly `profiles` as Cairn's sections, keeping every other byte.
 * When someone saves the file while Cairn works, Cairn starts over from what is there now.
 */
export async function writeCairnProfiles(
  paths: AwsFilePaths,
  profiles: CairnProfile[],
  options: { defaultProfile?: string | null } = {}
): Promise<ProfilesWrite> {
  const names = profiles.map((profile) => profile.name)
  const shadowed = await shadowedProfiles(paths, [...names, ...(options.defaultProfile ? ['default'] : [])])
  for (let attempt = 1; ; attempt++) {
    const before = await readConfigFile(paths.config)
    const result = applyCairnProfiles(before ?? '', profiles, { defaultRole: options.defaultProfile ?? null })
    if (!result.ok) return { file: paths.config, written: false, backup: null, profiles: names, shadowed, conflicts: result.conflicts }
    if (!result.changed) return { file: paths.config, written: false, backup: null, profiles: names, shadowed, conflicts: [] }
    try {
      const write = await writeConfigFile(paths.config, result.text, { expectedOriginal: before })
      return { file: paths.config, written: true, backup: write.backup, profiles: names, shadowed, conflicts: [] }
    } catch (error) {
      if (!(error instanceof ConfigFileChangedError) || attempt >= ATTEMPTS) throw error
    }
  }
}

async function shadowedProfiles(paths: AwsFilePaths, names: string[]): Promise<string[]> {
  const text = await readConfigFile(paths.credentials).catch(() => null)
  return text === null ? [] : profilesShadowedByCredentialsFile(text, names)
}
