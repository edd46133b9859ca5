import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  emptyRegistry,
  isPracticeEndpoint,
  parseRegistry,
  readRegistry,
  registryFile,
  RegistryDamagedError,
  sortRoles,
  writeRegistry,
  type AccountRegistry
} from '../../../src/main/profiles/account-registry'

const dir = mkdtempSync(join(tmpdir(), 'cairn-registry-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const registry: AccountRegistry = {
  version: 1,
  accounts: [
    {
      accountId: '111122223333',
      endpoint: 'http://127.0.0.1:4566',
      region: 'eu-west-1',
      sessionSeconds: 43_200,
      roles: [{ role: 'dev', userName: 'dev', requiresMfa: true, hasAccessKey: true, consoleAccess: true }]
    }
  ],
  currentAccountId: '111122223333',
  activeRole: 'dev',
  defaultProfile: null
}

describe('the account registry', () => {
  it('reads back what it wrote, in a file only its owner can read, with no temp file left', async () => {
    const file = join(dir, 'a', 'accounts.json')
    await writeRegistry(file, registry)
    expect(await readRegistry(file)).toEqual(registry)
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(join(dir, 'a'))).toEqual(['accounts.json'])
  })

  it('is empty before anything was saved', async () => {
    expect(await readRegistry(join(dir, 'none.json'))).toEqual(emptyRegistry())
  })

  it('names what is wrong with a damaged file, and where it is', async () => {
    const file = join(dir, 'damaged.json')
    writeFileSync(file, JSON.stringify({ ...registry, accounts: [{ ...registry.accounts[0], accountId: '42' }] }))
    const error = await readRegistry(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RegistryDamagedError)
    expect((error as Error).message).toContain(`${file} is damaged (accounts[0].accountId is not a 12-digit account id)`)
    writeFileSync(file, '{')
    await expect(readRegistry(file)).rejects.toBeInstanceOf(RegistryDamagedError)
  })

  it('rejects roles it cannot trust: a missing flag, a bad name, a session length STS refuses', () => {
    const role = registry.accounts[0]!.roles[0]!
    const withRole = (changed: object) => JSON.stringify({ ...registry, accounts: [{ ...registry.accounts[0], roles: [{ ...role, ...changed }] }] })
    expect(() => parseRegistry(withRole({ hasAccessKey: 'yes' }))).toThrow(/requiresMfa, hasAccessKey and consoleAccess/)
    expect(() => parseRegistry(withRole({ role: '../etc' }))).toThrow(/not a role name/)
    expect(() => parseRegistry(JSON.stringify({ ...registry, accounts: [{ ...registry.accounts[0], sessionSeconds: 60 }] }))).toThrow(/900-129600/)
  })

  it('loses no update when two run at once', async () => {
    const file = registryFile(join(dir, 'concurrent.json'))
    await Promise.all(
      ['billing', 'dev', 'ops', 'admin'].map((role) =>
        file.update((next) => {
          next.accounts.push({ accountId: '111122223333', region: 'us-east-1', sessionSeconds: 900, roles: [] })
          next.activeRole = role
        })
      )
    )
    const saved = JSON.parse(readFileSync(file.file, 'utf8')) as AccountRegistry
    expect(saved.accounts).toHaveLength(4)
  })

  it('keeps the partition and whether the account is Cairn’s practice account, and nothing else it does not know', () => {
    const account = { ...registry.accounts[0]!, partition: 'aws-cn', practice: true }
    expect(parseRegistry(JSON.stringify({ ...registry, accounts: [account] })).accounts[0]).toEqual(account)
    const { practice: _practice, partition: _partition, ...plain } = account
    expect(parseRegistry(JSON.stringify({ ...registry, accounts: [{ ...account, practice: false, partition: undefined }] })).accounts[0]).toEqual(plain)
    expect(() => parseRegistry(JSON.stringify({ ...registry, accounts: [{ ...account, partition: 'mars' }] }))).toThrow(/partition is not an AWS partition/)
    expect(() => parseRegistry(JSON.stringify({ ...registry, accounts: [{ ...account, practice: 'yes' }] }))).toThrow(/practice is not true or false/)
  })

  it('takes only a loopback address for where a practice account may be', () => {
    expect(isPracticeEndpoint('http://127.0.0.1:4566')).toBe(true)
    expect(isPracticeEndpoint('http://localhost:80/')).toBe(true)
    expect(isPracticeEndpoint('https://sts.amazonaws.com')).toBe(false)
    expect(isPracticeEndpoint(undefined)).toBe(false)
  })

  it('orders roles billing, dev, ops, admin, then the rest by name', () => {
    expect(
      sortRoles([{ role: 'zeta' }, { role: 'admin' }, { role: 'ops' }, { role: 'alpha' }, { role: 'billing' }, { role: 'dev' }]).map((r) => r.role)
    ).toEqual(['billing', 'dev', 'ops', 'admin', 'alpha', 'zeta'])
  })
})
