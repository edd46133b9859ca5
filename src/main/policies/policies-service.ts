import type { Connection, ConnectionHolder } from '../connect/connection'
import type { ChannelService } from '../ipc/service-channels'
import { awsFailure } from '../aws/classify-aws-error'
import { listManagedPolicies, type ListOptions, type ManagedPolicyInfo } from './list-managed-policies'

export type { ManagedPolicyInfo } from './list-managed-policies'

export interface PoliciesService extends ChannelService<'policies'> {
  /** The AWS managed policies of the connected account; read once per connection, again on `refresh`. */
  list(request?: { refresh?: boolean | undefined }): Promise<ManagedPolicyInfo[]>
}

export interface PoliciesServiceInput extends ListOptions {
  connection: ConnectionHolder
}

/**
 * AWS managed policies change a few times a month, and listing them all is two or more pages
 * on a real account: one read per connection serves every role card and every return to Plan.
 * A new connection (another account, or the same one again) reads them afresh.
 */
export function createPoliciesService(input: PoliciesServiceInput): PoliciesService {
  const cache = new WeakMap<Connection, Promise<ManagedPolicyInfo[]>>()
  const options: ListOptions = input.pageSize === undefined ? {} : { pageSize: input.pageSize }
  return {
    async list({ refresh = false } = {}) {
      const connection = input.connection.require()
      const cached = cache.get(connection)
      if (cached && !refresh) return cached
      const loading = listManagedPolicies(connection.clients('read').iam, options).catch((error: unknown) => {
        // A failure is not remembered: the next ask tries again.
        if (cache.get(connection) === loading) cache.delete(connection)
        throw awsFailure(error, 'list the AWS managed policies')
      })
      cache.set(connection, loading)
      return loading
    }
  }
}
