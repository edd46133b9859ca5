import { CairnError } from '../../shared/errors'
import type { ChannelService } from '../ipc/service-channels'
import { connect } from './connect'
import { ConnectionHolder, type Connection, type ConnectionInfo } from './connection'
import type { BootstrapCredentials } from './credentials-format'
import { connectPractice, type PracticeAccess } from './practice-bootstrap'

export type ConnectionStatus = ({ connected: true } & ConnectionInfo) | { connected: false }

export interface ConnectServiceInput {
  /** Shared with the services that act on the account (audit, setup, policies, MFA). */
  connection?: ConnectionHolder
  /** The embedded practice account, when it runs. */
  practice?: () => PracticeAccess | null
}

/** The connect.* channels, and the connection they open for the other services. */
export interface ConnectService extends ChannelService<'connect'> {
  /** The bootstrap connection, in memory only; callers of the channels get ConnectionInfo, never the key. */
  readonly connection: ConnectionHolder
  practice(): Promise<ConnectionInfo>
  withKeys(credentials: BootstrapCredentials): Promise<ConnectionInfo>
  status(): ConnectionStatus
  disconnect(): ConnectionStatus
}

/** Connects to the practice account or with a bootstrap key, and forgets the key on disconnect. */
export function createConnectService(input: ConnectServiceInput = {}): ConnectService {
  const holder = input.connection ?? new ConnectionHolder()
  const hold = (connection: Connection): ConnectionInfo => {
    holder.set(connection)
    return connection.info
  }
  return {
    connection: holder,
    practice: async () => {
      const practice = input.practice?.()
      if (!practice) throw new CairnError('NOT_FOUND', 'The practice account is not running. Restart Cairn; if it keeps failing, run `cairn doctor`.')
      return hold(await connectPractice(practice))
    },
    withKeys: async (credentials) => hold(await connect(credentials)),
    status: () => {
      const current = holder.current
      return current ? { connected: true, ...current.info } : { connected: false }
    },
    disconnect: () => {
      holder.clear()
      return { connected: false }
    }
  }
}
