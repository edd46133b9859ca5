import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { repoRoot } from '../support/build'

/**
 * `cairn` built the way scripts/build-cli.mjs builds it, into a folder inside this project's
 * node_modules so its external packages (keytar, the SDK) resolve as they do for bin/cairn.js.
 */
export async function buildCliBundle(): Promise<{ file: string; remove(): void }> {
  const folder = path.join(repoRoot, 'node_modules', '.cache', 'cairn-cli-tests', randomUUID())
  mkdirSync(folder, { recursive: true })
  const file = path.join(folder, 'cairn.cjs')
  await build({
    entryPoints: [path.join(repoRoot, 'src/cli/index.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    packages: 'external',
    logLevel: 'silent'
  })
  return { file, remove: () => rmSync(folder, { recursive: true, force: true }) }
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs the bundle as a process, with exactly `env` (plus nothing of this process's). */
export function runCli(file: string, args: string[], env: Record<string, string>, options: { input?: string; nodeArgs?: string[] } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [...(options.nodeArgs ?? []), file, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    })
    child.stdin?.end(options.input ?? '')
  })
}
