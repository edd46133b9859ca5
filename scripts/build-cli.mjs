// Bundles the `cairn` command line (plain Node, no Electron) into out/cli/cairn.cjs.
// Packages stay external: they are installed next to it (node_modules, or the app's asar).
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

await build({
  entryPoints: [path.join(root, 'src/cli/index.ts')],
  outfile: path.join(root, 'out/cli/cairn.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning'
})
