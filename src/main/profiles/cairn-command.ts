import { existsSync } from 'node:fs'
import path from 'node:path'
import { CLI_MARKER } from '../../shared/cli-marker'

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
 * `cairn` as the app runs it.
 *
 * From a checkout (npm start): Node, which npm names in npm_node_execpath, and the project's
 * bin/cairn.js.
 *
 * Installed, the app has no Node of its own and its Electron binary may not act as one (the
 * runAsNode fuse is off), so the command is the app binary itself with the marker that makes
 * its main process run the command line. It must outlive this launch:
 * - macOS: the binary inside Cairn.app (updates replace the bundle in place). A copy macOS runs
 *   from a random translocated folder (opened from Downloads, never moved) has no lasting path:
 *   null, until the app is moved to Applications.
 * - Windows: the installed Cairn.exe (updates install into the same folder).
 * - Linux AppImage: the .AppImage file itself (APPIMAGE), since process.execPath points into a
 *   mount that changes with every launch.
 * - Linux deb: /opt/Cairn/cairn, process.execPath.
 * When the app moves or updates somewhere else, the next start writes the profiles again
 * (ProfilesService.rewriteIfCommandChanged).
 */
export function cairnCommandForApp(input: {
  isPackaged: boolean
  appPath: string
  env: Environment
  /** The running binary; process.execPath by default. */
  execPath?: string
  platform?: NodeJS.Platform
  exists?: (file: string) => boolean
}): string[] | null {
  const exists = input.exists ?? existsSync
  const platform = input.platform ?? process.platform
  if (input.isPackaged) {
    const binary = installedBinary(input.execPath ?? process.execPath, input.env, platform, exists)
    return binary === null ? null : [binary, CLI_MARKER]
  }
  const fromNpm = input.env['npm_node_execpath']
  const node = fromNpm && path.isAbsolute(fromNpm) && exists(fromNpm) ? fromNpm : nodeOnPath(input.env, platform, exists)
  const script = path.join(input.appPath, 'bin', 'cairn.js')
  return node && exists(script) ? [node, script] : null
}

function installedBinary(execPath: string, env: Environment, platform: NodeJS.Platform, exists: (file: string) => boolean): string | null {
  const absolute = platform === 'win32' ? path.win32.isAbsolute : path.posix.isAbsolute
  if (platform === 'linux') {
    const appImage = env['APPIMAGE']
    if (appImage) return absolute(appImage) && exists(appImage) ? appImage : null
  }
  if (platform === 'darwin' && execPath.includes('/AppTranslocation/')) return null
  return absolute(execPath) ? execPath : null
}
