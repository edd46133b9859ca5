// Bundles the `cairn` command line (plain Node, no Electron) into out/cli/cairn.cjs, and its
// credential-process command alone into out/cli/credential-process.cjs.
// Packages stay external: they are installed next to it (node_modules, or the app's asar).
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

await build({
  entryPoints: {
    cairn: path.join(root, 'src/cli/index.ts'),
    // What the AWS CLI runs on every call of a Cairn profile: kept small so Node starts it fast.
    'credential-process': path.join(root, 'src/cli/credential-process-entry.ts')
  },
  outdir: path.join(root, 'out/cli'),
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning'
})
