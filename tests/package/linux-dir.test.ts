import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cairnCommandForApp, credentialProcessArgv } from '../../src/main/profiles/cairn-command'
import { repoRoot } from '../support/build'

/**
 * The Linux app packaged as electron-builder's `dir` target (the unpacked tree every AppImage
 * and deb contains), from this checkout's build and electron-builder.yml, against a stand-in
 * Electron directory: these machines cannot download Electron's zip. What a user installs is
 * then checked: the archive's contents, every package the entries require, keytar's native
 * binding outside the archive against the real keyring, the installed command, the fuses.
 */

const requireHere = createRequire(import.meta.url)
const asar = requireHere('@electron/asar') as { listPackage(archive: string, options: object): string[]; extractAll(archive: string, dest: string): void }
const fuses = requireHere('@electron/fuses') as { getCurrentFuseWire(file: string): Promise<Record<number | 'version', number | string>> }

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Electron's own fuse states before packaging (RunAsNode on, cookie encryption off, NODE_OPTIONS
// and --inspect on, no asar integrity, any app folder, no browser snapshot, file: privileges):
// each fuse the README promises starts on the other side.
const ELECTRON_DEFAULT_WIRE = '10110001'
const FUSE = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5
} as const
const ON = 49
const OFF = 48

interface Packaged {
  work: string
  /** linux-unpacked: what /opt/Cairn holds once the deb is installed. */
  appDir: string
  resources: string
  /** app.asar extracted, with app.asar.unpacked over it, as Electron's fs sees the archive. */
  tree: string
}

let packaged: Packaged

/** An executable where Electron's would be, carrying a fuse wire in Electron's layout for electron-builder to flip. */
function standInElectronDist(dir: string): void {
  mkdirSync(path.join(dir, 'locales'), { recursive: true })
  mkdirSync(path.join(dir, 'resources'))
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: $0 $*"\nexit 0\n# ')
  writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([script, Buffer.from(SENTINEL), Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]), Buffer.from(ELECTRON_DEFAULT_WIRE), Buffer.from('\n')])
  )
  chmodSync(path.join(dir, 'electron'), 0o755)
  const version = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version
  writeFileSync(path.join(dir, 'version'), version)
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in')
  writeFileSync(path.join(dir, 'locales', 'en-US.pak'), 'stand-in')
}

function electronBuilder(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/electron-builder/cli.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

function sizeOf(target: string): number {
  const stats = statSync(target)
  return stats.isDirectory() ? readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0) : stats.size
}

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, 'out/main/index.js')) || !existsSync(path.join(repoRoot, 'out/cli/cairn.cjs'))) {
    throw new Error('out/ is missing: run `npm run build` first (npm test does this for you).')
  }
  const work = mkdtempSync(path.join(tmpdir(), 'cairn-package-'))
  const dist = path.join(work, 'electron-dist')
  standInElectronDist(dist)
  const output = path.join(work, 'dist')
  const built = await electronBuilder(['--linux', 'dir', '--publish', 'never', `-c.electronDist=${dist}`, `-c.directories.output=${output}`])
  if (built.code !== 0) throw new Error(`electron-builder failed (exit ${built.code}):\n${built.output}`)
  const appDir = path.join(output, 'linux-unpacked')
  const resources = path.join(appDir, 'resources')
  const tree = path.join(work, 'tree')
  asar.extractAll(path.join(resources, 'app.asar'), tree)
  cpSync(path.join(resources, 'app.asar.unpacked'), tree, { recursive: true })
  packaged = { work, appDir, resources, tree }
  console.log(
    `packaged tree: ${(sizeOf(appDir) / 1e6).toFixed(1)} MB (stand-in Electron ${sizeOf(dist)} bytes), app.asar ${(statSync(path.join(resources, 'app.asar')).size / 1e6).toFixed(1)} MB, ` +
      `app.asar.unpacked ${(sizeOf(path.join(resources, 'app.asar.unpacked')) / 1e3).toFixed(0)} kB, ${readdirSync(path.join(tree, 'node_modules')).length} top-level packages`
  )
}, 300_000)
afterAll(() => {
  if (packaged) rmSync(packaged.work, { recursive: true, force: true })
})

/** Bare package names a built file requires or imports (node: builtins and relative paths left out). */
function requiredPackages(file: string): string[] {
  const source = readFileSync(file, 'utf8')
  const names = new Set<string>()
  for (const match of source.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
    const specifier = match[1]!
    if (specifier.startsWith('node:') || specifier === 'electron') continue
    names.add(specifier)
  }
  return [...names]
}

function builtFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return builtFiles(full)
    return /\.(c?js)$/.test(name) ? [full] : []
  })
}

function runEntry(args: string[], env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, args, {
    cwd: packaged.tree,
    env: { PATH: process.env['PATH'] ?? '', ...keyringEnv(), ...env },
    encoding: 'utf8',
    timeout: 60_000
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** The private keyring session npm test runs in. */
function keyringEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME']) if (process.env[name]) env[name] = process.env[name]!
  return env
}

describe('the Linux package', () => {
  it('holds out/main, out/preload, out/renderer, out/cli and bin in app.asar, and nothing of the sources', () => {
    const files = asar.listPackage(path.join(packaged.resources, 'app.asar'), { isPack: false }).map((file) => file.replace(/\\/g, '/'))
    for (const file of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
      '/out/cli/cairn.cjs',
      '/out/cli/credential-process.cjs',
      '/bin/cairn.js'
    ]) {
      expect(files, file).toContain(file)
    }
    expect(files.some((file) => file.startsWith('/out/renderer/assets/') && file.endsWith('.js'))).toBe(true)
    expect(files.filter((file) => file.startsWith('/src/') || file.startsWith('/tests/') || file.endsWith('.map'))).toEqual([])
    expect(files.filter((file) => /^\/node_modules\/(electron|vitest|@playwright|typescript|electron-builder|vite)\//.test(file))).toEqual([])
  })

  it('holds every package the main entry and the command line require, resolved from inside the package', () => {
    const missing: string[] = []
    const files = [...builtFiles(path.join(packaged.tree, 'out/main')), ...builtFiles(path.join(packaged.tree, 'out/cli'))]
    let checked = 0
    for (const file of files) {
      const resolveFrom = createRequire(file)
      for (const name of requiredPackages(file)) {
        checked++
        try {
          const resolved = resolveFrom.resolve(name)
          if (!resolved.startsWith(packaged.tree))
            missing.push(`${name} (from ${path.relative(packaged.tree, file)}) resolved outside the package: ${resolved}`)
        } catch {
          missing.push(`${name} (from ${path.relative(packaged.tree, file)})`)
        }
      }
    }
    expect(checked).toBeGreaterThan(20)
    expect(missing).toEqual([])
  })

  it('loads the main entry as the app, up to its window, and as the command line, with a stand-in electron module', () => {
    const home = mkdtempSync(path.join(packaged.work, 'home-'))
    const hook = path.join(repoRoot, 'tests/fixtures/package/stand-in-electron.cjs')
    const env = (record: string) => ({
      HOME: home,
      CAIRN_STAND_IN_RECORD: record,
      CAIRN_STAND_IN_USER_DATA: path.join(home, 'user-data'),
      CAIRN_STAND_IN_APP_PATH: packaged.tree,
      CAIRN_STAND_IN_RESOURCES: packaged.resources
    })
    mkdirSync(path.join(home, 'user-data'))

    const asApp = path.join(home, 'app.json')
    const app = runEntry(['-r', hook, 'out/main/index.js'], env(asApp))
    const appRecord = JSON.parse(readFileSync(asApp, 'utf8')) as { window: boolean; error: string | null; calls: string[] }
    expect(appRecord.error, app.stderr).toBeNull()
    expect(app.code).toBe(0)
    expect(appRecord.window).toBe(true)
    // The services, handlers and IPC wiring are loaded lazily after ready: they ran.
    expect(appRecord.calls).toEqual(expect.arrayContaining(['ipcMain.handle', 'protocol.handle', 'new Tray']))

    const asCli = path.join(home, 'cli.json')
    const cli = runEntry(['-r', hook, 'out/main/index.js', '--cairn-cli', 'roles', '--json'], env(asCli))
    expect((JSON.parse(readFileSync(asCli, 'utf8')) as { error: string | null }).error).toBeNull()
    expect(cli.code, cli.stderr).toBe(0)
    expect(JSON.parse(cli.stdout)).toMatchObject({ accountId: null, roles: [] })

    const credentialProcess = runEntry(['-r', hook, 'out/main/index.js', '--cairn-cli', 'credential-process', '--help'], env(path.join(home, 'cp.json')))
    expect(credentialProcess.code, credentialProcess.stderr).toBe(0)
    expect(credentialProcess.stdout).toMatch(/credential-process/)
  })

  it('runs bin/cairn.js from the package under Node', () => {
    const home = mkdtempSync(path.join(packaged.work, 'home-'))
    const roles = runEntry(['bin/cairn.js', 'roles', '--json'], { HOME: home })
    expect(roles.code, roles.stderr).toBe(0)
    expect(JSON.parse(roles.stdout)).toMatchObject({ roles: [] })
    const help = runEntry(['bin/cairn.js', 'credential-process', '--help'], { HOME: home })
    expect(help.code, help.stderr).toBe(0)
  })

  it('keeps keytar outside the archive, and its native binding from there talks to the real keyring', () => {
    const keytarDir = path.join(packaged.resources, 'app.asar.unpacked/node_modules/keytar')
    expect(existsSync(path.join(keytarDir, 'build/Release/keytar.node'))).toBe(true)
    const service = `Cairn package test ${randomUUID()}`
    const script = `
      const keytar = require(${JSON.stringify(keytarDir)})
      const binding = Object.keys(require.cache).find((file) => file.endsWith('keytar.node'))
      ;(async () => {
        await keytar.setPassword(process.argv[1], 'probe', 'stand-in secret')
        const read = await keytar.getPassword(process.argv[1], 'probe')
        const deleted = await keytar.deletePassword(process.argv[1], 'probe')
        console.log(JSON.stringify({ binding, read, deleted, after: await keytar.getPassword(process.argv[1], 'probe') }))
      })().catch((error) => { console.error(error); process.exit(1) })
    `
    const run = runEntry(['-e', script, service], {})
    expect(run.code, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ binding: path.join(keytarDir, 'build/Release/keytar.node'), read: 'stand-in secret', deleted: true, after: null })
  })

  it('names, in the profiles an installed Cairn writes, a binary that is in the package', () => {
    // The deb installs linux-unpacked as /opt/Cairn; the app then runs as /opt/Cairn/cairn.
    const installed = '/opt/Cairn'
    const command = cairnCommandForApp({
      isPackaged: true,
      appPath: `${installed}/resources/app.asar`,
      execPath: `${installed}/cairn`,
      env: {},
      platform: 'linux',
      exists: () => true
    })
    expect(command).not.toBeNull()
    const argv = credentialProcessArgv(command!, 'dev')
    expect(argv.slice(1)).toEqual(['--cairn-cli', 'credential-process', 'dev'])
    const binary = path.join(packaged.appDir, path.relative(installed, argv[0]!))
    expect(existsSync(binary), binary).toBe(true)
    expect(statSync(binary).mode & 0o111).not.toBe(0)
    // electron-builder put the Electron binary there under that name (the stand-in's own text).
    expect(readFileSync(binary, 'latin1')).toContain('stand-in Electron')
  })

  it('has the fuses flipped as the README promises', async () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8').replace(/\s+/g, ' ')
    expect(readme).toContain(
      "Electron's fuses are flipped at package time: no `ELECTRON_RUN_AS_NODE`, no `NODE_OPTIONS`, no `--inspect`, cookie encryption on, asar integrity validation on, and the app loads only from its asar"
    )
    const wire = await fuses.getCurrentFuseWire(path.join(packaged.appDir, 'cairn'))
    expect({
      runAsNode: wire[FUSE.runAsNode],
      enableNodeOptionsEnvironmentVariable: wire[FUSE.enableNodeOptionsEnvironmentVariable],
      enableNodeCliInspectArguments: wire[FUSE.enableNodeCliInspectArguments],
      enableCookieEncryption: wire[FUSE.enableCookieEncryption],
      enableEmbeddedAsarIntegrityValidation: wire[FUSE.enableEmbeddedAsarIntegrityValidation],
      onlyLoadAppFromAsar: wire[FUSE.onlyLoadAppFromAsar]
    }).toEqual({
      runAsNode: OFF,
      enableNodeOptionsEnvironmentVariable: OFF,
      enableNodeCliInspectArguments: OFF,
      enableCookieEncryption: ON,
      enableEmbeddedAsarIntegrityValidation: ON,
      onlyLoadAppFromAsar: ON
    })
  })
})
