import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { FuseV1Options } from '@electron/fuses'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../support/build'

/**
 * Checklist item 19, the fuses: electron-builder flips them at package time from
 * electron-builder.yml. Parsed with js-yaml, the parser electron-builder itself reads that file
 * with (a dependency of electron-builder; it ships no types, hence the require).
 */

const require = createRequire(import.meta.url)
const yaml = require('js-yaml') as { load(text: string): unknown }

interface BuilderConfig {
  asar?: boolean
  electronFuses?: Record<string, unknown>
  files?: string[]
}

const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const fuses = config.electronFuses ?? {}

/** FuseV1Options.RunAsNode is the config key runAsNode, and so on. */
const configKey = (name: string) => name[0]!.toLowerCase() + name.slice(1)
const fuseNames = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)))

describe('the Electron fuses in electron-builder.yml', () => {
  it.each([
    ['runAsNode', false, 'ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node that runs any script'],
    ['enableNodeOptionsEnvironmentVariable', false, 'NODE_OPTIONS cannot inject code or flags'],
    ['enableNodeCliInspectArguments', false, '--inspect and SIGUSR1 cannot attach a debugger to main'],
    ['enableEmbeddedAsarIntegrityValidation', true, 'a modified app.asar is refused'],
    ['onlyLoadAppFromAsar', true, 'main loads only from the (validated) asar, not a folder placed next to it'],
    ['enableCookieEncryption', true, 'the console windows’ cookie jars are encrypted on disk'],
    ['grantFileProtocolExtraPrivileges', false, 'file:// pages get no more than a browser gives them'],
    ['loadBrowserProcessSpecificV8Snapshot', false, 'main uses the one V8 snapshot the app ships']
  ] as const)('sets %s to %s: %s', (key, value, _why) => {
    expect(fuses[key]).toBe(value)
  })

  it('decides every fuse Electron has, so a new one is a decision and not a default', () => {
    expect(fuseNames.length).toBeGreaterThanOrEqual(8)
    for (const name of fuseNames) expect(typeof fuses[configKey(name)], configKey(name)).toBe('boolean')
  })

  it('keeps the app in an asar archive, which the asar fuses rely on', () => {
    expect(config.asar).not.toBe(false)
    expect(config.files).toContain('out/**')
  })
})
