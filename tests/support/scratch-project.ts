import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repoRoot } from './build'

/**
 * A copy of the checkout in a temp folder, as a fresh clone after `npm install` looks: the
 * project's own files copied, every installed package linked from this checkout, except
 * node_modules/electron, which is a real copy of the npm package without its binary. Whatever
 * a test does to Electron or to out/ stays in the copy.
 */
export interface ScratchProject {
  dir: string
  /** node_modules/electron of the copy. */
  electronDir: string
  remove(): void
}

const projectFiles = [
  'package.json',
  'package-lock.json',
  'electron.vite.config.ts',
  'tsconfig.json',
  'tsconfig.base.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
  'tsconfig.e2e.json',
  'electron-builder.yml'
]
const projectFolders = ['src', 'scripts', 'bin', 'resources']

export function scratchProject(): ScratchProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'cairn-clone-'))
  for (const file of projectFiles) if (existsSync(path.join(repoRoot, file))) cpSync(path.join(repoRoot, file), path.join(dir, file))
  for (const folder of projectFolders) cpSync(path.join(repoRoot, folder), path.join(dir, folder), { recursive: true })

  const modules = path.join(dir, 'node_modules')
  mkdirSync(modules)
  for (const name of readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (name === 'electron' || name === '.vite' || name === '.tsc') continue
    symlinkSync(path.join(repoRoot, 'node_modules', name), path.join(modules, name))
  }
  const source = path.join(repoRoot, 'node_modules', 'electron')
  const electronDir = path.join(modules, 'electron')
  mkdirSync(electronDir)
  const manifest = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8')) as { files: string[] }
  for (const file of ['package.json', ...manifest.files]) if (existsSync(path.join(source, file))) cpSync(path.join(source, file), path.join(electronDir, file))
  return { dir, electronDir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** What the stand-in wrote when it ran. */
export interface StandInRecord {
  argv: string[]
  cwd: string
  env: Record<string, string>
  /** package.json's main, and whether that file existed when Electron was started. */
  main: { entry: string; exists: boolean }
  /** The dev server's answer for ELECTRON_RENDERER_URL, when electron-vite dev gave one. */
  renderer: { status: number; body: string } | null
}

/**
 * A small executable that stands in for Electron's: it records its arguments, environment and
 * working folder next to itself (and, under `npm run dev`, fetches the renderer's dev server
 * URL it was given), then exits 0.
 */
export const standInSource = `#!/usr/bin/env node
const fs = require('node:fs')
const path = require('node:path')
const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8'))
const record = {
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  main: { entry: pkg.main, exists: fs.existsSync(path.resolve(process.cwd(), pkg.main)) },
  renderer: null
}
const done = () => fs.writeFileSync(__filename + '.record.json', JSON.stringify(record))
const url = process.env.ELECTRON_RENDERER_URL
if (url) {
  fetch(url).then(async (response) => { record.renderer = { status: response.status, body: await response.text() }; done() }, (error) => { record.renderer = { status: 0, body: String(error) }; done() })
} else done()
`

/** Puts the stand-in exactly where a successful download leaves Electron: dist/electron and path.txt. */
export function placeStandIn(electronDir: string): string {
  const executable = path.join(electronDir, 'dist', 'electron')
  mkdirSync(path.dirname(executable), { recursive: true })
  writeFileSync(executable, standInSource)
  chmodSync(executable, 0o755)
  writeFileSync(path.join(electronDir, 'path.txt'), 'electron')
  return executable
}

export function readStandInRecord(executable: string): StandInRecord | null {
  const file = `${executable}.record.json`
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StandInRecord) : null
}
