import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { writeRegistry } from '../../../src/main/profiles/account-registry'
import { doctorChecks } from '../../../src/main/profiles/doctor'
import { cairnProfileSet } from '../../../src/main/profiles/profile-set'
import { writeCairnProfiles } from '../../../src/main/profiles/write-profiles'

const dir = mkdtempSync(join(tmpdir(), 'cairn-doctor-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const working = async () => ({ available: true, backend: 'Secret Service (libsecret)' })
const registry = {
  version: 1 as const,
  accounts: [
    {
      accountId: '111122223333',
      region: 'us-east-1',
      sessionSeconds: 43_200,
      roles: [
        { role: 'billing', userName: 'billing', requiresMfa: false, hasAccessKey: false, consoleAccess: true },
        { role: 'dev', userName: 'dev', requiresMfa: true, hasAccessKey: true, consoleAccess: true }
      ]
    }
  ],
  currentAccountId: '111122223333',
  activeRole: 'dev',
  defaultProfile: null
}

function setup(name: string) {
  const home = join(dir, name)
  mkdirSync(join(home, '.aws'), { recursive: true })
  const env = { AWS_CONFIG_FILE: join(home, '.aws', 'config'), AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') }
  return { home, env, dataDir: join(home, 'data') }
}

describe('cairn doctor', () => {
  it('says the keychain is missing, naming the Linux packages, and that there are no roles yet', async () => {
    const { home, env, dataDir } = setup('empty')
    const checks = await doctorChecks({
      platform: 'linux',
      env,
      homedir: home,
      dataDir,
      probe: async () => ({
        available: false,
        backend: 'Secret Service (libsecret)',
        message: 'No Secret Service is running. Install and start one (Debian/Ubuntu: sudo apt install gnome-keyring), log out and in, then press Check again.'
      })
    })
    expect(checks.map((check) => [check.title, check.status])).toEqual([
      ['Keychain', 'fail'],
      ['Roles', 'warn'],
      ['AWS config file', 'ok'],
      ['AWS credentials file', 'ok']
    ])
    expect(checks[0]!.detail).toContain('sudo apt install gnome-keyring')
  })

  it("finds Cairn's sections intact when they match the roles", async () => {
    const { home, env, dataDir } = setup('intact')
    await writeRegistry(join(dataDir, 'accounts.json'), registry)
    await writeCairnProfiles(
      { config: env.AWS_CONFIG_FILE, credentials: env.AWS_SHARED_CREDENTIALS_FILE },
      cairnProfileSet(registry, [process.execPath, __filename])
    )
    const checks = await doctorChecks({ platform: 'linux', env, homedir: home, dataDir, probe: working })
    expect(checks.every((check) => check.status === 'ok')).toBe(true)
    expect(checks[1]!.detail).toContain('billing = billing (console only), dev = dev (CLI with MFA); active: dev')
    expect(checks[2]!.detail).toContain("Cairn's 3 sections are intact")
  })

  it('flags missing sections and a credential_process pointing at a cairn that is gone', async () => {
    const { home, env, dataDir } = setup('broken')
    await writeRegistry(join(dataDir, 'accounts.json'), registry)
    await writeCairnProfiles(
      { config: env.AWS_CONFIG_FILE, credentials: env.AWS_SHARED_CREDENTIALS_FILE },
      cairnProfileSet(registry, [process.execPath, '/gone/cairn.js']).slice(1)
    )
    const checks = await doctorChecks({ platform: 'linux', env, homedir: home, dataDir, probe: working })
    expect(checks[2]).toMatchObject({ status: 'fail' })
    expect(checks[2]!.detail).toContain('[profile cairn-dev] runs /gone/cairn.js, which no longer exists')
    writeFileSync(env.AWS_CONFIG_FILE, '')
    const missing = await doctorChecks({ platform: 'linux', env, homedir: home, dataDir, probe: working })
    expect(missing[2]).toMatchObject({ status: 'warn' })
    expect(missing[2]!.detail).toContain('missing [profile cairn-billing], [profile cairn-dev], [profile cairn]')
  })

  it('reports a damaged registry and a shadowing credentials file', async () => {
    const { home, env, dataDir } = setup('damaged')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'accounts.json'), '{"version":2}')
    const damaged = await doctorChecks({ platform: 'linux', env, homedir: home, dataDir, probe: working })
    expect(damaged[1]).toMatchObject({ title: 'Roles', status: 'fail' })
    await writeRegistry(join(dataDir, 'accounts.json'), registry)
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, '[cairn-dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n')
    const shadowed = await doctorChecks({ platform: 'linux', env, homedir: home, dataDir, probe: working })
    expect(shadowed[3]).toMatchObject({ status: 'warn' })
    expect(shadowed[3]!.detail).toContain('also defines [cairn-dev]')
  })
})
