import { CairnError } from '../../shared/errors'
import type { ConnectionHolder } from '../connect/connection'
import { practiceBillingAccess, type PracticeAccess } from '../connect/practice-bootstrap'
import type { ChannelService } from '../ipc/service-channels'
import type { CheckResult } from './run-checks'
import { fixPasswordPolicy, scanAccount } from './scan-account'

export interface AuditServiceInput {
  connection: ConnectionHolder
  /** The embedded practice account, when it runs: its billing access can be read. */
  practice?: () => PracticeAccess | null
}

/** The security status of the connected account (audit.*), and its one-click fix. */
export interface AuditService extends ChannelService<'audit'> {
  /** adminGroupName is where AdministratorAccess belongs, if anywhere. */
  scan(request: { adminGroupName?: string | undefined }): Promise<CheckResult[]>
  fix(request: { fixId: 'set-password-policy' }): Promise<CheckResult>
}

export function createAuditService(input: AuditServiceInput): AuditService {
  const holder = input.connection
  return {
    scan: async ({ adminGroupName }) => {
      const connection = holder.require()
      const practice = connection.info.practice ? input.practice?.() : null
      return scanAccount(connection.clients('read'), {
        ...(adminGroupName ? { adminGroupName } : {}),
        ...(practice ? { billingAccess: () => practiceBillingAccess(practice) } : {})
      })
    },
    fix: async ({ fixId }) => {
      if (fixId !== 'set-password-policy') throw new CairnError('NOT_FOUND', `Cairn has no fix called ${fixId}.`)
      return fixPasswordPolicy(holder.require().clients('read'))
    }
  }
}
