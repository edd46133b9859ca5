import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { registryPath, writeRegistry, type AccountRegistry } from '../../../src/main/profiles/account-registry'
import { doctorChecks } from '../../../src/main/profiles/doctor'

const dir = mkdtempSync(join(tmpdir(), 'cairn-doctor-roles-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const working = async () => ({ available: true, backend: 'Secret Service (libsecret)' })
const registry = (hasAccessKey: boolean): AccountRegistry => ({
  version: 1,
  accounts: [
    {
      accountId: '111122223333',
      region: 'us-east-1',
      sessionSeconds: 43_200,
      signIn: { userName: 'me' },
      roles: ['billing', 'dev'].map((role) => ({
        role,
        userName: 'me',
        requiresMfa: true,
        hasAccessKey,
        consoleAccess: true,
        roleArn: `arn:aws:iam::111122223333:role/${role}`
      }))
    }
  ],
  currentAccountId: '111122223333',
  activeRole: 'dev',
  defaultProfile: null
})

async function rolesCheck(name: string, value: AccountRegistry) {
  const home = join(dir, name)
  mkdirSync(join(home, '.aws'), { recursive: true })
  const dataDir = join(home, 'data')
  await writeRegistry(registryPath(dataDir), value)
  const env = { AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') }
  const checks = await doctorChecks({ platform: 'linux', env, homedir: home, dataDir, probe: working })
  return checks.find((check) => check.title === 'Roles')!
}

describe('cairn doctor in the roles layout', () => {
  it('lists the roles as IAM roles the sign-in assumes, without calling any of them console only or keyless', async () => {
    const check = await rolesCheck('ok', registry(true))
    expect(check.status).toBe('ok')
    expect(check.detail).toContain('dev = arn:aws:iam::111122223333:role/dev (assumed by me with MFA)')
    expect(check.detail).toContain('You sign in for the day as me (`cairn signin`).')
    expect(check.detail).not.toMatch(/console only|no access key/)
  })

  it("warns once, about the sign-in's key, when the keychain has none", async () => {
    const check = await rolesCheck('no-key', registry(false))
    expect(check.status).toBe('warn')
    expect(check.detail).toMatch(/Cairn holds no access key for me, so signing in cannot work yet: apply the plan again/)
    expect(check.detail).not.toContain('console only')
  })
})
