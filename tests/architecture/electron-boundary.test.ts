import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../support/build'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) ? [full] : []
  })
}

interface ImportStatement {
  typeOnly: boolean
  source: string
}

/** Static imports, re-exports, require() and import() calls; `import type` is erased and never loads anything. */
function importsOf(text: string): ImportStatement[] {
  const found: ImportStatement[] = []
  for (const match of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
    found.push({ typeOnly: Boolean(match[1]), source: match[2] ?? '' })
  }
  for (const match of text.matchAll(/\b(?:require|import)\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    found.push({ typeOnly: false, source: match[1] ?? '' })
  }
  return found
}

const valueImports = (rel: string) => importsOf(readFileSync(path.join(repoRoot, rel), 'utf8')).filter((i) => !i.typeOnly)

const shellFiles = new Set(['src/main/index.ts', 'src/preload/index.ts'])
const isShell = (rel: string) => shellFiles.has(rel) || rel.startsWith('src/main/shell/')

describe('the Electron boundary', () => {
  const files = sourceFiles(path.join(repoRoot, 'src')).map((file) => path.relative(repoRoot, file).split(path.sep).join('/'))

  it('keeps every import of electron inside the thin shell', () => {
    const offenders = files.filter((rel) => !isShell(rel) && valueImports(rel).some((i) => i.source === 'electron'))
    expect(offenders).toEqual([])
  })

  it('has a shell small enough to read in one sitting', () => {
    const shellLines = files.filter(isShell).reduce((sum, rel) => sum + readFileSync(path.join(repoRoot, rel), 'utf8').split('\n').length, 0)
    expect(shellLines).toBeLessThan(600)
  })

  it('keeps src/shared free of Node and DOM', () => {
    for (const rel of files.filter((f) => f.startsWith('src/shared/'))) {
      const sources = importsOf(readFileSync(path.join(repoRoot, rel), 'utf8')).map((i) => i.source)
      expect(
        sources.filter((source) => /^(node:|fs$|path$|os$|child_process$|electron$|react)/.test(source)),
        rel
      ).toEqual([])
      const code = readFileSync(path.join(repoRoot, rel), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '')
      expect(code, rel).not.toMatch(/\b(document|window|process|require)\b/)
    }
  })

  it('lets the renderer import only types from the contract', () => {
    for (const rel of files.filter((f) => f.startsWith('src/renderer/'))) {
      const forbidden = valueImports(rel).filter((i) => /shared\/contract$|^(zod|electron|keytar)$|^node:/.test(i.source))
      expect(forbidden, rel).toEqual([])
    }
  })
})
