import path from 'node:path'
import { CLI_MARKER } from '../../shared/cli-marker'

/**
 * The packaged app is also the `cairn` command: `Cairn --cairn-cli credential-process dev`.
 * Its Electron binary may not run as plain Node (the runAsNode fuse is off), so the AWS
 * config profiles of an installed Cairn run the app binary itself, and the main process turns
 * into the command line before it does anything else.
 *
 * Nothing but the person (or the AWS CLI) that starts the process can put the marker there:
 * - The renderer cannot start processes. No IPC channel runs a command, and the app never
 *   calls app.relaunch(); shell.openExternal takes AWS https pages only.
 * - A URL or protocol launch hands the URL over as one argument. The marker counts only as a
 *   whole argument of its own, and only before anything that is not a switch: a URL, a file or
 *   `--` ahead of it means the app was given something to open, and it starts as the app.
 * - A second start while the app runs reaches the running app's `second-instance` event,
 *   which ignores its arguments; a command-line process never asks for the single-instance
 *   lock, so it neither signals nor focuses the running app.
 */
export { CLI_MARKER }

/** Chromium reads `-name`, `--name` and `--name=value` as switches (the marker is one too). */
const switchPattern = /^--?[A-Za-z]/
/** Finder added `-psn_0_123456` to apps it launched (macOS before 10.9, and some launchers still). */
const processSerialNumber = /^-psn_\d+_\d+$/

export interface CliModeOptions {
  /**
   * Electron's process.defaultApp: started as `electron .` or `electron out/main/index.js`
   * (a checkout), so the argument after the binary is the app, not the user's.
   */
  defaultApp?: boolean
}

/**
 * The `cairn` arguments when this process was started as the command line, else null.
 *
 * argv is the main process's process.argv: the binary, then (defaultApp) the app's path, then
 * what the user typed. Switches ahead of the marker do not hide it; they are handed on with the
 * command's arguments, so the command refuses them like any argument it does not know.
 */
export function cliModeArgs(argv: readonly string[], options: CliModeOptions = {}): string[] | null {
  const leading: string[] = []
  let appPathToSkip = options.defaultApp === true
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === CLI_MARKER) return [...leading, ...argv.slice(i + 1)]
    if (processSerialNumber.test(arg)) continue
    // Chromium stops reading switches at `--`: whatever follows is data, never Cairn's marker.
    if (arg === '--') return null
    if (switchPattern.test(arg)) {
      leading.push(arg)
      continue
    }
    if (appPathToSkip) {
      appPathToSkip = false
      continue
    }
    return null
  }
  return null
}

/**
 * Switches of the browser engine (Chromium, Electron, Node's inspector) that change how the
 * process runs: its sandbox, a debugging port, feature flags, logging, helper launchers. A
 * command-line run of Cairn refuses them instead of running with them; `cairn`'s own options
 * (--json, --code, --endpoint, ...) never look like these.
 */
const engineSwitchNames = new Set([
  'inspect',
  'inspect-brk',
  'inspect-port',
  'debug',
  'debug-brk',
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'js-flags',
  'no-sandbox',
  'no-zygote',
  'single-process',
  'in-process-gpu',
  'user-data-dir',
  'proxy-server',
  'proxy-pac-url',
  'proxy-bypass-list',
  'host-rules',
  'host-resolver-rules',
  'log-file',
  'log-level',
  'v',
  'vmodule',
  'lang',
  'load-extension',
  'browser-subprocess-path',
  'gpu-launcher',
  'renderer-cmd-prefix',
  'utility-cmd-prefix',
  'gpu-cmd-prefix',
  'ppapi-plugin-launcher',
  'wait-for-debugger-children',
  'trace-startup',
  // Node's options that Electron passes on from its own command line.
  'trace-warnings',
  'trace-deprecation',
  'throw-deprecation',
  'max-http-header-size',
  'dns-result-order',
  'secure-heap'
])
/** Chromium's flag families: on, off, forced, allowed, ignored, and Electron's own. */
const engineSwitchPrefixes = ['enable-', 'disable-', 'force-', 'allow-', 'ignore-', 'no-', 'remote-debugging', 'inspect', 'js-', 'electron-']

/** The first argument that is a browser-engine switch, or null. */
export function engineSwitchIn(args: readonly string[]): string | null {
  for (const arg of args) {
    const match = /^--?([A-Za-z][\w.-]*)(?:=|$)/.exec(arg)
    if (!match) continue
    const name = match[1]!.toLowerCase()
    if (engineSwitchNames.has(name) || engineSwitchPrefixes.some((prefix) => name.startsWith(prefix))) return arg
  }
  return null
}

/**
 * Where the command-line process keeps Electron's own files (Local State, caches): a folder of
 * its own inside the app's userData, so it never writes the files a running app has open.
 * Cairn's data (the account registry) is not affected: the command line finds it by itself.
 */
export function cliEngineDataDir(userData: string): string {
  return path.join(userData, 'Command Line')
}
