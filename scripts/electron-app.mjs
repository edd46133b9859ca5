// `npm start` (electron-app.mjs preview) and `npm run dev` (electron-app.mjs dev): a Node that can
// run the toolchain, Electron's binary (downloaded once), the `cairn` command line the app writes
// into profiles, then electron-vite with the binary named in ELECTRON_EXEC_PATH.
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ElectronUnavailable, ensureElectron } from './electron-binary.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const [mode, ...rest] = process.argv.slice(2)
if (mode !== 'preview' && mode !== 'dev') {
  console.error('usage: node scripts/electron-app.mjs preview|dev [electron-vite options]')
  process.exit(2)
}

const wanted = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node.replace(/^>=\s*/, '')
const [wantMajor, wantMinor] = wanted.split('.').map(Number)
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
  console.error(
    `Cairn needs Node.js ${wanted} or newer to start; this is Node.js ${process.version}.\n` +
      `Install Node.js ${wantMajor} LTS (the version in .node-version), then run npm install and this command again.`
  )
  process.exit(1)
}

let executable
try {
  executable = await ensureElectron(root, { command: mode === 'dev' ? 'npm run dev' : 'npm start' })
} catch (error) {
  if (!(error instanceof ElectronUnavailable)) throw error
  console.error(`\n${error.message}`)
  process.exit(1)
}

const cli = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'inherit' })
if (cli.status !== 0) process.exit(cli.status ?? 1)

const child = spawn(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), mode, ...rest], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: executable }
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
