import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { doctor } from '../../../src/cli/commands/doctor'
import { practiceRoles, type PracticeRoles } from '../../main/profiles/practice-roles'
import { capture } from '../cli-capture'

let account: PracticeRoles
beforeAll(async () => {
  account = await practiceRoles([{ role: 'dev', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess', accessKey: true }], {
    label: 'cli-doctor',
    cairnCommand: [process.execPath, __filename]
  })
})
afterAll(() => account.close())

describe('cairn doctor', () => {
  it('checks the real keychain, the roles and the AWS files, one line each', async () => {
    await account.profiles().writeConfig()
    const { io, out } = capture(account.env)
    expect(await doctor([], io)).toBe(0)
    const lines = out.stdout.trim().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('ok    Keychain: Secret Service (libsecret) is reachable and unlocked.')
    expect(lines[1]).toMatch(
      new RegExp(`^ok    Roles: Account ${account.accountId} at ${account.proxy.endpoint}, region us-east-1: dev = dev \\(CLI\\); active: dev\\.`)
    )
    expect(lines[2]).toBe(`ok    AWS config file: ${account.configFile}: Cairn's 2 sections are intact.`)
  })

  it('exits 1 when something is broken, and prints JSON with --json', async () => {
    const { io, out } = capture(account.env)
    const broken = async () => ({ available: false, backend: 'Secret Service (libsecret)', message: 'No Secret Service is running.' })
    expect(await doctor(['--json'], io, broken)).toBe(1)
    expect((JSON.parse(out.stdout) as Array<{ status: string }>)[0]).toEqual({
      title: 'Keychain',
      status: 'fail',
      detail: 'Secret Service (libsecret): No Secret Service is running.'
    })
  })
})
