import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/build'

/**
 * Electronegativity on the sources (src/: main, preload, renderer and shared in one run, so its
 * global checks see them together). Its TypeScript parsing goes through @babel/parser first,
 * which reads our TS; the test fails if any file does not parse, since an unparsed file would
 * hide its findings.
 */

interface Finding {
  check: string
  severity: string
  severityValue: number
  confidence: string
  file: string
  line: number
  sample: string
  manualReview: boolean
}

interface ScanResult {
  atomicChecks: number
  globalChecks: number
  errors: Array<{ file: string; message: string; tolerable: boolean }>
  findings: Finding[]
  networkAttempts: number
}

interface Allowed {
  check: string
  file: string
  count: number
  reason: string
}

const MEDIUM = 2
/** A scan takes ~3 s of CPU, mostly loading the scanner; a busy CI machine gets room. */
const SCAN_TIMEOUT = 120_000
const allowListFile = path.join(repoRoot, 'security', 'electronegativity-allow.json')
const runner = path.join(__dirname, 'electronegativity-runner.mjs')
const electronVersion = (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version

async function scan(folder: string): Promise<ScanResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [runner, folder, electronVersion], {
    cwd: repoRoot,
    // The bundled en-US strings, whatever the machine's locale.
    env: { ...process.env, LANG: 'en-US', LC_ALL: 'en-US' },
    maxBuffer: 16 * 1024 * 1024,
    timeout: SCAN_TIMEOUT
  })
  const result = JSON.parse(stdout) as ScanResult
  for (const finding of result.findings) {
    if (finding.file !== 'N/A') finding.file = path.relative(repoRoot, finding.file).split(path.sep).join('/')
  }
  return result
}

function readAllowList(): Allowed[] {
  return (JSON.parse(readFileSync(allowListFile, 'utf8')) as { allowed: Allowed[] }).allowed
}

/** What the allow-list does not cover: unlisted findings, and listed ones whose count changed. */
function judge(findings: Finding[], allowed: Allowed[]): { unallowed: string[]; stale: string[] } {
  const counts = new Map<string, Finding[]>()
  for (const finding of findings.filter((f) => f.severityValue >= MEDIUM)) {
    const key = `${finding.check} ${finding.file}`
    counts.set(key, [...(counts.get(key) ?? []), finding])
  }
  const listed = new Map(allowed.map((entry) => [`${entry.check} ${entry.file}`, entry]))
  const unallowed = [...counts].flatMap(([key, found]) => {
    const entry = listed.get(key)
    if (entry && entry.count === found.length) return []
    return found.map(
      (f) => `${f.severity} ${f.check} ${f.file}:${f.line} ${f.sample}${entry ? ` (allow-list says ${entry.count}, found ${found.length})` : ''}`
    )
  })
  const stale = allowed.filter((entry) => !counts.has(`${entry.check} ${entry.file}`)).map((entry) => `${entry.check} ${entry.file}`)
  return { unallowed, stale }
}

describe('Electronegativity', () => {
  it('keeps an allow-list where every entry names a check, a file, a count and a real reason', () => {
    const allowed = readAllowList()
    expect(allowed.length).toBeGreaterThan(0)
    for (const entry of allowed) {
      expect(entry.check, JSON.stringify(entry)).toMatch(/^[A-Z_]+_CHECK$/)
      expect(entry.file === 'N/A' || entry.file.startsWith('src/'), JSON.stringify(entry)).toBe(true)
      expect(Number.isInteger(entry.count) && entry.count > 0, JSON.stringify(entry)).toBe(true)
      expect(entry.reason.length, JSON.stringify(entry)).toBeGreaterThan(40)
      // The tests a reason points to as its proof must exist.
      for (const [cited] of entry.reason.matchAll(/tests\/[\w/.-]+\.test\.ts/g)) expect(existsSync(path.join(repoRoot, cited)), cited).toBe(true)
    }
    expect(new Set(allowed.map((e) => `${e.check} ${e.file}`)).size).toBe(allowed.length)
  })

  it(
    'finds nothing of medium severity or above in src/ that the allow-list does not explain',
    async () => {
      const result = await scan('src')
      expect(result.networkAttempts).toBe(0)
      expect(result.atomicChecks).toBeGreaterThan(20)
      expect(result.errors, 'every source file must parse, or its findings are hidden').toEqual([])
      const { unallowed, stale } = judge(result.findings, readAllowList())
      expect(unallowed, `not in ${path.relative(repoRoot, allowListFile)}: fix them, or list them with a reason`).toEqual([])
      expect(stale, 'allow-list entries with no finding any more: remove them').toEqual([])
    },
    SCAN_TIMEOUT
  )

  it(
    'fails on an insecure app, offline, even with the allow-list applied',
    async () => {
      const result = await scan(path.join('tests', 'fixtures', 'electronegativity', 'insecure-app'))
      expect(result.networkAttempts).toBe(0)
      expect(result.errors).toEqual([])
      const found = result.findings.filter((f) => f.severityValue >= MEDIUM).map((f) => `${f.severity} ${f.check}`)
      // What a window with Node in the page, no isolation and no same-origin policy looks like to it
      // (it rates nodeIntegration itself as informational when the window has no sandbox key).
      expect(found).toEqual(
        expect.arrayContaining([
          'HIGH CONTEXT_ISOLATION_JS_CHECK',
          'MEDIUM SANDBOX_JS_CHECK',
          'MEDIUM WEB_SECURITY_JS_CHECK',
          'HIGH LIMIT_NAVIGATION_GLOBAL_CHECK'
        ])
      )
      const { unallowed } = judge(result.findings, readAllowList())
      expect(unallowed.some((line) => line.startsWith('HIGH CONTEXT_ISOLATION_JS_CHECK tests/fixtures/electronegativity/insecure-app/main.js:8'))).toBe(true)
    },
    SCAN_TIMEOUT
  )
})
