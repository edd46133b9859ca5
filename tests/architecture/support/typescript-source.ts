import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { repoRoot } from '../../support/build'

/** A source file of src/, parsed with TypeScript itself (so comments and strings cannot fool a search). */
export interface Source {
  rel: string
  file: ts.SourceFile
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return walk(full)
    return /\.(ts|tsx|mts|cts)$/.test(name) && !name.endsWith('.d.ts') ? [full] : []
  })
}

export function sources(under = 'src'): Source[] {
  return walk(path.join(repoRoot, under)).map((full) => {
    const rel = path.relative(repoRoot, full).split(path.sep).join('/')
    const kind = full.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
    return { rel, file: ts.createSourceFile(rel, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true, kind) }
  })
}

export function nodes(source: Source, predicate: (node: ts.Node) => boolean): ts.Node[] {
  const found: ts.Node[] = []
  const visit = (node: ts.Node) => {
    if (predicate(node)) found.push(node)
    ts.forEachChild(node, visit)
  }
  visit(source.file)
  return found
}

/** "file:line" for messages. */
export function where(source: Source, node: ts.Node): string {
  return `${source.rel}:${source.file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
}

/** The name a property or member access uses: `x.loadFile` and `{ loadFile: … }` both give loadFile. */
export function nameOf(node: ts.Node): string | undefined {
  if (ts.isPropertyAccessExpression(node)) return node.name.text
  if (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) {
    const name = node.name
    return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined
  }
  return undefined
}

export { ts }
