import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Needle, SecretKind } from './secret-ledger'

export interface Hit {
  /** A file path, or the name of a captured stream. */
  source: string
  kind: SecretKind
  encoding: string
  offset: number
}

export interface ScanReport {
  files: number
  bytes: number
  /** Captured output (a CLI process's stdout/stderr) scanned besides files. */
  streams: number
  hits: Hit[]
  /** The files looked at, for the report and for asserting what was covered. */
  scannedFiles: string[]
}

export interface ScanTarget {
  /** Folders (walked recursively) and single files. Missing ones are skipped. */
  paths: string[]
  /** Exact file paths left out, each for a stated reason. */
  exclude?: string[]
  streams?: Array<{ name: string; text: string }>
}

/** Every regular file under `root` (symbolic links are not followed: they could leave the tree). */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return []
  const stat = lstatSync(root)
  if (stat.isFile()) return [root]
  if (!stat.isDirectory()) return []
  return readdirSync(root).flatMap((name) => filesUnder(path.join(root, name)))
}

function hitsIn(source: string, content: Buffer, needles: Needle[]): Hit[] {
  const hits: Hit[] = []
  for (const needle of needles) {
    const offset = content.indexOf(needle.bytes)
    if (offset !== -1) hits.push({ source, kind: needle.kind, encoding: needle.encoding, offset })
  }
  return hits
}

/** Other suites write test artefacts while this one runs; a file removed since the listing is skipped. */
function readIfStillThere(file: string): Buffer | null {
  try {
    return readFileSync(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

export function scanForSecrets(target: ScanTarget, needles: Needle[]): ScanReport {
  const excluded = new Set((target.exclude ?? []).map((file) => path.resolve(file)))
  const files = [...new Set(target.paths.flatMap((root) => filesUnder(path.resolve(root))))].filter((file) => !excluded.has(file)).sort()
  const report: ScanReport = { files: 0, bytes: 0, streams: 0, hits: [], scannedFiles: [] }
  for (const file of files) {
    const content = readIfStillThere(file)
    if (content === null) continue
    report.files += 1
    report.scannedFiles.push(file)
    report.bytes += content.length
    report.hits.push(...hitsIn(file, content, needles))
  }
  for (const stream of target.streams ?? []) {
    const content = Buffer.from(stream.text, 'utf8')
    report.streams += 1
    report.bytes += content.length
    report.hits.push(...hitsIn(stream.name, content, needles))
  }
  return report
}
