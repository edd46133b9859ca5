import { awsClients, type AwsClients, type AwsCredentials } from '../aws/clients'
import { partitionOf, type Partition } from '../aws/partition'
import { CairnError } from '../../shared/errors'

/** What the renderer may know about the connection: never the key, never the secret. */
export interface ConnectionInfo {
  accountId: string
  arn: string
  isRoot: boolean
  userName?: string
  /** The embedded practice account rather than real AWS (or another endpoint). */
  practice: boolean
}

/**
 * The bootstrap credentials of one setup, in main-process memory only. The secret sits in a
 * private field, so neither JSON.stringify, structured clone over IPC nor util.inspect can
 * carry it anywhere; `info` is the part that may travel.
 */
export class Connection {
  readonly #credentials: AwsCredentials
  #read: AwsClients | null = null
  #apply: AwsClients | null = null

  constructor(
    readonly info: ConnectionInfo,
    credentials: AwsCredentials,
    readonly endpoint: string | undefined
  ) {
    this.#credentials = { ...credentials }
  }

  /** The key id is not secret (it is in every signed request and in CloudTrail). */
  get accessKeyId(): string {
    return this.#credentials.accessKeyId
  }

  /** The account's partition (aws, aws-cn, aws-us-gov...), from the caller's ARN. */
  get partition(): Partition {
    return partitionOf(this.info.arn)
  }

  /** Temporary (STS) credentials cannot be a root access key to delete at the end. */
  get isTemporary(): boolean {
    return this.#credentials.sessionToken !== undefined
  }

  /** Clients for reads (SDK retries) or for apply (one attempt; the engine retries). */
  clients(purpose: 'read' | 'apply' = 'read'): AwsClients {
    if (purpose === 'apply') return (this.#apply ??= awsClients(this.#credentials, { purpose, ...(this.endpoint ? { endpoint: this.endpoint } : {}) }))
    return (this.#read ??= awsClients(this.#credentials, { purpose, ...(this.endpoint ? { endpoint: this.endpoint } : {}) }))
  }

  toJSON(): ConnectionInfo {
    return this.info
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Connection(${this.info.arn})`
  }
}

/** The one connection of a set of services; replacing or dropping it forgets the old secret. */
export class ConnectionHolder {
  #current: Connection | null = null

  get current(): Connection | null {
    return this.#current
  }

  set(connection: Connection): void {
    this.#current = connection
  }

  clear(): void {
    this.#current = null
  }

  require(): Connection {
    if (!this.#current)
      throw new CairnError(
        'NOT_CONNECTED',
        'Cairn is not connected to an AWS account. Connect first (the practice account or your bootstrap key), then try again.'
      )
    return this.#current
  }
}
