import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { browserCommand, consoleCommand } from '../../../src/cli/commands/console'
import { practiceRoles, type PracticeRoles } from '../../main/profiles/practice-roles'
import { capture } from '../cli-capture'

let account: PracticeRoles
beforeAll(async () => {
  account = await practiceRoles(
    [
      { role: 'ops', policyArn: 'arn:aws:iam::aws:policy/job-function/SystemAdministrator', accessKey: true, consolePassword: true, federation: true },
      { role: 'billing', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing', consolePassword: true }
    ],
    { label: 'cli-console' }
  )
})
afterAll(() => account.close())

describe('cairn console', () => {
  it('prints the one-click sign-in URL', async () => {
    const { io, out } = capture(account.env)
    expect(await consoleCommand(['ops'], io)).toBe(0)
    expect(out.stdout).toMatch(new RegExp(`^${account.proxy.endpoint}/federation\\?Action=login&Destination=.+&SigninToken=\\S+\\n$`))
    expect(out.stderr).toBe('')
  })

  it('opens it in the browser with --open, printing no URL', async () => {
    const { io, out } = capture(account.env)
    const opened: string[] = []
    expect(await consoleCommand(['ops', '--open'], io, async (url) => void opened.push(url))).toBe(0)
    expect(opened[0]).toContain('SigninToken=')
    expect(out.stdout).toBe('Opened the AWS console for ops in your browser.\n')
  })

  it('prints the sign-in page for a user without a key, with the user name and why, never the password', async () => {
    const { io, out } = capture(account.env)
    expect(await consoleCommand(['billing'], io)).toBe(0)
    expect(out.stdout).toBe(`${account.proxy.endpoint}/console\n`)
    expect(out.stderr).toContain(`billing has no access key, which one-click sign-in needs`)
    expect(out.stderr).toContain(`Sign in as IAM user billing (account ${account.accountId}).`)
    const password = (await account.store.get({ accountId: account.accountId, role: 'billing' }))?.consolePassword
    expect(out.stdout + out.stderr).not.toContain(password)
  })

  it("uses each system's own way to open a URL", () => {
    expect(browserCommand('linux', 'https://x/?a=1&b=2')).toEqual({ command: 'xdg-open', args: ['https://x/?a=1&b=2'] })
    expect(browserCommand('darwin', 'https://x/')).toEqual({ command: 'open', args: ['https://x/'] })
    expect(browserCommand('win32', 'https://x/?a=1&b=2')).toEqual({ command: 'cmd', args: ['/c', 'start', '""', 'https://x/?a=1^&b=2'] })
  })
})
