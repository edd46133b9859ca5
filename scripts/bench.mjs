// `npm run bench`: bundles each bench/*.bench.ts with esbuild into a temp dir and runs them one
// after another with Node. Packages stay external and resolve from this project's node_modules.
import { build } from 'esbuild'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const benchDir = path.join(root, 'bench')
const only = process.argv.slice(2)
const entries = readdirSync(benchDir)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((o) => name.includes(o)))
  .sort()

const outDir = mkdtempSync(path.join(tmpdir(), 'cairn-bench-'))
let failed = 0
try {
  for (const entry of entries) {
    const outfile = path.join(outDir, entry.replace(/\.ts$/, '.cjs'))
    await build({
      entryPoints: [path.join(benchDir, entry)],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      packages: 'external',
      logLevel: 'warning'
    })
    console.log(`\n▶ ${entry}`)
    const result = spawnSync(process.execPath, [outfile], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') }
    })
    if (result.status !== 0) failed++
  }
} finally {
  rmSync(outDir, { recursive: true, force: true })
}
if (entries.length === 0) console.log('No bench/*.bench.ts files.')
process.exit(failed === 0 ? 0 : 1)
