import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { brotliDecompressSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * scripts/aws-managed-policy-catalog.mjs run on two small stand-ins for its npm packages: a
 * history of policies with their versions, and a ListPolicies listing that is older than it.
 */

const script = path.join(__dirname, '../../scripts/aws-managed-policy-catalog.mjs')
const allow = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] }
const denyToo = { Version: '2012-10-17', Statement: [allow.Statement[0], { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }] }

function policy(arn: string, created: string, versions: Record<string, { createdDate: string; document: unknown }>, latest: string) {
  return {
    arn,
    latestVersionId: latest,
    versionsCount: Object.keys(versions).length,
    versions,
    createdDate: created,
    lastUpdatedDate: versions[latest]!.createdDate
  }
}

const history = {
  Revised: policy(
    'arn:aws:iam::aws:policy/Revised',
    '2015-02-06T18:39:46.000Z',
    { v1: { createdDate: '2015-02-06T18:39:46.000Z', document: allow }, v2: { createdDate: '2020-01-01T00:00:00.000Z', document: denyToo } },
    'v2'
  ),
  Plain: policy('arn:aws:iam::aws:policy/Plain', '2019-05-01T10:00:00.000Z', { v4: { createdDate: '2024-03-01T08:30:00.000Z', document: denyToo } }, 'v4'),
  Role: policy(
    'arn:aws:iam::aws:policy/service-role/Role',
    '2018-01-01T00:00:00.000Z',
    { v1: { createdDate: '2018-01-01T00:00:00.000Z', document: allow } },
    'v1'
  ),
  Retired: policy('arn:aws:iam::aws:policy/Retired', '2017-01-01T00:00:00.000Z', { v1: { createdDate: '2017-01-01T00:00:00.000Z', document: allow } }, 'v1'),
  Newer: policy('arn:aws:iam::aws:policy/Newer', '2025-01-01T00:00:00.000Z', { v1: { createdDate: '2025-01-01T00:00:00.000Z', document: allow } }, 'v1')
}

describe('scripts/aws-managed-policy-catalog.mjs', () => {
  let dir: string
  let output: string
  const read = (name: string) => JSON.parse(readFileSync(path.join(dir, 'out', name), 'utf8'))

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cairn-catalogue-'))
    for (const sub of ['history/dist', 'listing/lib/constructs', 'out']) mkdirSync(path.join(dir, sub), { recursive: true })
    writeFileSync(path.join(dir, 'history/dist/managedPolicies.json'), JSON.stringify(history))
    const listed = Object.fromEntries(['Revised', 'Plain', 'Role'].map((name) => [name, { PolicyName: name, Arn: history[name as keyof typeof history].arn }]))
    writeFileSync(path.join(dir, 'listing/lib/constructs/ManagedPolicies.js'), `exports.ManagedPolicies = ${JSON.stringify(listed)}\n`)
    const args = [script, '--history', path.join(dir, 'history'), '--listing', path.join(dir, 'listing'), '--out', path.join(dir, 'out')]
    output = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes every listed policy by name, with its path, default version and IAM timestamps, one line each', () => {
    const catalogue = read('aws-managed-catalog.json')
    expect(catalogue.paths).toEqual(['/', '/service-role/'])
    expect(catalogue.policies).toEqual([
      ['Newer', 0, 'v1', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'],
      ['Plain', 0, 'v4', '2019-05-01T10:00:00Z', '2024-03-01T08:30:00Z'],
      ['Revised', 0, 'v2', '2015-02-06T18:39:46Z', '2020-01-01T00:00:00Z'],
      ['Role', 1, 'v1', '2018-01-01T00:00:00Z', '2018-01-01T00:00:00Z']
    ])
    expect(readFileSync(path.join(dir, 'out/aws-managed-catalog.json'), 'utf8')).toContain(
      '\n    ["Plain",0,"v4","2019-05-01T10:00:00Z","2024-03-01T08:30:00Z"],\n'
    )
    expect(output).toMatch(/^4 policies \(\d+ bytes\)\n/)
  })

  it('leaves out a policy the listing lacks though it is older than the listing: AWS deprecated it', () => {
    expect(output).toContain('left out as deprecated (1): Retired')
  })

  it("keeps the default version's document of every listed policy, brotli-compressed, and no other version", () => {
    const file = read('aws-managed-documents.json')
    const lines = brotliDecompressSync(Buffer.from(file.documents, 'base64')).toString('utf8').split('\n')
    expect(lines.map((line) => line.split('\t')[0])).toEqual(['Newer', 'Plain', 'Revised', 'Role'])
    expect(Object.fromEntries(lines.map((line) => [line.split('\t')[0], JSON.parse(line.split('\t')[1]!)]))).toEqual({
      Newer: allow,
      Plain: denyToo,
      Revised: denyToo,
      Role: allow
    })
    expect(output).toMatch(/their default versions' documents: \d+ bytes of JSON, \d+ brotli/)
  })

  it('writes the same bytes when run again on the same packages', () => {
    const first = readFileSync(path.join(dir, 'out/aws-managed-documents.json'))
    execFileSync(process.execPath, [script, '--history', path.join(dir, 'history'), '--listing', path.join(dir, 'listing'), '--out', path.join(dir, 'out')], {
      stdio: 'ignore'
    })
    expect(readFileSync(path.join(dir, 'out/aws-managed-documents.json')).equals(first)).toBe(true)
    expect(existsSync(path.join(dir, 'out/aws-managed-denies.json'))).toBe(false)
  })
})
