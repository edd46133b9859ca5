import { readFileSync } from 'node:fs'
import path from 'node:path'
import { CairnError } from '../../shared/errors'
import { writeFileAtomic } from '../fs/write-file-atomic'
import { roleIds } from '../../shared/domain/words'

/**
 * What Cairn knows about the accounts and roles on this computer, without a single secret:
 * those live in the keychain. `cairn credential-process` reads this file on every AWS CLI
 * call, so it is parsed by hand (no zod, no SDK) to keep that path fast.
 */

export type RoleName = string

export interface RegisteredRole {
  role: RoleName
  userName: string
  /** The role's policies deny calls without MFA, so its sessions need a code. */
  requiresMfa: boolean
  /** The user has an access key (in the keychain): the AWS CLI can act as it. */
  hasAccessKey: boolean
  /** The user has a console password (in the keychain). */
  consoleAccess: boolean
  /**
   * The roles layout: an IAM role the account's sign-in user assumes (its sessions start from
   * the day's sign-in session). userName is then the sign-in user's, and hasAccessKey says
   * whether the sign-in's key is in the keychain.
   */
  roleArn?: string
}

/** The roles layout's person: the one IAM user that signs in for the day and assumes the roles. */
export interface RegisteredSignIn {
  userName: string
}

export interface RegisteredAccount {
  accountId: string
  /** aws-cn, aws-us-gov...; absent: aws. */
  partition?: string
  /** IAM/STS endpoint override, such as the practice account's http://127.0.0.1:PORT. */
  endpoint?: string
  /**
   * Cairn's practice account: its roles were set up over a connection to a practice service,
   * or it is the app's own. An endpoint override alone says nothing (LocalStack, a proxy).
   */
  practice?: true
  region: string
  /** GetSessionToken's DurationSeconds for this account's roles. */
  sessionSeconds: number
  /** Present in the roles layout: the person's IAM user, whose day's session starts the roles' sessions. */
  signIn?: RegisteredSignIn
  roles: RegisteredRole[]
}

export interface AccountRegistry {
  version: 1
  accounts: RegisteredAccount[]
  /** The account whose roles the `cairn-*` profiles act as. */
  currentAccountId: string | null
  /** The role `[profile cairn]` (AWS_PROFILE=cairn) acts as, in the current account. */
  activeRole: RoleName | null
  /** Opt-in: the Cairn profile `[default]` acts as (`cairn` follows the active role); null: the user's own. */
  defaultProfile: string | null
}

export const DEFAULT_REGION = 'us-east-1'
/** 12 hours, STS's default for GetSessionToken. */
export const DEFAULT_SESSION_SECONDS = 43_200
export const REGISTRY_FILE = 'accounts.json'

export const emptyRegistry = (): AccountRegistry => ({ version: 1, accounts: [], currentAccountId: null, activeRole: null, defaultProfile: null })

export function registryPath(dataDir: string): string {
  return path.join(dataDir, REGISTRY_FILE)
}

export class RegistryDamagedError extends CairnError {
  constructor(
    readonly file: string,
    readonly problem: string
  ) {
    super('INTERNAL', `${file} is damaged (${problem}). Move it aside and set your roles up again in Cairn; your keys stay in the keychain.`)
    this.name = 'RegistryDamagedError'
  }
}

const accountIdPattern = /^\d{12}$/
const roleNamePattern = /^[a-z][a-z0-9-]{0,30}$/
const partitionPattern = /^aws[a-z0-9-]*$/
const roleArnPattern = /^arn:aws[a-z0-9-]*:iam::\d{12}:role\/[\u0021-\u007E]+$/
const userNamePattern = /^[\w+=,.@-]{1,64}$/

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

function parseRole(value: unknown, where: string): RegisteredRole {
  if (!isObject(value)) throw new Error(`${where} is not an object`)
  const { role, userName, requiresMfa, hasAccessKey, consoleAccess, roleArn } = value
  if (typeof role !== 'string' || !roleNamePattern.test(role)) throw new Error(`${where}.role is not a role name`)
  if (typeof userName !== 'string' || userName === '') throw new Error(`${where}.userName is missing`)
  if (typeof requiresMfa !== 'boolean' || typeof hasAccessKey !== 'boolean' || typeof consoleAccess !== 'boolean') {
    throw new Error(`${where} needs requiresMfa, hasAccessKey and consoleAccess as true or false`)
  }
  if (roleArn !== undefined && (typeof roleArn !== 'string' || !roleArnPattern.test(roleArn))) throw new Error(`${where}.roleArn is not an IAM role ARN`)
  return { role, userName, requiresMfa, hasAccessKey, consoleAccess, ...(roleArn === undefined ? {} : { roleArn }) }
}

function parseSignIn(value: unknown, where: string): RegisteredSignIn {
  if (!isObject(value)) throw new Error(`${where} is not an object`)
  const { userName } = value
  if (typeof userName !== 'string' || !userNamePattern.test(userName)) throw new Error(`${where}.userName is not an IAM user name`)
  return { userName }
}

function parseAccount(value: unknown, where: string): RegisteredAccount {
  if (!isObject(value)) throw new Error(`${where} is not an object`)
  const { accountId, partition, endpoint, practice, region, sessionSeconds, signIn, roles } = value
  if (typeof accountId !== 'string' || !accountIdPattern.test(accountId)) throw new Error(`${where}.accountId is not a 12-digit account id`)
  if (partition !== undefined && (typeof partition !== 'string' || !partitionPattern.test(partition)))
    throw new Error(`${where}.partition is not an AWS partition`)
  if (endpoint !== undefined && (typeof endpoint !== 'string' || !/^https?:\/\//.test(endpoint))) throw new Error(`${where}.endpoint is not a URL`)
  if (practice !== undefined && typeof practice !== 'boolean') throw new Error(`${where}.practice is not true or false`)
  if (typeof region !== 'string' || region === '') throw new Error(`${where}.region is missing`)
  if (typeof sessionSeconds !== 'number' || !Number.isInteger(sessionSeconds) || sessionSeconds < 900 || sessionSeconds > 129_600) {
    throw new Error(`${where}.sessionSeconds is not 900-129600`)
  }
  if (!Array.isArray(roles)) throw new Error(`${where}.roles is not a list`)
  return {
    accountId,
    ...(partition === undefined ? {} : { partition }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(practice === true ? { practice: true as const } : {}),
    region,
    sessionSeconds,
    ...(signIn === undefined ? {} : { signIn: parseSignIn(signIn, `${where}.signIn`) }),
    roles: roles.map((role, i) => parseRole(role, `${where}.roles[${i}]`))
  }
}

/** The registry in `text`; throws an Error naming the first thing wrong. */
export function parseRegistry(text: string): AccountRegistry {
  const value: unknown = JSON.parse(text)
  if (!isObject(value) || value['version'] !== 1) throw new Error('version is not 1')
  const { accounts, currentAccountId, activeRole, defaultProfile } = value
  if (!Array.isArray(accounts)) throw new Error('accounts is not a list')
  const nullableString = (field: unknown, name: string): string | null => {
    if (field === null || field === undefined) return null
    if (typeof field !== 'string') throw new Error(`${name} is not text`)
    return field
  }
  return {
    version: 1,
    accounts: accounts.map((account, i) => parseAccount(account, `accounts[${i}]`)),
    currentAccountId: nullableString(currentAccountId, 'currentAccountId'),
    activeRole: nullableString(activeRole, 'activeRole'),
    defaultProfile: nullableString(defaultProfile, 'defaultProfile')
  }
}

/** The registry on disk; an empty one when the file does not exist yet. */
export async function readRegistry(file: string): Promise<AccountRegistry> {
  let text: string
  try {
    // A few hundred bytes: reading synchronously is the fastest way, and nothing else waits on it.
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyRegistry()
    throw error
  }
  try {
    return parseRegistry(text)
  } catch (error) {
    throw new RegistryDamagedError(file, error instanceof Error ? error.message : String(error))
  }
}

/** Replaces the file atomically (temp file + rename), readable by this user only. */
export async function writeRegistry(file: string, registry: AccountRegistry): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(registry, null, 2)}\n`)
}

/** Read, change, write; concurrent writers in one process run one after another. */
export function registryFile(file: string) {
  let queue: Promise<unknown> = Promise.resolve()
  return {
    file,
    read: () => readRegistry(file),
    update<T>(change: (registry: AccountRegistry) => T): Promise<{ registry: AccountRegistry; result: T }> {
      const run = queue.then(async () => {
        const registry = await readRegistry(file)
        const result = change(registry)
        await writeRegistry(file, registry)
        return { registry, result }
      })
      queue = run.catch(() => undefined)
      return run
    }
  }
}

export type RegistryFile = ReturnType<typeof registryFile>

export function currentAccount(registry: AccountRegistry): RegisteredAccount | null {
  return registry.accounts.find((account) => account.accountId === registry.currentAccountId) ?? null
}

export function findRole(account: RegisteredAccount | null, role: RoleName): RegisteredRole | null {
  return account?.roles.find((entry) => entry.role === role) ?? null
}

/**
 * The practice account lives on this computer's loopback interface (so do other services; only
 * RegisteredAccount.practice says an account is Cairn's practice account).
 */
export function isPracticeEndpoint(endpoint: string | undefined): boolean {
  return endpoint !== undefined && /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(endpoint)
}

/** Roles in the order people think of them: billing, dev, ops, admin, then the rest by name. */
export function sortRoles<T extends { role: RoleName }>(roles: readonly T[]): T[] {
  const rank = (role: string) => {
    const known = (roleIds as readonly string[]).indexOf(role)
    return known < 0 ? 99 : known
  }
  return [...roles].sort((a, b) => rank(a.role) - rank(b.role) || a.role.localeCompare(b.role))
}
