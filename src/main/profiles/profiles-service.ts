import { CairnError } from '../../shared/errors'
import { DEFAULT_PARTITION, iamArn, type Partition } from '../aws/partition'
import type { ConsoleOpened, ProfilesOverview, SignedIn } from '../../shared/channels/profiles'
import { signInId } from '../../shared/domain/words'
import { createRoleSessions, type RoleSessions, type SessionStatus, type SessionTarget } from '../sessions/role-sessions'
import type { StsClientFactory } from '../sessions/get-session-token'
import { NoAccessKeyError } from '../sessions/session-errors'
import type { SessionCredentials } from '../sessions/session-freshness'
import type { ChannelService } from '../ipc/service-channels'
import type { SecretStore } from '../vault/secret-store'
import {
  currentAccount,
  DEFAULT_REGION,
  DEFAULT_SESSION_SECONDS,
  findRole,
  isPracticeEndpoint,
  registryFile,
  registryPath,
  sortRoles,
  type AccountRegistry,
  type RegisteredAccount,
  type RegisteredRole,
  type RegistryFile
} from './account-registry'
import { resolveAwsFilePaths, type AwsFilePaths } from './aws-files'
import { cairnProfilesIn, profilesShadowedByCredentialsFile } from './cairn-sections'
import { readConfigFile } from './config-file-writer'
import { parseIni } from './ini-document'
import { consoleSignIn, type ConsoleSignIn } from './console-sign-in'
import { ACTIVE_PROFILE, cairnProfileSet, defaultProfileOf, profileNameOf } from './profile-set'
import { writeCairnProfiles, type ProfilesWrite } from './write-profiles'

/** Which window a console sign-in opens in: one per account and role. */
export interface ConsoleWindowTarget {
  accountId: string
  role: string
  /** The practice account's origin, which the window may also visit. */
  practiceOrigin?: string
}

export type OpenConsoleWindow = (url: string, target: ConsoleWindowTarget) => void

export interface ProfilesServiceInput {
  /** Where the account registry lives (the app's userData, or CAIRN_DATA_DIR). */
  dataDir: string
  vault: () => Promise<SecretStore>
  /** What runs `cairn` (absolute node + bin/cairn.js); null when this build cannot run it. */
  cairnCommand: readonly string[] | null
  /** For AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
  env: Readonly<Record<string, string | undefined>>
  homedir: string
  platform?: NodeJS.Platform
  now?: () => number
  sts?: StsClientFactory
  fetch?: typeof fetch
  /** Opens the console in a window of its own; the Electron shell provides it. */
  openConsoleWindow?: OpenConsoleWindow
  /** Puts the console password on the clipboard and clears it after 30 s; the Electron shell provides it. */
  copyPassword?: (password: string) => void
  /** Told after the active role or the roles change (the tray menu listens). */
  onChange?: () => void
}

export interface AccountRoles {
  accountId: string
  /** From the caller's ARN; default aws. */
  partition?: Partition
  endpoint?: string
  /** The roles were set up in Cairn's practice account. */
  practice?: boolean
  region?: string
  sessionSeconds?: number
  /** The roles layout's sign-in user; absent in the guide's layout (one IAM user per role). */
  signIn?: { userName: string }
  roles: RegisteredRole[]
}

export type RoleChoice = string | 'active'

/** The profiles.* channels, and what the command line and credential_process use besides. */
export interface ProfilesService extends ChannelService<'profiles'> {
  readonly registry: RegistryFile
  readonly sessions: RoleSessions
  list(): Promise<ProfilesOverview>
  /** Makes the role the active one, and answers the overview. */
  switch(request: { role: string }): Promise<ProfilesOverview>
  /** The same, with what was written to the AWS config file (the command line reports it). */
  switchRole(role: string): Promise<{ overview: ProfilesOverview; write: ProfilesWrite }>
  refreshSession(request: { role: string; code?: string; serial?: string; durationSeconds?: number }): Promise<{ role: string; expiration: string }>
  /** The roles layout: signs in for the day with one MFA code, then starts every role's session at once. */
  signIn(request: { code: string; serial?: string | undefined; durationSeconds?: number }): Promise<SignedIn>
  /** The session credential_process hands out: cached, or fresh when the role needs no MFA. */
  credentials(role: RoleChoice): Promise<SessionCredentials>
  consoleSignIn(role: string): Promise<ConsoleSignIn>
  openConsole(request: { role: string }): Promise<ConsoleOpened>
  writeConfig(): Promise<ProfilesWrite>
  setDefault(request: { role: RoleChoice | null }): Promise<ProfilesWrite>
  remove(what: { role: string } | { all: true }): Promise<ProfilesWrite>
  /** Records an account's roles (after setup), and makes it the current account. */
  registerAccount(account: AccountRoles): Promise<void>
  /**
   * Keeps the endpoint override of a registered account current (the practice account's port
   * changes); `practice` marks it as the app's own practice account.
   */
  rememberEndpoint(accountId: string, endpoint: string | undefined, options?: { practice?: boolean }): Promise<void>
  /**
   * On start: when Cairn's sections in the config file run another `cairn` than this app's
   * (the app moved, or an update landed elsewhere), writes them again; null when nothing was due.
   */
  rewriteIfCommandChanged(): Promise<ProfilesWrite | null>
  awsFiles(): AwsFilePaths
}

const NO_ROLES = 'Cairn has no roles on this computer yet. Finish setup in Cairn (Plan, then Apply), then try again.'

/** The active role of the current account, or the named one; explains what is missing. */
export function resolveRole(registry: AccountRegistry, choice: RoleChoice): { account: RegisteredAccount; role: RegisteredRole } {
  const account = currentAccount(registry)
  if (!account || account.roles.length === 0) throw new CairnError('NOT_FOUND', NO_ROLES)
  const name = choice === 'active' ? registry.activeRole : choice
  if (name === null) throw new CairnError('NOT_FOUND', 'No role is active yet. Pick one: `cairn switch dev` (or click a role in Cairn).')
  const role = findRole(account, name)
  if (!role) {
    const known = sortRoles(account.roles).map((entry) => entry.role)
    throw new CairnError('NOT_FOUND', `There is no ${name} role in account ${account.accountId}; Cairn knows ${known.join(', ')}.`)
  }
  return { account, role }
}

export const userArn = (account: Pick<RegisteredAccount, 'accountId' | 'partition'>, userName: string) =>
  iamArn(account.partition ?? DEFAULT_PARTITION, account.accountId, `user/${userName}`)

/** The current account in the roles layout, or why there is none. */
export function signInAccount(registry: AccountRegistry): RegisteredAccount & { signIn: { userName: string } } {
  const account = currentAccount(registry)
  if (!account || account.roles.length === 0) throw new CairnError('NOT_FOUND', NO_ROLES)
  if (!account.signIn)
    throw new CairnError(
      'NOT_FOUND',
      `Account ${account.accountId} has one IAM user per role, each with its own session: start one with \`cairn session ROLE\` (or Refresh session in Cairn).`
    )
  return account as RegisteredAccount & { signIn: { userName: string } }
}

function shellSnippet(platform: NodeJS.Platform): string {
  return platform === 'win32' ? `$env:AWS_PROFILE = "${ACTIVE_PROFILE}"` : `export AWS_PROFILE=${ACTIVE_PROFILE}`
}

export function createProfilesService(input: ProfilesServiceInput): ProfilesService {
  const platform = input.platform ?? process.platform
  const now = input.now ?? Date.now
  const registry = registryFile(registryPath(input.dataDir))
  const sessions = createRoleSessions({ vault: input.vault, now, lockDir: input.dataDir, ...(input.sts ? { sts: input.sts } : {}) })
  const awsFiles = () => resolveAwsFilePaths(input.env, input.homedir)
  const changed = () => input.onChange?.()

  const target = (account: RegisteredAccount, role: RegisteredRole): SessionTarget => ({ account, role })

  /**
   * After a change of layout the old roles' cached sessions belong to identities Cairn no longer
   * uses (a role's entry held the dev user's session, and now holds the dev role's): dropped, so
   * nothing hands them out. Keys and passwords stay for the apply engine to clean up.
   */
  const forgetSessionsOf = async (account: RegisteredAccount): Promise<void> => {
    const vault = await input.vault()
    const names = [...account.roles.map((role) => role.role), ...(account.signIn ? [signInId] : [])]
    await Promise.all(
      names.map(async (role) => {
        const key = { accountId: account.accountId, role }
        if (!(await vault.get(key).catch(() => null))?.session) return
        await vault.update(key, (current) => {
          const { session: _dropped, ...rest } = current ?? {}
          return rest
        })
      })
    )
  }

  const cairnCommand = (): readonly string[] => {
    if (input.cairnCommand) return input.cairnCommand
    throw new CairnError(
      'INTERNAL',
      'This build of Cairn cannot write AWS CLI profiles: it has no `cairn` command to point them at. Run `cairn switch ROLE` from a terminal where `cairn` is installed.'
    )
  }

  const writeConfig = async (): Promise<ProfilesWrite> => {
    const current = await registry.read()
    const account = currentAccount(current)
    const profiles = account && account.roles.length > 0 ? cairnProfileSet(current, cairnCommand(), platform) : []
    return writeCairnProfiles(awsFiles(), profiles, { defaultProfile: defaultProfileOf(current, profiles) })
  }

  const list = async (): Promise<ProfilesOverview> => {
    const current = await registry.read()
    const account = currentAccount(current)
    const warnings: string[] = []
    let vault: SecretStore | null = null
    try {
      vault = await input.vault()
    } catch (error) {
      warnings.push(error instanceof Error ? error.message : String(error))
    }
    let signIn: ProfilesOverview['signIn'] = null
    if (account?.signIn) {
      let session: SessionStatus | null = null
      if (vault) {
        try {
          session = await sessions.signInStatus(account)
        } catch (error) {
          warnings.push(error instanceof Error ? error.message : String(error))
        }
      }
      signIn = { userName: account.signIn.userName, arn: userArn(account, account.signIn.userName), session }
    }
    const roles = await Promise.all(
      sortRoles(account?.roles ?? []).map(async (role) => {
        let session: SessionStatus | null = null
        if (vault && account) {
          try {
            session = await sessions.status(target(account, role))
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error)
            if (!warnings.includes(message)) warnings.push(message)
          }
        }
        const profile = profileNameOf(role.role)
        return {
          role: role.role,
          userName: role.userName,
          arn: role.roleArn ?? userArn(account ?? { accountId: '' }, role.userName),
          ...(role.roleArn === undefined ? {} : { roleArn: role.roleArn }),
          profile,
          active: current.activeRole === role.role,
          isDefault: current.defaultProfile === profile || (current.defaultProfile === ACTIVE_PROFILE && current.activeRole === role.role),
          hasAccessKey: role.hasAccessKey,
          requiresMfa: role.requiresMfa,
          consoleAccess: role.consoleAccess,
          session
        }
      })
    )
    const files = awsFiles()
    if (account && roles.length > 0) {
      const config = await readConfigFile(files.config).catch(() => null)
      const credentialsText = await readConfigFile(files.credentials).catch(() => null)
      const names = [...roles.map((role) => role.profile), ACTIVE_PROFILE]
      if (credentialsText !== null) {
        for (const name of profilesShadowedByCredentialsFile(credentialsText, names)) {
          warnings.push(
            `${files.credentials} also defines [${name}]; the AWS CLI uses those keys instead of Cairn's. Remove that section to let Cairn's profile work.`
          )
        }
      }
      const written = config === null ? [] : cairnProfilesIn(config)
      const missing = names.filter((name) => !written.includes(name))
      if (missing.length > 0)
        warnings.push(
          `${files.config} lacks Cairn's ${missing.map((name) => `[profile ${name}]`).join(', ')}: write the profiles (Write AWS CLI profiles in Cairn's Profiles settings, or \`cairn switch ROLE\`) to use the AWS CLI as these roles.`
        )
    }
    return {
      accountId: account?.accountId ?? null,
      practice: account?.practice === true,
      signIn,
      roles,
      activeRole: account ? current.activeRole : null,
      shellSnippet: shellSnippet(platform),
      configFile: files.config,
      defaultProfile: current.defaultProfile,
      warnings
    }
  }

  const switchRole = async (name: string): Promise<{ overview: ProfilesOverview; write: ProfilesWrite }> => {
    const { role } = resolveRole(await registry.read(), name)
    if (!role.hasAccessKey) throw new NoAccessKeyError(role.role)
    await registry.update((current) => {
      current.activeRole = role.role
    })
    changed()
    // `[profile cairn]` resolves the active role on each call; writing makes sure it is there.
    const write = await writeConfig()
    return { overview: await list(), write }
  }

  return {
    registry,
    sessions,
    list,
    writeConfig,
    awsFiles,

    switchRole,

    async switch({ role }) {
      return (await switchRole(role)).overview
    },

    async refreshSession({ role: name, ...options }) {
      const { account, role } = resolveRole(await registry.read(), name)
      const session = await sessions.refresh(target(account, role), options)
      changed()
      return { role: role.role, expiration: session.expiration }
    },

    async signIn({ code, serial, durationSeconds }) {
      const account = signInAccount(await registry.read())
      const day = await sessions.signIn(account, {
        code,
        ...(serial !== undefined ? { serial } : {}),
        ...(durationSeconds !== undefined ? { durationSeconds } : {})
      })
      // Every role at once: an hour each, started now so the first AWS CLI call waits for nothing.
      const started = await Promise.allSettled(
        sortRoles(account.roles.filter((role) => role.roleArn !== undefined)).map(async (role) => {
          const session = await sessions.refresh(target(account, role))
          return { role: role.role, expiration: session.expiration }
        })
      )
      changed()
      const failed = started.find((result) => result.status === 'rejected')
      if (failed) throw failed.reason
      return {
        userName: account.signIn.userName,
        expiration: day.expiration,
        roles: started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []))
      }
    },

    async credentials(choice) {
      const { account, role } = resolveRole(await registry.read(), choice)
      if (!role.hasAccessKey) throw new NoAccessKeyError(role.role)
      return sessions.current(target(account, role))
    },

    async consoleSignIn(name) {
      const { account, role } = resolveRole(await registry.read(), name)
      return consoleSignIn({
        account,
        role,
        vault: await input.vault(),
        now,
        ...(input.sts ? { sts: input.sts } : {}),
        ...(input.fetch ? { fetch: input.fetch } : {})
      })
    },

    async openConsole({ role: name }) {
      const { account, role } = resolveRole(await registry.read(), name)
      const signIn = await consoleSignIn({
        account,
        role,
        vault: await input.vault(),
        now,
        ...(input.sts ? { sts: input.sts } : {}),
        ...(input.fetch ? { fetch: input.fetch } : {})
      })
      const open = input.openConsoleWindow
      if (!open) throw new CairnError('INTERNAL', `Console windows open in the Cairn app only. From a terminal: \`cairn console ${role.role} --open\`.`)
      const windowTarget: ConsoleWindowTarget = {
        accountId: account.accountId,
        role: role.role,
        ...(account.endpoint && isPracticeEndpoint(account.endpoint) ? { practiceOrigin: new URL(account.endpoint).origin } : {})
      }
      open(signIn.url, windowTarget)
      if (signIn.kind === 'federated') return { kind: 'federated', role: signIn.role, expiresAt: signIn.expiresAt }
      const copy = input.copyPassword
      if (signIn.password !== null && copy) copy(signIn.password)
      return {
        kind: 'sign-in-page',
        role: signIn.role,
        url: signIn.url,
        userName: signIn.userName,
        why: signIn.why,
        passwordCopied: signIn.password !== null && copy !== undefined
      }
    },

    async setDefault({ role: choice }) {
      const current = await registry.read()
      let profile: string | null = null
      if (choice === 'active') profile = ACTIVE_PROFILE
      else if (choice !== null) {
        const { role } = resolveRole(current, choice)
        // A [default] that cannot get credentials would break every plain `aws` command.
        if (!role.hasAccessKey) throw new NoAccessKeyError(role.role)
        profile = profileNameOf(role.role)
      }
      await registry.update((next) => {
        next.defaultProfile = profile
      })
      changed()
      return writeConfig()
    },

    async remove(what) {
      if ('all' in what) {
        // Uninstall: every Cairn section goes and the user's own [default] comes back; the registry stays.
        await registry.update((next) => {
          next.defaultProfile = null
        })
        changed()
        return writeCairnProfiles(awsFiles(), [])
      }
      const { account, role } = resolveRole(await registry.read(), what.role)
      await registry.update((next) => {
        const entry = next.accounts.find((candidate) => candidate.accountId === account.accountId)
        if (entry) entry.roles = entry.roles.filter((candidate) => candidate.role !== role.role)
        if (next.activeRole === role.role) next.activeRole = null
        if (next.defaultProfile === profileNameOf(role.role)) next.defaultProfile = null
      })
      changed()
      return writeConfig()
    },

    async registerAccount(roles) {
      let replacedLayout: RegisteredAccount | undefined
      await registry.update((next) => {
        const existing = next.accounts.find((account) => account.accountId === roles.accountId)
        // A change of layout (one IAM user per role, or one sign-in user assuming roles) replaces every role.
        const layoutChanged = existing !== undefined && (existing.signIn === undefined) !== (roles.signIn === undefined)
        if (layoutChanged) replacedLayout = existing
        const merged = new Map((layoutChanged ? [] : (existing?.roles ?? [])).map((role) => [role.role, role]))
        for (const role of roles.roles) merged.set(role.role, role)
        const partition = roles.partition ?? existing?.partition ?? DEFAULT_PARTITION
        const account: RegisteredAccount = {
          accountId: roles.accountId,
          ...(partition === DEFAULT_PARTITION ? {} : { partition }),
          ...((roles.endpoint ?? existing?.endpoint) ? { endpoint: roles.endpoint ?? existing?.endpoint } : {}),
          ...(roles.practice || existing?.practice ? { practice: true as const } : {}),
          region: roles.region ?? existing?.region ?? DEFAULT_REGION,
          sessionSeconds: roles.sessionSeconds ?? existing?.sessionSeconds ?? DEFAULT_SESSION_SECONDS,
          ...(roles.signIn ? { signIn: { userName: roles.signIn.userName } } : {}),
          roles: sortRoles([...merged.values()])
        }
        next.accounts = [...next.accounts.filter((candidate) => candidate.accountId !== roles.accountId), account]
        if (next.currentAccountId !== roles.accountId) {
          next.currentAccountId = roles.accountId
          next.activeRole = null
          next.defaultProfile = null
        }
        const active = next.activeRole === null ? null : findRole(account, next.activeRole)
        if (!active?.hasAccessKey) {
          // Start where most CLI work happens: dev, else the first role with a key.
          const first = account.roles.find((role) => role.role === 'dev' && role.hasAccessKey) ?? account.roles.find((role) => role.hasAccessKey)
          next.activeRole = first?.role ?? null
        }
      })
      if (replacedLayout) await forgetSessionsOf(replacedLayout)
      changed()
    },

    async rewriteIfCommandChanged() {
      if (!input.cairnCommand) return null
      const current = await registry.read()
      const account = currentAccount(current)
      if (!account || account.roles.length === 0) return null
      const text = await readConfigFile(awsFiles().config)
      // No Cairn section left means the user removed them: nothing is written back unasked.
      const written = text === null ? [] : cairnProfilesIn(text)
      if (text === null || written.length === 0) return null
      const commands = new Set(cairnProfileSet(current, input.cairnCommand, platform).map((profile) => profile.credentialProcess))
      const stale = parseIni(text).sections.some(
        (section) =>
          (section.kind === 'profile' || section.kind === 'default') &&
          written.includes(section.name) &&
          !commands.has(section.values.get('credential_process') ?? '')
      )
      return stale ? writeConfig() : null
    },

    async rememberEndpoint(accountId, endpoint, options = {}) {
      const known = (await registry.read()).accounts.find((account) => account.accountId === accountId)
      if (!known || (known.endpoint === endpoint && (!options.practice || known.practice))) return
      await registry.update((next) => {
        const account = next.accounts.find((candidate) => candidate.accountId === accountId)
        if (!account) return
        if (endpoint === undefined) delete account.endpoint
        else account.endpoint = endpoint
        if (options.practice) account.practice = true
      })
    }
  }
}
