// `npm test`: system packages, then typecheck, lint, build, and every test suite inside a
// private D-Bus session with its own unlocked gnome-keyring (Linux), so no test ever touches
// the user's real keyring. Ends with one line: `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureSystemPackages } from './system-deps.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)

function run(label, command, args, options = {}) {
  console.log(`\n▶ ${label}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
  if (result.error) throw result.error
  return result.status ?? 1
}

function must(label, command, args, options) {
  const status = run(label, command, args, options)
  if (status !== 0) {
    console.error(`\n${label} failed (exit ${status}).`)
    console.log('0 passed, 1 failed')
    process.exit(status || 1)
  }
}

ensureSystemPackages()

// keytar is an optional dependency so `npm install` survives a machine without libsecret. On
// such a machine npm drops it from node_modules when its build fails, and `npm rebuild` has
// nothing left to build: install again, now that libsecret is there, so npm builds it.
const keytarLoads = () => spawnSync(process.execPath, ['-e', "require('keytar')"], { cwd: root }).status === 0
if (!keytarLoads()) {
  if (existsSync(path.join(root, 'node_modules', 'keytar', 'package.json')))
    must('Building keytar against libsecret', 'npm', ['rebuild', 'keytar', '--foreground-scripts'])
  else must('Installing keytar against libsecret', 'npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts'])
}

must('Type-check', bin('tsc'), ['-b'])
must('Lint', bin('eslint'), ['.', '--max-warnings=0'])
must('Format check (prettier)', bin('prettier'), ['--check', '.', '--log-level=warn'])
must('Build', 'npm', ['run', 'build', '--silent'])

const artifacts = path.join(root, '.test-artifacts')
rmSync(artifacts, { recursive: true, force: true })
mkdirSync(artifacts, { recursive: true })
const env = {
  ...process.env,
  CAIRN_TEST_ARTIFACTS: artifacts,
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(artifacts, 'playwright.json')
}

const suites = `"${bin('vitest')}" run --reporter=default --reporter=json --outputFile="${path.join(artifacts, 'vitest.json')}"; v=$?; "${bin('playwright')}" test --reporter=list,json; p=$?; [ $v -eq 0 ] && [ $p -eq 0 ]`

let status
if (process.platform === 'linux') {
  const keyringHome = mkdtempSync(path.join(tmpdir(), 'cairn-keyring-'))
  mkdirSync(path.join(keyringHome, 'run'), { mode: 0o700 })
  const keyringEnv = { ...env, XDG_DATA_HOME: path.join(keyringHome, 'data'), XDG_RUNTIME_DIR: path.join(keyringHome, 'run') }
  // An empty keyring password does not unlock; any fixed one does, for this throwaway keyring.
  const script = `printf cairn-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; ${suites}`
  status = run('Tests (vitest + Playwright) in a private D-Bus session and keyring', 'dbus-run-session', ['--', 'sh', '-c', script], { env: keyringEnv })
  rmSync(keyringHome, { recursive: true, force: true })
} else {
  status = run('Tests (vitest + Playwright)', 'sh', ['-c', suites], { env })
}

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null
}

const vitest = readJson(path.join(artifacts, 'vitest.json'))
const playwright = readJson(path.join(artifacts, 'playwright.json'))
let passed = 0
let failed = 0
let skipped = 0
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
  skipped += vitest.numPendingTests + vitest.numTodoTests
} else failed += 1
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky
  failed += playwright.stats.unexpected
  skipped += playwright.stats.skipped
  const reasons = []
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        for (const note of test.annotations ?? []) if (note.type === 'skip') reasons.push(`${spec.title}: ${note.description ?? 'skipped'}`)
      }
    }
    for (const child of suite.suites ?? []) visit(child)
  }
  for (const suite of playwright.suites ?? []) visit(suite)
  for (const reason of new Set(reasons)) console.log(`skipped — ${reason}`)
} else failed += 1
if (status !== 0 && failed === 0) failed = 1

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 ? 1 : 0)
