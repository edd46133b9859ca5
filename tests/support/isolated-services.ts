import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import type { ServicesInput } from '../../src/main/services'
import type { EmbeddedPractice } from '../../src/practice'
import { repoRoot } from './build'

/** A test's own Cairn data folder, home (with .aws/config) and keychain service: nothing of the user's is touched. */
export interface IsolatedPlace {
  root: string
  dataDir: string
  home: string
  configFile: string
  vaultService: string
}

export function isolatedPlace(prefix: string): IsolatedPlace {
  const root = mkdtempSync(path.join(tmpdir(), `${prefix}-`))
  const home = path.join(root, 'home')
  return { root, dataDir: path.join(root, 'data'), home, configFile: path.join(home, '.aws', 'config'), vaultService: `Cairn-${prefix}-${randomUUID()}` }
}

/** The real services' input, pointed at the place, with fast retries and the checkout's `cairn`. */
export function isolatedServicesInput(practice: EmbeddedPractice, place: IsolatedPlace, extra: Partial<ServicesInput> = {}): ServicesInput {
  return {
    name: 'Cairn',
    version: '0.0.0-test',
    versions: { node: process.versions.node },
    practice,
    dataDir: place.dataDir,
    homedir: place.home,
    awsEnv: { AWS_CONFIG_FILE: place.configFile, AWS_SHARED_CREDENTIALS_FILE: path.join(place.home, '.aws', 'credentials'), HOME: place.home },
    vaultService: place.vaultService,
    cairnCommand: [process.execPath, path.join(repoRoot, 'bin', 'cairn.js')],
    applyTuning: { retry: { baseDelayMs: 10, maxDelayMs: 100 }, newKeyVisibleAfterMs: 0 },
    ...extra
  }
}
