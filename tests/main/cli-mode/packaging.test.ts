import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { minimatch } from 'minimatch'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/build'

/**
 * What the installed app needs to act as `cairn` (Cairn --cairn-cli …): its command line in the
 * package, keytar loadable from outside the asar, and the fuses that keep it from being Node.
 */
// js-yaml ships no types; electron-builder itself reads its config with it.
const { load } = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown }

interface BuilderConfig {
  files: string[]
  asarUnpack: string[]
  electronFuses: Record<string, boolean>
}

const config = load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as BuilderConfig

/** electron-builder's reading of `files`: any pattern includes, any `!` pattern excludes (dot files too). */
function packaged(file: string): boolean {
  const match = (pattern: string) => minimatch(file, pattern, { dot: true })
  const positive = config.files.filter((pattern) => !pattern.startsWith('!'))
  const negative = config.files.filter((pattern) => pattern.startsWith('!')).map((pattern) => pattern.slice(1))
  return positive.some(match) && !negative.some(match)
}

const unpacked = (file: string) => config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true }))

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

describe('the package of an installed Cairn', () => {
  it('holds the main process with the command line it runs, and the Node build of the command line', () => {
    for (const file of [
      'out/main/index.js',
      'out/main/chunks/credential-process-AbC123.js',
      'out/main/chunks/main-AbC123.js',
      'out/cli/cairn.cjs',
      'out/cli/credential-process.cjs',
      'bin/cairn.js',
      'package.json'
    ]) {
      expect(packaged(file), file).toBe(true)
    }
    expect(packaged('out/main/index.js.map')).toBe(false)
    expect(packaged('src/main/index.ts')).toBe(false)
  })

  it('ships keytar as a production dependency, unpacked from the asar so its native module loads', () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
      optionalDependencies?: Record<string, string>
    }
    expect(pkg.dependencies?.['keytar'] ?? pkg.optionalDependencies?.['keytar']).toBeDefined()
    expect(unpacked('node_modules/keytar/build/Release/keytar.node')).toBe(true)
    expect(unpacked('node_modules/keytar/lib/keytar.js')).toBe(true)
    expect(unpacked('out/main/index.js')).toBe(false)
  })

  it('keeps the fuses: the binary never acts as Node, takes no --inspect or NODE_OPTIONS, loads only its asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true
    })
  })

  it('has a main bundle that takes keytar from node_modules instead of carrying a copy of its native module', () => {
    const outMain = path.join(repoRoot, 'out/main')
    if (!existsSync(outMain)) throw new Error('out/main is missing: run `npx electron-vite build` first (npm test builds it).')
    const files = filesUnder(outMain)
    expect(files.filter((file) => file.endsWith('.node'))).toEqual([])
    const code = files.filter((file) => file.endsWith('.js')).map((file) => readFileSync(file, 'utf8'))
    expect(code.some((text) => /require\("keytar"\)|import\("keytar"\)/.test(text))).toBe(true)
  })
})
