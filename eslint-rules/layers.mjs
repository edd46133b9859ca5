// The layers of src/ and which may import which, checked on every relative import (VS Code's
// layer checks are the model). A folder not listed belongs to no layer and is not checked.
import path from 'node:path'

/**
 * Lowest first. `may` names the layers a file of this layer may import from (its own always).
 * `sealed`: from anywhere outside it (tests and benches too, but for its own tests), only its
 * `entry` file may be imported.
 */
export const layers = [
  { name: 'shared', folders: ['src/shared'], may: [] },
  { name: 'practice', folders: ['src/practice'], may: ['shared'], sealed: true, entry: 'src/practice/index.ts', ownTests: 'tests/practice' },
  { name: 'plumbing', folders: ['src/main/aws', 'src/main/fs', 'src/main/log', 'src/main/vault', 'src/main/security', 'src/main/ipc'], may: ['shared'] },
  {
    name: 'domains',
    folders: [
      'src/main/app-info',
      'src/main/app-protocol',
      'src/main/audit',
      'src/main/connect',
      'src/main/guide',
      'src/main/journey',
      'src/main/mfa',
      'src/main/policies',
      'src/main/profiles',
      'src/main/sessions',
      'src/main/setup'
    ],
    may: ['shared', 'plumbing', 'practice']
  },
  {
    name: 'entries',
    folders: ['src/main/index.ts', 'src/main/services.ts', 'src/main/handlers.ts', 'src/main/shell', 'src/main/cli-mode', 'src/cli'],
    may: ['shared', 'plumbing', 'domains', 'practice']
  },
  { name: 'preload', folders: ['src/preload'], may: ['shared'] },
  { name: 'renderer', folders: ['src/renderer'], may: ['shared'] }
]

const bare = (file) => file.replace(/\.(ts|tsx|mjs|js)$/, '').replace(/\/index$/, '')
const inside = (file, folder) => file === folder || file.startsWith(`${folder}/`)
const layerOf = (file) => layers.find((layer) => layer.folders.some((folder) => inside(file, folder)))

/** Why `from` may not import `to` (both relative to the repository), or null when it may. */
export function layerViolation(from, to) {
  const source = layerOf(from)
  const target = layerOf(to)
  if (!target) return null
  const outside = source !== target && !(target.ownTests && inside(from, target.ownTests))
  if (target.sealed && outside && bare(to) !== bare(target.entry)) {
    return `${to} is inside the ${target.name} layer; import it through ${target.entry}.`
  }
  if (!source) return null
  if (source === target || source.may.includes(target.name)) return null
  return `The ${source.name} layer (${from}) may not import the ${target.name} layer (${to}); it may import ${source.may.length ? source.may.join(', ') : 'nothing outside itself'}.`
}

const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')

export const layersRule = {
  meta: { type: 'problem', docs: { description: 'Keeps each layer of src/ to the layers it may import' }, schema: [] },
  create(context) {
    const from = path.relative(repoRoot, context.filename).split(path.sep).join('/')
    const check = (node, specifier) => {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return
      const to = path
        .relative(repoRoot, path.resolve(path.dirname(context.filename), specifier))
        .split(path.sep)
        .join('/')
      const problem = layerViolation(from, to)
      if (problem) context.report({ node, message: problem })
    }
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value)
    }
  }
}
