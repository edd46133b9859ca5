import { z } from 'zod'
import { CairnError } from '../../shared/errors'
import { keychainBackendName, loadKeytar, type KeytarLike } from './keychain-probe'

/**
 * The secrets Cairn keeps per account and role, one OS keychain entry each. Nothing here ever
 * puts a secret value into an error message.
 */

export interface VaultKey {
  accountId: string
  role: string
}

const isoTime = z.iso.datetime({ offset: true })
const accessKeyId = z.string().regex(/^[A-Z0-9]{16,128}$/)
const secretAccessKey = z.string().min(1)

export const roleSecretsSchema = z.object({
  accessKey: z.object({ accessKeyId, secretAccessKey, createdAt: isoTime }).optional(),
  consolePassword: z.string().min(1).optional(),
  mfaSerial: z.string().min(1).optional(),
  session: z.object({ accessKeyId, secretAccessKey, sessionToken: z.string().min(1), expiration: isoTime }).optional()
})

export type RoleSecrets = z.output<typeof roleSecretsSchema>

export interface SecretStore {
  get(key: VaultKey): Promise<RoleSecrets | null>
  set(key: VaultKey, value: RoleSecrets): Promise<void>
  /** Read-modify-write; updates of one key run one after another, so none is lost. */
  update(key: VaultKey, change: (current: RoleSecrets | null) => RoleSecrets | Promise<RoleSecrets>): Promise<RoleSecrets>
  /** True when there was an entry to delete. */
  delete(key: VaultKey): Promise<boolean>
  list(accountId?: string): Promise<VaultKey[]>
}

/** keytar with the search Cairn needs for `list`. */
export interface KeytarWithSearch extends KeytarLike {
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>
}

/** The real keytar module; it has findCredentials, which the probe's narrower type leaves out. */
export const loadSearchableKeytar = loadKeytar as () => Promise<KeytarWithSearch>

type Operation = 'read' | 'save' | 'delete' | 'list'

/** Not of the ACCOUNT/ROLE shape, so `list` never mistakes it for a role; one per process, so processes never race on it. */
const PROBE_ACCOUNT = `cairn-unlocked-probe-${process.pid}`

export class KeychainUnavailableError extends CairnError {
  constructor(
    readonly operation: Operation,
    readonly key: VaultKey | null,
    platform: NodeJS.Platform,
    options?: { cause?: unknown }
  ) {
    const what = key ? `the secrets of role ${key.role} in account ${key.accountId}` : "the list of Cairn's secrets"
    const verb = { read: 'read', save: 'save', delete: 'delete', list: 'read' }[operation]
    super(
      'KEYCHAIN_UNAVAILABLE',
      `Cairn could not ${verb} ${what} in the ${keychainBackendName(platform)}: the keychain refused or is not running (it may be locked). Unlock it, or run \`cairn doctor\` to see what is missing, then try again.`
    )
    this.name = 'KeychainUnavailableError'
    // The keychain's own words, for logs; keytar never echoes the stored value.
    if (options?.cause !== undefined) this.cause = options.cause
  }
}

/** An entry that is not JSON, or not the shape Cairn writes. The message names where it is, never what it holds. */
export class CorruptVaultEntryError extends CairnError {
  constructor(
    readonly key: VaultKey,
    readonly service: string,
    readonly fields: string[]
  ) {
    const where = fields.length > 0 ? ` (${fields.join(', ')} ${fields.length === 1 ? 'is' : 'are'} wrong)` : ' (it is not JSON)'
    super(
      'INTERNAL',
      `The keychain entry for role ${key.role} in account ${key.accountId} is damaged${where}. Delete the entry "${service}" / "${accountName(key)}" in your keychain app, then set the role up again in Cairn (it creates a new access key).`
    )
    this.name = 'CorruptVaultEntryError'
  }
}

const accountName = (key: VaultKey) => `${key.accountId}/${key.role}`

function checkKey(key: VaultKey): void {
  if (key.accountId === '' || key.accountId.includes('/') || key.role === '')
    throw new RangeError('A vault key needs an account id without "/" and a role name.')
}

function fieldsOf(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((issue) => issue.path.join('.') || '(the whole entry)'))]
}

export function keytarSecretStore(keytar: KeytarWithSearch, options: { service?: string; platform?: NodeJS.Platform } = {}): SecretStore {
  const service = options.service ?? 'Cairn'
  const platform = options.platform ?? process.platform
  const queues = new Map<string, Promise<unknown>>()

  const keychain = async <T>(operation: Operation, key: VaultKey | null, call: () => Promise<T>): Promise<T> => {
    try {
      return await call()
    } catch (cause) {
      throw new KeychainUnavailableError(operation, key, platform, { cause })
    }
  }

  /** One writer per key at a time inside this process; a failed task does not block the next. */
  const serially = <T>(key: VaultKey, task: () => Promise<T>): Promise<T> => {
    const name = accountName(key)
    const run = (queues.get(name) ?? Promise.resolve()).then(() => task())
    const settled = run.catch(() => undefined)
    queues.set(name, settled)
    void settled.then(() => {
      if (queues.get(name) === settled) queues.delete(name)
    })
    return run
  }

  /**
   * A locked Secret Service answers reads with "nothing there" and crashes keytar's search
   * (findCredentials segfaults), while a write fails cleanly or asks the user to unlock. So on
   * Linux a write of a probe entry tells "locked" from "empty" before a search, and before an
   * empty read is believed.
   */
  let probing: Promise<void> | null = null
  const unlocked = async (operation: Operation, key: VaultKey | null): Promise<void> => {
    if (platform !== 'linux') return
    // One probe at a time in this process (parallel writes of one item race in libsecret); callers meanwhile share it.
    probing ??= (async () => {
      await keytar.setPassword(service, PROBE_ACCOUNT, 'probe')
      await keytar.deletePassword(service, PROBE_ACCOUNT)
    })().finally(() => {
      probing = null
    })
    await keychain(operation, key, () => probing ?? Promise.resolve())
  }

  const read = async (key: VaultKey): Promise<RoleSecrets | null> => {
    checkKey(key)
    const stored = await keychain('read', key, () => keytar.getPassword(service, accountName(key)))
    if (stored === null) {
      await unlocked('read', key)
      return null
    }
    let json: unknown
    try {
      json = JSON.parse(stored)
    } catch {
      throw new CorruptVaultEntryError(key, service, [])
    }
    const parsed = roleSecretsSchema.safeParse(json)
    if (!parsed.success) throw new CorruptVaultEntryError(key, service, fieldsOf(parsed.error))
    return parsed.data
  }

  const write = async (key: VaultKey, value: RoleSecrets): Promise<RoleSecrets> => {
    const parsed = roleSecretsSchema.safeParse(value)
    if (!parsed.success) throw new RangeError(`Refusing to save malformed secrets for role ${key.role}: ${fieldsOf(parsed.error).join(', ')}.`)
    await keychain('save', key, () => keytar.setPassword(service, accountName(key), JSON.stringify(parsed.data)))
    return parsed.data
  }

  return {
    get: read,
    set: async (key, value) => {
      checkKey(key)
      await serially(key, () => write(key, value))
    },
    update: async (key, change) => {
      checkKey(key)
      return serially(key, async () => write(key, await change(await read(key))))
    },
    delete: async (key) => {
      checkKey(key)
      return serially(key, () => keychain('delete', key, () => keytar.deletePassword(service, accountName(key))))
    },
    list: async (accountId) => {
      await unlocked('list', null)
      const found = await keychain('list', null, () => keytar.findCredentials(service))
      return found
        .map(({ account }): VaultKey | null => {
          const slash = account.indexOf('/')
          return slash > 0 && slash < account.length - 1 ? { accountId: account.slice(0, slash), role: account.slice(slash + 1) } : null
        })
        .filter((key): key is VaultKey => key !== null && (accountId === undefined || key.accountId === accountId))
        .sort((a, b) => accountName(a).localeCompare(accountName(b)))
    }
  }
}
