import { defaultDataDir } from '../../main/app-info/data-dir'
import { currentAccount, findRole, readRegistry, registryPath } from '../../main/profiles/account-registry'
import { NoAccessKeyError, SessionExpiredError, SignInNeededError } from '../../main/sessions/session-errors'
import { processCredentialsJson, sessionState } from '../../main/sessions/session-freshness'
import { DEFAULT_KEYCHAIN_TIMEOUT_MS, KeychainTimeoutError, readKeychainEntry, type KeychainEntry } from '../../main/vault/keychain-entry'
import { signInId } from '../../shared/domain/words'
import { KEYCHAIN_STUCK } from '../exit-codes'
import type { CliIo } from '../main'

/**
 * `cairn credential-process ROLE|--active`: what the AWS CLI and SDKs run for a Cairn profile.
 *
 * This runs before every AWS command the user types, so its usual path (a cached session that
 * is still valid) reads one small file and one keychain entry and loads nothing else: no AWS
 * SDK, no zod. src/cli/index.ts dispatches here before importing any other command. Only when
 * a fresh session is needed, and allowed without an MFA code, does it load the SDK.
 *
 * The AWS CLI shows whatever a failing credential_process writes to stderr, so every failure
 * is one line saying what to do.
 */

export const CREDENTIAL_PROCESS_USAGE = `Usage: cairn credential-process ROLE
       cairn credential-process --active

Prints the role's session credentials as the AWS CLI's credential_process expects (JSON:
Version, AccessKeyId, SecretAccessKey, SessionToken, Expiration). Cairn's AWS config profiles
call it; you do not need to run it yourself. --active means the role AWS_PROFILE=cairn acts as
(\`cairn switch ROLE\` changes it).

While the role's cached session has more than five minutes left it is printed without any
network call. Otherwise a role that needs MFA exits with a message telling you to refresh it
(\`cairn session ROLE\`), and a role that does not gets a new session. A role you assume after
signing in for the day (\`cairn signin\`) gets a new session from that sign-in, with no code,
until the day's session ends.

Environment:
  CAIRN_DATA_DIR              Where Cairn keeps its account registry
  CAIRN_VAULT_SERVICE         The keychain service name (default "Cairn")
  CAIRN_KEYCHAIN_TIMEOUT_MS   Give up on a locked keychain after this long (default ${DEFAULT_KEYCHAIN_TIMEOUT_MS})
`

type Target = { role: string } | { active: true }

function parse(argv: string[]): Target | 'help' | string {
  if (argv.includes('-h') || argv.includes('--help')) return 'help'
  if (argv.length !== 1) return argv.length === 0 ? 'say which role (for example dev), or --active' : `unexpected '${argv[1]}'`
  const [only] = argv as [string]
  if (only === '--active') return { active: true }
  if (only.startsWith('-')) return `unknown option '${only}'`
  return { role: only }
}

/** A message as one line: the AWS CLI prints it inside its own error line. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim()

function keychainTimeout(env: CliIo['env']): number {
  const value = Number(env['CAIRN_KEYCHAIN_TIMEOUT_MS'])
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_KEYCHAIN_TIMEOUT_MS
}

export async function credentialProcess(argv: string[], io: CliIo): Promise<number> {
  const target = parse(argv)
  if (target === 'help') {
    io.stdout.write(CREDENTIAL_PROCESS_USAGE)
    return 0
  }
  if (typeof target === 'string') {
    io.stderr.write(`cairn credential-process: ${target}\n\n${CREDENTIAL_PROCESS_USAGE}`)
    return 2
  }
  const fail = (message: string) => {
    io.stderr.write(`cairn: ${oneLine(message)}\n`)
    return 1
  }
  try {
    const registry = await readRegistry(registryPath(defaultDataDir(io.env)))
    const account = currentAccount(registry)
    if (!account || account.roles.length === 0) return fail('Cairn has no roles on this computer yet. Finish setup in the Cairn app, then try again.')
    const name = 'active' in target ? registry.activeRole : target.role
    if (name === null) return fail('No role is active yet. Pick one: `cairn switch dev` (or click a role in Cairn).')
    const role = findRole(account, name)
    if (!role) return fail(`There is no ${name} role in account ${account.accountId}; Cairn knows ${account.roles.map((entry) => entry.role).join(', ')}.`)
    if (!role.hasAccessKey) return fail(new NoAccessKeyError(role.role).message)

    const service = io.env['CAIRN_VAULT_SERVICE'] || 'Cairn'
    const read = (name: string) => readKeychainEntry({ accountId: account.accountId, role: name }, { service, timeoutMs: keychainTimeout(io.env) })
    const noKeyHeld = () =>
      fail(`The keychain holds no access key for ${role.role} (entry "${service}" / "${account.accountId}/${role.role}"). Set the role up again in Cairn.`)
    let entry: KeychainEntry
    let signIn: KeychainEntry | null = null
    try {
      entry = await read(role.role)
      // The roles layout: no valid role session means starting one from the day's sign-in, if there is one.
      if (role.roleArn !== undefined && !(entry.kind === 'found' && entry.session && sessionState(entry.session.expiration, Date.now()) === 'valid'))
        signIn = await read(signInId)
    } catch (error) {
      if (error instanceof KeychainTimeoutError) {
        fail(error.message)
        return KEYCHAIN_STUCK
      }
      return fail(`Cairn could not read the keychain (${error instanceof Error ? error.message : String(error)}). Run \`cairn doctor\` to see what is missing.`)
    }
    if (role.roleArn !== undefined) {
      if (entry.kind === 'found' && entry.session && sessionState(entry.session.expiration, Date.now()) === 'valid') {
        io.stdout.write(`${processCredentialsJson(entry.session)}\n`)
        return 0
      }
      const userName = account.signIn?.userName ?? role.userName
      if (signIn?.kind === 'missing') return fail(new SignInNeededError(userName, null).message)
      if (signIn?.kind === 'found' && !(signIn.session && sessionState(signIn.session.expiration, Date.now()) === 'valid'))
        return fail(new SignInNeededError(userName, signIn.session?.expiration ?? null).message)
    } else if (entry.kind === 'found') {
      if (!entry.hasAccessKey) return noKeyHeld()
      const session = entry.session
      if (session && sessionState(session.expiration, Date.now()) === 'valid') {
        io.stdout.write(`${processCredentialsJson(session)}\n`)
        return 0
      }
      if (role.requiresMfa) return fail(new SessionExpiredError(role.role, session?.expiration ?? null).message)
    }
    if (entry.kind === 'missing' && role.roleArn === undefined) return noKeyHeld()

    // A fresh session (no MFA needed), or an entry only the full vault can explain: load the rest.
    const { cliProfiles } = await import('../profiles-context')
    const session = await cliProfiles(io).credentials(role.role)
    io.stdout.write(`${processCredentialsJson(session)}\n`)
    return 0
  } catch (error) {
    const code = fail(error instanceof Error ? error.message : String(error))
    return error instanceof KeychainTimeoutError ? KEYCHAIN_STUCK : code
  }
}
