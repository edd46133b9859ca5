import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import type { CliIo } from '../main'
import { cliProfiles, endpointOption, rememberEndpointOverride, reportFailure } from '../profiles-context'

export const CONSOLE_USAGE = `Usage: cairn console ROLE [--open] [--code 123456] [--endpoint URL]

Signs ROLE in to the AWS console and prints the sign-in URL (valid for 15 minutes; anyone with
it can use the console as ROLE until then, so do not share it). Roles that need MFA, and users
without an access key, sign in on the account's sign-in page instead: Cairn prints that page,
the user name, and why. A role you assume after signing in for the day opens in one click
while you are signed in; --code signs you in first (as \`cairn signin\`).

Options:
  --open           Open the URL in your browser instead of printing it
  --code CODE      Sign in for the day with this MFA code first (roles you assume only)
  --endpoint URL   The account's IAM/STS endpoint (the practice account's), remembered for it
                   (or AWS_ENDPOINT_URL)
  -h, --help       Show this help
`

/** The OS's "open this URL in the browser" command. */
export function browserCommand(platform: NodeJS.Platform, url: string): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] }
  // start's first quoted argument is a window title; the empty one keeps the URL from being taken for it.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replaceAll('&', '^&')] }
  return { command: 'xdg-open', args: [url] }
}

function openInBrowser(url: string): Promise<void> {
  const { command, args } = browserCommand(process.platform, url)
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsVerbatimArguments: process.platform === 'win32' })
    child.once('error', reject)
    child.once('spawn', () => {
      child.unref()
      resolve()
    })
  })
}

/** `cairn console ROLE`: the console sign-in URL, printed or opened. */
export async function consoleCommand(argv: string[], io: CliIo, open: (url: string) => Promise<void> = openInBrowser): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: { open: { type: 'boolean' }, code: { type: 'string' }, ...endpointOption, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true
    })
  } catch (error) {
    io.stderr.write(`cairn console: ${(error as Error).message}\n\n${CONSOLE_USAGE}`)
    return 2
  }
  if (parsed.values.help) {
    io.stdout.write(CONSOLE_USAGE)
    return 0
  }
  const [role, ...extra] = parsed.positionals
  if (role === undefined || extra.length > 0) {
    io.stderr.write(`cairn console: ${role === undefined ? 'say which role, for example billing' : `unexpected '${extra[0]}'`}\n\n${CONSOLE_USAGE}`)
    return 2
  }
  const code = parsed.values.code
  if (code !== undefined && !/^\d{6}$/.test(code)) {
    io.stderr.write(`cairn console: --code takes the 6 digits your authenticator app shows\n\n${CONSOLE_USAGE}`)
    return 2
  }
  try {
    const profiles = cliProfiles(io)
    await rememberEndpointOverride(profiles, parsed.values.endpoint, io.env)
    if (code !== undefined) await profiles.signIn({ code })
    const signIn = await profiles.consoleSignIn(role)
    if (signIn.kind === 'sign-in-page') {
      const password = signIn.password === null ? '' : ' Cairn keeps the password in your keychain; the Cairn app copies it for you (Open console).'
      io.stderr.write(`${signIn.why}\nSign in as IAM user ${signIn.userName} (account ${signIn.accountId}).${password}\n`)
    }
    if (parsed.values.open) {
      await open(signIn.url)
      io.stdout.write(`Opened the ${signIn.kind === 'federated' ? 'AWS console' : 'sign-in page'} for ${signIn.role} in your browser.\n`)
    } else io.stdout.write(`${signIn.url}\n`)
    return 0
  } catch (error) {
    if (error instanceof RangeError) {
      io.stderr.write(`cairn console: ${error.message}\n`)
      return 2
    }
    if (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr.write(`cairn console: no browser opener found (${browserCommand(process.platform, '').command}); run without --open and paste the URL.\n`)
      return 1
    }
    return reportFailure(io, 'console', error)
  }
}
