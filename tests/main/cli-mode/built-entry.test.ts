import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../support/build'
import { practiceRoles, type PracticeRoles } from '../profiles/practice-roles'

/**
 * The built main process (out/main/index.js, what the packaged app runs) started as
 * `Cairn --cairn-cli …`. There is no Electron binary here, so a stand-in for the 'electron'
 * module records what the entry asks of the app; everything else is real: the bundle and its
 * chunks, the keychain, the practice account.
 */
const entry = path.join(repoRoot, 'out/main/index.js')
const scratch = mkdtempSync(path.join(tmpdir(), 'cairn-built-entry-'))
const standIn = path.join(scratch, 'electron-stand-in.cjs')
writeFileSync(
  standIn,
  `'use strict'
const Module = require('node:module')
const fs = require('node:fs')
const calls = []
const app = {
  isPackaged: false,
  dock: { hide: () => calls.push('dock.hide') },
  disableHardwareAcceleration: () => calls.push('disableHardwareAcceleration'),
  getPath: (name) => (calls.push('getPath ' + name), process.env.CAIRN_TEST_USER_DATA),
  setPath: (name, value) => calls.push('setPath ' + name + ' ' + value),
  exit: (code) => (calls.push('exit ' + code), process.exit(code)),
  requestSingleInstanceLock: () => (calls.push('requestSingleInstanceLock'), false),
  quit: () => calls.push('quit'),
  on: (event) => calls.push('on ' + event),
  whenReady: () => (calls.push('whenReady'), new Promise(() => {}))
}
// Electron sets this when it runs an app from a path (electron out/main/index.js).
process.defaultApp = true
const load = Module._load
Module._load = function (request, ...rest) {
  return request === 'electron' ? { app } : load.call(this, request, ...rest)
}
process.on('exit', () => fs.writeFileSync(process.env.CAIRN_TEST_RECORD, JSON.stringify({ calls, modules: Object.keys(require.cache) })))
`
)

interface Run {
  code: number
  stdout: string
  stderr: string
  calls: string[]
  modules: string[]
}

let account: PracticeRoles
let runs = 0
const userData = path.join(scratch, 'userData')

function startEntry(args: string[]): Promise<Run> {
  const record = path.join(scratch, `record-${++runs}.json`)
  const env = { ...account.env, CAIRN_TEST_RECORD: record, CAIRN_TEST_USER_DATA: userData }
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['-r', standIn, entry, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const { calls, modules } = JSON.parse(readFileSync(record, 'utf8')) as { calls: string[]; modules: string[] }
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr, calls, modules })
    })
    child.stdin?.end('')
  })
}

const heavy = (modules: string[]) =>
  modules.filter((file) => /[/\\](@aws-sdk|@smithy|zod|otplib|qrcode)[/\\]|[/\\]chunks[/\\](main|services|contract|server|handlers|embedded)-/.test(file))

beforeAll(async () => {
  if (!existsSync(entry)) throw new Error('out/main/index.js is missing: run `npx electron-vite build` first (npm test builds it).')
  account = await practiceRoles(
    [
      { role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', requiresMfa: true, accessKey: true, mfa: true },
      { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true }
    ],
    // What an installed Cairn writes (binary, marker), with Node and the stand-in as the binary.
    { label: 'built-entry', cairnCommand: [process.execPath, '-r', standIn, entry, '--cairn-cli'] }
  )
  await account.profiles().refreshSession({ role: 'dev', code: account.nextCode('dev') })
})
afterAll(async () => {
  await account?.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('the built main process with --cairn-cli', () => {
  it('runs credential-process from the cached session: no request, no lock, no window, no SDK or app services loaded', async () => {
    const requests = account.proxy.requests.length
    const run = await startEntry(['--cairn-cli', 'credential-process', 'dev'])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const printed = JSON.parse(run.stdout) as Record<string, unknown>
    expect(Object.keys(printed)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'])
    const held = await account.store.get({ accountId: account.accountId, role: 'dev' })
    expect(printed['AccessKeyId']).toBe(held?.session?.accessKeyId)
    expect(account.proxy.requests.length).toBe(requests)

    expect(run.calls).toEqual([
      'disableHardwareAcceleration',
      'dock.hide',
      'getPath userData',
      `setPath userData ${path.join(userData, 'Command Line')}`,
      'exit 0'
    ])
    expect(run.modules.some((file) => /[/\\]keytar[/\\]/.test(file))).toBe(true)
    expect(heavy(run.modules)).toEqual([])
  })

  it('runs roles --json through the same commands as bin/cairn.js', async () => {
    const run = await startEntry(['--cairn-cli', 'roles', '--json'])
    expect(run.code).toBe(0)
    const overview = JSON.parse(run.stdout) as { accountId: string; roles: Array<{ role: string }> }
    expect(overview.accountId).toBe(account.accountId)
    expect(overview.roles.map((role) => role.role)).toEqual(['dev', 'ops'])
    expect(run.calls).not.toContain('requestSingleInstanceLock')
    expect(run.calls.at(-1)).toBe('exit 0')
  })

  it('exits non-zero with the one-line message the AWS CLI shows', async () => {
    const run = await startEntry(['--cairn-cli', 'credential-process', 'nobody'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^cairn: There is no nobody role in account \d{12}; Cairn knows dev, ops\.\n$/)
    expect(run.calls.at(-1)).toBe('exit 1')
  })

  it('refuses browser-engine switches, before or after the marker, and runs nothing', async () => {
    for (const args of [
      ['--no-sandbox', '--cairn-cli', 'roles'],
      ['--cairn-cli', 'roles', '--remote-debugging-port=9222']
    ]) {
      const run = await startEntry(args)
      expect(run.code, args.join(' ')).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('is a switch of the browser engine inside Cairn')
      expect(heavy(run.modules)).toEqual([])
    }
  })

  it('serves the real AWS CLI v2 through the profiles an installed Cairn writes', { timeout: 120_000 }, async () => {
    const write = await account.profiles().writeConfig()
    expect(write.written).toBe(true)
    expect(readFileSync(account.configFile, 'utf8')).toContain(
      `credential_process = ${process.execPath} -r ${standIn} ${entry} --cairn-cli credential-process dev\n`
    )
    const aws = (profile: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(
          '/usr/bin/aws',
          ['--endpoint-url', account.server.endpoint, '--output', 'json', 'sts', 'get-caller-identity', '--profile', profile],
          {
            env: { ...account.env, AWS_MAX_ATTEMPTS: '1', AWS_PAGER: '', CAIRN_TEST_RECORD: path.join(scratch, 'aws.json'), CAIRN_TEST_USER_DATA: userData },
            timeout: 60_000
          },
          (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
        )
      })
    // dev: the cached session; ops (no MFA): a fresh one, through the SDK chunk the fast path skips.
    for (const role of ['dev', 'ops']) {
      const result = await aws(`cairn-${role}`)
      expect(result.stderr, role).toBe('')
      expect((JSON.parse(result.stdout) as { Arn: string }).Arn).toBe(`arn:aws:iam::${account.accountId}:user/${role}`)
    }
  })

  it('starts as the app without the marker, or with it only inside a URL it was handed', async () => {
    for (const args of [[], ['cairn://open?x=--cairn-cli', '--cairn-cli', 'roles']]) {
      const run = await startEntry(args)
      expect(run.stdout).toBe('')
      // The stand-in's lock is taken by "another instance", so the app quits right there.
      expect(run.calls).toEqual(['requestSingleInstanceLock', 'quit'])
    }
  })
})
