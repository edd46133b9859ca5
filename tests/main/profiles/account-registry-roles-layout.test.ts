import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseRegistry, readRegistry, registryPath, writeRegistry, type AccountRegistry } from '../../../src/main/profiles/account-registry'
import { createProfilesService } from '../../../src/main/profiles/profiles-service'
import { rolesAfterSetup } from '../../../src/main/profiles/setup-roles'
import { recordAppliedRoles } from '../../../src/main/profiles/record-applied-roles'
import { defaultIamRoles } from '../../../src/main/setup/roles-layout'
import { keytarSecretStore, loadSearchableKeytar } from '../../../src/main/vault/secret-store'
import { signInId } from '../../../src/shared/domain/words'

const dir = mkdtempSync(join(tmpdir(), 'cairn-registry-roles-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const rolesLayout: AccountRegistry = {
  version: 1,
  accounts: [
    {
      accountId: '111122223333',
      region: 'us-east-1',
      sessionSeconds: 43_200,
      signIn: { userName: 'me' },
      roles: [
        { role: 'billing', userName: 'me', requiresMfa: true, hasAccessKey: true, consoleAccess: true, roleArn: 'arn:aws:iam::111122223333:role/billing' },
        { role: 'dev', userName: 'me', requiresMfa: true, hasAccessKey: true, consoleAccess: true, roleArn: 'arn:aws:iam::111122223333:role/dev' }
      ]
    }
  ],
  currentAccountId: '111122223333',
  activeRole: 'dev',
  defaultProfile: null
}

/** accounts.json as Cairn wrote it before the roles layout. */
const oldFile = `{
  "version": 1,
  "accounts": [
    {
      "accountId": "111122223333",
      "region": "us-east-1",
      "sessionSeconds": 43200,
      "roles": [{ "role": "dev", "userName": "dev", "requiresMfa": true, "hasAccessKey": true, "consoleAccess": true }]
    }
  ],
  "currentAccountId": "111122223333",
  "activeRole": "dev",
  "defaultProfile": null
}
`

describe('the account registry in the roles layout', () => {
  it('reads back the sign-in and the role ARNs it wrote', async () => {
    const file = join(dir, 'accounts.json')
    await writeRegistry(file, rolesLayout)
    expect(await readRegistry(file)).toEqual(rolesLayout)
    const json = JSON.parse(readFileSync(file, 'utf8'))
    expect(json.accounts[0].signIn).toEqual({ userName: 'me' })
    expect(json.accounts[0].roles[1].roleArn).toBe('arn:aws:iam::111122223333:role/dev')
  })

  it('still reads files written before it, with no sign-in and no role ARN', () => {
    const parsed = parseRegistry(oldFile)
    expect(parsed.accounts[0]).not.toHaveProperty('signIn')
    expect(parsed.accounts[0]!.roles[0]).toEqual({ role: 'dev', userName: 'dev', requiresMfa: true, hasAccessKey: true, consoleAccess: true })
  })

  it('names what is wrong with a sign-in or a role ARN', () => {
    const broken = (change: (json: { accounts: Array<Record<string, unknown> & { roles: Array<Record<string, unknown>> }> }) => void) => {
      const json = JSON.parse(JSON.stringify(rolesLayout))
      change(json)
      return () => parseRegistry(JSON.stringify(json))
    }
    expect(broken((json) => (json.accounts[0]!.signIn = { userName: 'has space' }))).toThrow('accounts[0].signIn.userName is not an IAM user name')
    expect(broken((json) => (json.accounts[0]!.signIn = 'me'))).toThrow('accounts[0].signIn is not an object')
    expect(broken((json) => (json.accounts[0]!.roles[1]!.roleArn = 'arn:aws:iam::111122223333:user/dev'))).toThrow(
      'accounts[0].roles[1].roleArn is not an IAM role ARN'
    )
    expect(broken((json) => (json.accounts[0]!.roles[0]!.roleArn = 7))).toThrow('accounts[0].roles[0].roleArn is not an IAM role ARN')
  })
})

describe('registering a roles-layout apply', () => {
  it("records the sign-in and each role's ARN in the account's partition, and replaces the old layout's roles wholesale", async () => {
    const keytar = await loadSearchableKeytar()
    const service = `Cairn test registry-roles ${randomUUID()}`
    const store = keytarSecretStore(keytar, { service })
    const dataDir = mkdtempSync(join(dir, 'data-'))
    try {
      const profiles = createProfilesService({ dataDir, vault: async () => store, cairnCommand: null, env: {}, homedir: dataDir })
      const accountId = '111122223333'
      // The guide's layout first: IAM users dev and ops, with a cached user session for dev.
      await profiles.registerAccount({
        accountId,
        roles: [
          { role: 'dev', userName: 'cairn-dev', requiresMfa: true, hasAccessKey: true, consoleAccess: true },
          { role: 'admin', userName: 'cairn-admin', requiresMfa: true, hasAccessKey: true, consoleAccess: true }
        ]
      })
      const oldSession = {
        accessKeyId: 'ASIAOLDOLDOLDOLD0000',
        secretAccessKey: 'old',
        sessionToken: 'old',
        expiration: new Date(Date.now() + 3600_000).toISOString()
      }
      const oldKey = { accessKeyId: 'AKIAOLDOLDOLDOLD0000', secretAccessKey: 'old', createdAt: new Date().toISOString() }
      await store.set({ accountId, role: 'dev' }, { accessKey: oldKey, session: oldSession })

      // The roles layout's apply: the sign-in's key is in the keychain.
      await store.set({ accountId, role: signInId }, { accessKey: { ...oldKey, accessKeyId: 'AKIASIGNINSIGNIN0000' } })
      const setup = { layout: 'roles' as const, signIn: { userName: 'me' }, roles: defaultIamRoles({ includeAdmin: false, partition: 'aws-cn' }) }
      expect(await rolesAfterSetup(setup, store, accountId, 'aws-cn')).toEqual(
        ['billing', 'dev', 'ops'].map((role) => ({
          role,
          userName: 'me',
          requiresMfa: true,
          hasAccessKey: true,
          consoleAccess: true,
          roleArn: `arn:aws-cn:iam::${accountId}:role/${role}`
        }))
      )
      await recordAppliedRoles(profiles, { setup, accountId, partition: 'aws-cn', endpoint: undefined, practice: false, vault: store })

      const registry = await readRegistry(registryPath(dataDir))
      const account = registry.accounts[0]!
      expect(account.signIn).toEqual({ userName: 'me' })
      expect(account.partition).toBe('aws-cn')
      // admin, an IAM user of the old layout, is gone; dev is now the dev role.
      expect(account.roles.map((role) => [role.role, role.roleArn])).toEqual([
        ['billing', `arn:aws-cn:iam::${accountId}:role/billing`],
        ['dev', `arn:aws-cn:iam::${accountId}:role/dev`],
        ['ops', `arn:aws-cn:iam::${accountId}:role/ops`]
      ])
      expect(registry.activeRole).toBe('dev')
      // The dev user's session would pass for the dev role's: dropped; the old key stays for the apply engine to clean up.
      expect(await store.get({ accountId, role: 'dev' })).toEqual({ accessKey: oldKey })

      // Back to the guide's layout: the sign-in goes too.
      await profiles.registerAccount({
        accountId,
        roles: [{ role: 'ops', userName: 'cairn-ops', requiresMfa: false, hasAccessKey: true, consoleAccess: false }]
      })
      const back = (await readRegistry(registryPath(dataDir))).accounts[0]!
      expect(back).not.toHaveProperty('signIn')
      expect(back.roles.map((role) => role.role)).toEqual(['ops'])
    } finally {
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
    }
  })
})
