import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * The command line that runs `cairn`, as credential_process needs it: absolute paths only,
 * because the AWS CLI runs it from whatever directory and PATH the user's shell has.
 */

type Environment = Readonly<Record<string, string | undefined>>

/** `cairn credential-process ROLE` (or `--active` for the `cairn` profile that follows the active role). */
export function credentialProcessArgv(cairn: readonly string[], role: string | 'active'): string[] {
  return [...cairn, 'credential-process', role === 'active' ? '--active' : role]
}

/** The first `node` on PATH, as an absolute path; null when there is none. */
export function nodeOnPath(env: Environment, platform: NodeJS.Platform = process.platform, exists: (file: string) => boolean = existsSync): string | null {
  const names = platform === 'win32' ? ['node.exe'] : ['node']
  const separator = platform === 'win32' ? ';' : ':'
  for (const folder of (env['PATH'] ?? env['Path'] ?? '').split(separator)) {
    if (!path.isAbsolute(folder)) continue
    for (const name of names) {
      const candidate = path.join(folder, name)
      if (exists(candidate)) return candidate
    }
  }
  return null
}

/**
 * `cairn` as the app runs it. From a checkout (npm start): Node, which npm names in
 * npm_node_execpath, and the project's bin/cairn.js. A packaged app has no Node of its own and
 * its Electron binary refuses to act as one (the runAsNode fuse is off), so it returns null
 * until the package ships a runnable `cairn`.
 */
export function cairnCommandForApp(input: {
  isPackaged: boolean
  appPath: string
  env: Environment
  platform?: NodeJS.Platform
  exists?: (file: string) => boolean
}): string[] | null {
  if (input.isPackaged) return null
  const exists = input.exists ?? existsSync
  const fromNpm = input.env['npm_node_execpath']
  const node = fromNpm && path.isAbsolute(fromNpm) && exists(fromNpm) ? fromNpm : nodeOnPath(input.env, input.platform, exists)
  const script = path.join(input.appPath, 'bin', 'cairn.js')
  return node && exists(script) ? [node, script] : null
}
