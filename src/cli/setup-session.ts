import { fromIni } from '@aws-sdk/credential-provider-ini'
import { defaultDataDir } from '../main/app-info/data-dir'
import type { BootstrapCredentials } from '../main/connect/credentials-format'
import type { StepProgress } from '../main/setup/apply/progress'
import { defaultRoles, type RoleId, type RoleSpec } from '../main/setup/roles'
import { createSetupService, type OperationContext, type SetupRequest, type SetupService } from '../main/setup/setup-service'
import { DEFAULT_SIGN_IN_USER, defaultIamRoles } from '../main/setup/roles-layout'
import { createConnectService, type ConnectService } from '../main/connect/connect-service'
import { createAuditService, type AuditService } from '../main/audit/audit-service'
import { keytarSecretStore, loadSearchableKeytar, type SecretStore } from '../main/vault/secret-store'
import { CairnError } from '../shared/errors'
import type { CliIo } from './main'
import { recordAppliedRoles } from '../main/profiles/record-applied-roles'
import { cliProfiles } from './profiles-context'
import { roleIds } from '../shared/domain/words'

/** Options every setup command takes: where the bootstrap credentials and AWS are. */
export const connectionOptions = {
  profile: { type: 'string' },
  endpoint: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export const CONNECTION_HELP = `Bootstrap credentials (an administrator's key, or a temporary root key):
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or
  --profile NAME       a profile of ~/.aws/config and ~/.aws/credentials
  --endpoint URL       another endpoint, e.g. the practice account's (or AWS_ENDPOINT_URL)

Environment: CAIRN_DATA_DIR (where the setup journal lives), CAIRN_VAULT_SERVICE
(the keychain service name; default Cairn).
`

/** A command's outcome when something stopped it: 2 for what the user must change, else 1. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof CairnError && ['INVALID_REQUEST', 'INVALID_CREDENTIALS', 'NO_IAM_PERMISSION', 'NOT_CONNECTED'].includes(error.code)) return 2
  return 1
}

export function reportError(io: CliIo, command: string, error: unknown): number {
  const message = error instanceof Error ? error.message : String(error)
  io.stderr.write(`cairn ${command}: ${message}\n`)
  for (const issue of error instanceof CairnError ? (error.issues ?? []) : []) io.stderr.write(`  ${issue.path}: ${issue.message}\n`)
  return exitCodeFor(error)
}

/** The bootstrap credentials from the standard AWS sources: --profile, else the environment. */
export async function bootstrapCredentials(io: CliIo, values: { profile?: string; endpoint?: string }): Promise<BootstrapCredentials> {
  const env = io.env
  const endpoint = values.endpoint ?? env['AWS_ENDPOINT_URL'] ?? env['AWS_ENDPOINT_URL_IAM']
  const at = endpoint ? { endpoint } : {}
  if (values.profile !== undefined) {
    try {
      const credentials = await fromIni({
        profile: values.profile,
        ignoreCache: true,
        ...(env['AWS_SHARED_CREDENTIALS_FILE'] ? { filepath: env['AWS_SHARED_CREDENTIALS_FILE'] } : {}),
        ...(env['AWS_CONFIG_FILE'] ? { configFilepath: env['AWS_CONFIG_FILE'] } : {})
      })()
      return {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
        ...at
      }
    } catch (error) {
      throw new CairnError('INVALID_REQUEST', `The profile "${values.profile}" gave no credentials: ${(error as Error).message}`)
    }
  }
  const accessKeyId = env['AWS_ACCESS_KEY_ID']
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY']
  if (!accessKeyId || !secretAccessKey) {
    throw new CairnError('INVALID_REQUEST', 'No bootstrap credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile NAME.')
  }
  return { accessKeyId, secretAccessKey, ...(env['AWS_SESSION_TOKEN'] ? { sessionToken: env['AWS_SESSION_TOKEN'] } : {}), ...at }
}

/** The services a setup command uses, sharing one connection. */
export interface SetupServices {
  connect: ConnectService
  audit: AuditService
  setup: SetupService
}

/** The same services as the app's, with this process's data dir and keychain service. */
export function setupServices(io: CliIo): SetupServices {
  let vault: Promise<SecretStore> | null = null
  const connect = createConnectService()
  return {
    connect,
    audit: createAuditService({ connection: connect.connection }),
    setup: createSetupService({
      connection: connect.connection,
      dataDir: defaultDataDir(io.env),
      vault: () => (vault ??= loadSearchableKeytar().then((keytar) => keytarSecretStore(keytar, { service: io.env['CAIRN_VAULT_SERVICE'] || 'Cairn' }))),
      // The roles an apply sets up become `cairn roles` / `cairn switch` roles, as from the app.
      onApplied: (applied) => recordAppliedRoles(cliProfiles(io), applied)
    })
  }
}

/** Connected, from the command line's credentials; throws a CairnError saying what is wrong. */
export async function connectedServices(io: CliIo, values: { profile?: string; endpoint?: string }): Promise<SetupServices> {
  const services = setupServices(io)
  await services.connect.withKeys(await bootstrapCredentials(io, values))
  return services
}

/** --roles billing,dev,ops,admin: the article's roles, in that order. Default: billing, dev, ops. */
export function rolesFrom(text: string | undefined): RoleSpec[] {
  if (text === undefined) return defaultRoles({ includeAdmin: false })
  const wanted = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const unknown = wanted.filter((role) => !roleIds.includes(role as RoleId))
  if (unknown.length > 0 || wanted.length === 0) {
    throw new CairnError(
      'INVALID_REQUEST',
      `--roles takes a comma-separated list of ${roleIds.join(', ')}${unknown.length ? `; not ${unknown.join(', ')}` : ''}.`
    )
  }
  return defaultRoles({ includeAdmin: true }).filter((spec) => wanted.includes(spec.role))
}

/** `--layout users|roles` with `--roles` and `--sign-in NAME`: the setup plan and apply send. */
export function setupFrom(values: { roles?: string | undefined; layout?: string | undefined; 'sign-in'?: string | undefined }): SetupRequest {
  const layout = values.layout ?? 'users'
  if (layout !== 'users' && layout !== 'roles')
    throw new CairnError('INVALID_REQUEST', `--layout is users (the guide's three users) or roles (one sign-in, IAM roles); not ${layout}.`)
  const roles = rolesFrom(values.roles)
  if (layout === 'users') {
    if (values['sign-in'] !== undefined) throw new CairnError('INVALID_REQUEST', '--sign-in names the user of the roles layout: add --layout roles.')
    return { roles }
  }
  const wanted = new Set(roles.map((spec) => spec.role))
  return {
    layout: 'roles',
    signIn: { userName: values['sign-in'] ?? DEFAULT_SIGN_IN_USER },
    roles: defaultIamRoles({ includeAdmin: true }).filter((spec) => wanted.has(spec.role))
  }
}

export const LAYOUT_HELP = `  --layout L     users: the guide's billing, dev and ops users (default);
                 roles: one sign-in user who assumes IAM roles billing, dev, ops with MFA
  --sign-in NAME The roles layout's IAM user (default: ${DEFAULT_SIGN_IN_USER})`

/** "  done      user:dev  Created user dev." — one line per step change. */
export function progressLine(progress: StepProgress): string {
  const attempt = progress.state === 'retrying' && progress.attempt ? ` (attempt ${progress.attempt})` : ''
  return `  ${progress.state.padEnd(9)} ${progress.stepId}${attempt}${progress.message ? `  ${progress.message}` : ''}\n`
}

/** An apply's or a rollback's steps, one line each, to a terminal stream. */
export function printProgress(stream: { write(text: string): unknown }): OperationContext {
  return { emit: (_event, progress) => stream.write(progressLine(progress)) }
}

/** Whether a person can answer a question here: both ends are a terminal. */
export function interactive(io: CliIo): boolean {
  return (io.stdout as { isTTY?: boolean }).isTTY === true && process.stdin.isTTY === true
}

export async function confirm(io: CliIo, question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises')
  const rl = createInterface({ input: process.stdin, output: io.stdout as NodeJS.WritableStream })
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim())
  } finally {
    rl.close()
  }
}
