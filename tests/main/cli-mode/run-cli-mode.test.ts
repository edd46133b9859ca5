import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KEYCHAIN_STUCK } from '../../../src/cli/exit-codes'
import { cliModeCrash, finishCliMode, runCliMode } from '../../../src/main/cli-mode/run-cli-mode'
import { capture } from '../../cli/cli-capture'
import { devOpsBilling, practiceRoles, type PracticeRoles } from '../profiles/practice-roles'

/**
 * The command line as the app's main process runs it (`Cairn --cairn-cli …`), in this process:
 * the real keychain, the practice account behind a request-counting proxy.
 */
let account: PracticeRoles
beforeAll(async () => {
  account = await practiceRoles(devOpsBilling, { label: 'cli-mode' })
})
afterAll(() => account.close())

describe('runCliMode', () => {
  it('runs credential-process: a cached session is printed with no request to AWS', async () => {
    const session = await account.profiles().refreshSession({ role: 'dev', code: account.nextCode('dev') })
    const requests = account.proxy.requests.length
    const { io, out } = capture(account.env)
    expect(await runCliMode(['credential-process', 'dev'], io)).toBe(0)
    expect(out.stderr).toBe('')
    const printed = JSON.parse(out.stdout) as Record<string, unknown>
    expect(Object.keys(printed)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration'])
    expect(printed['AccessKeyId']).toMatch(/^ASIA/)
    expect(printed['Expiration']).toBe(new Date(session.expiration).toISOString())
    expect(account.proxy.requests.length).toBe(requests)
  })

  it('runs credential-process --active, and gets a role without MFA a fresh session from the account', async () => {
    await account.profiles().switchRole('ops')
    const requests = account.proxy.requests.length
    const { io, out } = capture(account.env)
    expect(await runCliMode(['credential-process', '--active'], io)).toBe(0)
    const held = await account.store.get({ accountId: account.accountId, role: 'ops' })
    expect((JSON.parse(out.stdout) as { AccessKeyId: string }).AccessKeyId).toBe(held?.session?.accessKeyId)
    expect(account.proxy.requests.length).toBeGreaterThan(requests)
  })

  it("says in one line what to do when an MFA role's session is gone", async () => {
    await account.profiles().sessions.forget({ account: { accountId: account.accountId, sessionSeconds: 43_200 }, role: account.registered[0]! })
    const { io, out } = capture(account.env)
    expect(await runCliMode(['credential-process', 'dev'], io)).toBe(1)
    expect(out.stdout).toBe('')
    expect(out.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(out.stderr).toContain('cairn session dev')
  })

  it('runs the other commands through the same registry as bin/cairn.js: roles --json', async () => {
    const { io, out } = capture(account.env)
    expect(await runCliMode(['roles', '--json'], io)).toBe(0)
    const overview = JSON.parse(out.stdout) as { accountId: string; activeRole: string; roles: Array<{ role: string }> }
    expect(overview.accountId).toBe(account.accountId)
    expect(overview.activeRole).toBe('ops')
    expect(overview.roles.map((role) => role.role).sort()).toEqual(['billing', 'dev', 'ops'])
  })

  it('answers usage errors as cairn does', async () => {
    const none = capture(account.env)
    expect(await runCliMode([], none.io)).toBe(2)
    expect(none.out.stderr).toContain('Usage: cairn <command>')
    const unknown = capture(account.env)
    expect(await runCliMode(['frobnicate'], unknown.io)).toBe(2)
    expect(unknown.out.stderr).toContain("cairn: unknown command 'frobnicate'")
    const help = capture(account.env)
    expect(await runCliMode(['--help'], help.io)).toBe(0)
    expect(help.out.stdout).toContain('credential-process')
  })

  it('refuses browser-engine switches before running anything', async () => {
    for (const args of [
      ['--no-sandbox', 'roles'],
      ['credential-process', 'dev', '--inspect'],
      ['roles', '--remote-debugging-port=9222']
    ]) {
      const requests = account.proxy.requests.length
      const { io, out } = capture(account.env)
      expect(await runCliMode(args, io), args.join(' ')).toBe(2)
      expect(out.stdout).toBe('')
      expect(out.stderr).toMatch(/^cairn: --[\w-]+(=\S+)? is a switch of the browser engine inside Cairn, not an option of the cairn command/)
      expect(out.stderr).toContain('Usage: Cairn --cairn-cli <command> [options]')
      expect(account.proxy.requests.length).toBe(requests)
    }
  })
})

describe('ending the command-line process', () => {
  function recorder() {
    const events: string[] = []
    const stream = (name: string) => ({
      write(text: string, callback: () => void) {
        events.push(`${name} drained`)
        setImmediate(callback)
        return true
      }
    })
    return {
      events,
      how: {
        stdout: stream('stdout'),
        stderr: stream('stderr'),
        exit: (code: number) => void events.push(`exit ${code}`),
        kill: () => void events.push('kill')
      }
    }
  }

  it('exits with the code once standard output has drained', async () => {
    for (const code of [0, 1, 2]) {
      const { events, how } = recorder()
      finishCliMode(code, how)
      expect(events).toEqual(['stdout drained'])
      await new Promise((resolve) => setImmediate(resolve))
      expect(events).toEqual(['stdout drained', `exit ${code}`])
    }
  })

  it('kills itself when the keychain never answered, instead of waiting on its stuck call', async () => {
    const { events, how } = recorder()
    finishCliMode(KEYCHAIN_STUCK, how)
    await new Promise((resolve) => setImmediate(resolve))
    expect(events).toEqual(['stderr drained', 'kill'])
  })

  it('reports a command that threw, exit code 1', () => {
    const { io, out } = capture({})
    expect(cliModeCrash(new Error('boom'), io.stderr)).toBe(1)
    expect(out.stderr).toMatch(/^cairn: Error: boom\n/)
  })
})
