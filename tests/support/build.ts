import { existsSync } from 'node:fs'
import path from 'node:path'

export const repoRoot = path.resolve(__dirname, '../..')

/** The built renderer; `npm test` builds before running tests (scripts/test.mjs). */
export function builtRendererDir(): string {
  const dir = path.join(repoRoot, 'out/renderer')
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` first (npm test does this for you).')
  }
  return dir
}

export function builtPreloadFile(): string {
  const file = path.join(repoRoot, 'out/preload/index.cjs')
  if (!existsSync(file)) throw new Error('out/preload/index.cjs is missing: run `npm run build` first (npm test does this for you).')
  return file
}
