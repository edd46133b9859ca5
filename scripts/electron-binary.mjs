// Makes sure Electron's binary is on this machine before electron-vite needs it.
//
// Electron (since 43) no longer downloads its binary at install time: the first
// `require('electron')` does, writing node_modules/electron/path.txt and dist/. electron-vite reads
// path.txt itself and never requires 'electron', so on a fresh clone it stops with "Electron
// uninstall". Here the download happens with Electron's own downloader (@electron/get, the one its
// install.js uses, into the same cache), with progress, and every failure becomes one message that
// says what failed and the ways out.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const DEFAULT_HOST = 'github.com'
// Not knowable before the server answers; measured sizes of recent Electron zips.
const APPROXIMATE_SIZE = 'about 110 MB'

export class ElectronUnavailable extends Error {
  constructor(message) {
    super(message)
    this.name = 'ElectronUnavailable'
  }
}

/** The executable's path inside dist/, as Electron's install.js writes it to path.txt. */
export function platformPath(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

function electronPackage(root) {
  const require = createRequire(path.join(root, 'package.json'))
  const manifest = require.resolve('electron/package.json')
  return { dir: path.dirname(manifest), version: JSON.parse(readFileSync(manifest, 'utf8')).version, require: createRequire(manifest) }
}

/** Where the binary already is, or null: ELECTRON_EXEC_PATH, ELECTRON_OVERRIDE_DIST_PATH, then path.txt + dist/. */
export function installedElectron(root, env = process.env) {
  if (env.ELECTRON_EXEC_PATH) {
    if (existsSync(env.ELECTRON_EXEC_PATH)) return env.ELECTRON_EXEC_PATH
    throw new ElectronUnavailable(
      `ELECTRON_EXEC_PATH is ${env.ELECTRON_EXEC_PATH}, which does not exist. Point it at an Electron executable, or unset it to download Electron.`
    )
  }
  const { dir } = electronPackage(root)
  const pathFile = path.join(dir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || platformPath())
    if (existsSync(executable)) return executable
    throw new ElectronUnavailable(
      `ELECTRON_OVERRIDE_DIST_PATH is ${env.ELECTRON_OVERRIDE_DIST_PATH}, but ${executable} does not exist. Point it at an unpacked Electron ${electronPackage(root).version} folder.`
    )
  }
  if (relative === '') return null
  const executable = path.join(dir, 'dist', relative)
  return existsSync(executable) ? executable : null
}

function mirror(env) {
  return env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.ELECTRON_MIRROR || null
}

function hostOf(url) {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`

/** One line per whole 10 % (or an updating line on a terminal), so the download is never silent. */
function progressReporter(out, interactive) {
  let lastTenth = -1
  return ({ transferred, total }) => {
    const line = total ? `  ${megabytes(transferred)} of ${megabytes(total)} (${Math.floor((transferred / total) * 100)}%)` : `  ${megabytes(transferred)}`
    if (interactive) {
      out.write(`\r${line}   `)
      return
    }
    const tenth = total ? Math.floor((transferred / total) * 10) : Math.floor(transferred / 10e6)
    if (tenth !== lastTenth) {
      lastTenth = tenth
      out.write(`${line}\n`)
    }
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT'
])
const DISK = {
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a file stands where a folder should be',
  EISDIR: 'a folder stands where a file should be',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EDQUOT: 'the disk quota is used up',
  EMFILE: 'too many open files'
}
const TLS = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

function codesOf(error) {
  const codes = []
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    if (typeof e.code === 'string') codes.push(e.code)
    if (Array.isArray(e.errors)) for (const inner of e.errors) if (typeof inner?.code === 'string') codes.push(inner.code)
  }
  return codes
}

/** What failed, in words, from what @electron/get (fetch, sumchecker, fs) threw. */
export function describeFailure(error, { host, cacheDir }) {
  const codes = codesOf(error)
  const message = String(error?.message ?? error)
  const dns = codes.find((code) => code === 'ENOTFOUND' || code === 'EAI_AGAIN')
  if (dns)
    return {
      kind: 'unreachable',
      what: `${host} could not be reached: its name does not resolve on this machine (${dns}). No network, or a network that needs a proxy or a mirror.`
    }
  const down = codes.find((code) => UNREACHABLE.has(code))
  if (down) return { kind: 'unreachable', what: `${host} could not be reached (${down}). No route to it, a firewall, or a network that needs a proxy.` }
  const tls = codes.find((code) => TLS.has(code))
  if (tls)
    return {
      kind: 'tls',
      what: `the connection to ${host} was not trusted (${tls}). A proxy that inspects HTTPS needs its certificate in NODE_EXTRA_CA_CERTS.`
    }
  const status = error?.response?.status
  if (status === 404)
    return { kind: 'not-found', what: `${host} has no such file (HTTP 404). A mirror set in ELECTRON_MIRROR must hold Electron's releases in the same layout.` }
  if (typeof status === 'number') return { kind: 'http', what: `${host} answered HTTP ${status}.` }
  if (/checksum|did not match/i.test(message))
    return {
      kind: 'checksum',
      what: `the file downloaded from ${host} does not match the checksum Electron publishes for it: a corrupted download, or a mirror serving something else. Nothing was unpacked; the bad file is not kept.`
    }
  const disk = codes.find((code) => code in DISK)
  if (disk) return { kind: 'disk', what: `it could not be saved: ${DISK[disk]} (${disk}) while writing to ${cacheDir} or node_modules/electron.` }
  return { kind: 'other', what: message.split('\n')[0] }
}

function cacheDirectory(env) {
  if (env.electron_config_cache) return env.electron_config_cache
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'electron')
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'electron', 'Cache')
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'electron')
}

function failureMessage({ version, file, what, size, command }) {
  return [
    `Cairn could not download Electron ${version}, the desktop runtime that \`${command}\` opens the app in.`,
    `  What failed: ${what}`,
    `  The download: ${file}, ${size}, once per machine.`,
    'Ways out, then run the same command again:',
    `  - a mirror:  ELECTRON_MIRROR=https://your-mirror.example/electron/ ${command}`,
    `  - a proxy:   ELECTRON_GET_USE_PROXY=true HTTPS_PROXY=http://proxy.example:8080 ${command}`,
    `  - an Electron ${version} you already have, unpacked:  ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron-v${version}-${process.platform}-${process.arch} ${command}`
  ].join('\n')
}

/**
 * The Electron executable for this checkout, downloading it first when it is missing.
 * Throws ElectronUnavailable with the whole message for the user.
 */
export async function ensureElectron(root, { env = process.env, out = process.stdout, command = 'npm start' } = {}) {
  const found = installedElectron(root, env)
  if (found) return found

  const { dir, version, require } = electronPackage(root)
  const file = `electron-v${version}-${process.platform}-${process.arch}.zip`
  const source = mirror(env)
  const host = source ? hostOf(source) : DEFAULT_HOST
  const cacheDir = cacheDirectory(env)
  let size = APPROXIMATE_SIZE
  out.write(`Electron ${version} is not on this machine yet. Downloading ${file} (${size}) from ${host}, once.\n`)

  const { downloadArtifact } = await import(pathToFileURL(require.resolve('@electron/get')).href)
  const report = progressReporter(out, Boolean(out.isTTY))
  try {
    // The same artifact, checksums and cache as node_modules/electron/install.js, which then finds
    // the zip in the cache, checks it again and unpacks it.
    await downloadArtifact({
      version,
      artifactName: 'electron',
      platform: process.platform,
      arch: process.arch,
      cacheRoot: env.electron_config_cache,
      force: env.force_no_cache === 'true',
      checksums: require('./checksums.json'),
      downloadOptions: {
        quiet: true,
        getProgressCallback: (progress) => {
          if (progress.total) size = megabytes(progress.total)
          report(progress)
        }
      }
    })
  } catch (error) {
    if (out.isTTY) out.write('\n')
    throw new ElectronUnavailable(failureMessage({ version, file, size, command, what: describeFailure(error, { host, cacheDir }).what }))
  }
  if (out.isTTY) out.write('\n')

  const unpack = spawnSync(process.execPath, [path.join(dir, 'install.js')], { env, encoding: 'utf8' })
  const executable = installedElectron(root, env)
  if (unpack.status !== 0 || executable === null) {
    const output = `${unpack.stderr ?? ''}${unpack.stdout ?? ''}`
    const code = /\b(E[A-Z]{3,})\b/.exec(output)?.[1]
    const what = code
      ? describeFailure({ code, message: output }, { host, cacheDir }).what
      : `unpacking it into ${path.join(dir, 'dist')} failed: ${output.trim().split('\n')[0] || `exit ${unpack.status}`}`
    throw new ElectronUnavailable(failureMessage({ version, file, size, command, what }))
  }
  out.write(`Electron ${version} is ready: ${executable}\n`)
  return executable
}
