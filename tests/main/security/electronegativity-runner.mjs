// Runs Electronegativity's scanner (its programmatic entry, the one its CLI calls) on one folder
// and writes { atomicChecks, globalChecks, errors, findings, networkAttempts } as JSON to stdout.
// A child process of its own: the scanner registers globals (i18n's `__`) and patches nothing
// of the test runner's this way.
//
// Usage: node electronegativity-runner.mjs <folder> <electron version>
import { createRequire } from 'node:module'
import net from 'node:net'

const require = createRequire(import.meta.url)
const Module = require('node:module')
const [input, electronVersion] = process.argv.slice(2)
if (!input || !electronVersion) throw new Error('usage: electronegativity-runner.mjs <folder> <electron version>')

// Offline by construction. The scanner asks `got` for fresh translations on every run (and the
// AvailableSecurityFixes check for Electron's release list); no option or environment variable
// turns that off, so `got` answers "offline" at once and the bundled en-US strings are used.
// Any socket opened anyway is counted, and the test requires zero.
let networkAttempts = 0
const offline = () => Promise.reject(new Error('Cairn runs Electronegativity offline'))
offline.head = offline
offline.get = offline
const load = Module._load
Module._load = function (request, ...rest) {
  return request === 'got' ? offline : load.call(this, request, ...rest)
}
const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function (...args) {
  networkAttempts += 1
  return connect.apply(this, args)
}

// The scanner prints notices with console.log; stdout carries only the JSON answer.
console.log = (...args) => console.error(...args)

const run = require('@doyensec/electronegativity')
const result = await run(
  {
    input,
    isRelative: false,
    // Scanning sources, there is no package.json to read the version from.
    electronVersionOverride: electronVersion,
    // Needs GitHub's release list (network, and a cache in the temp folder); keeping Electron
    // current is the lockfile's business, not a property of the source.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck']
  },
  false
)
process.stdout.write(
  JSON.stringify({
    atomicChecks: result.atomicChecks,
    globalChecks: result.globalChecks,
    errors: result.errors,
    findings: result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      severityValue: issue.severity.value,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location?.line ?? 0,
      sample: issue.sample ?? '',
      manualReview: Boolean(issue.manualReview)
    })),
    networkAttempts
  })
)
