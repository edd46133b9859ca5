import type { Handler } from '../ipc/dispatcher'
import type { PoliciesService } from './policies-service'

export function policiesHandlers(policies: PoliciesService): { 'setup.policies': Handler<'setup.policies'> } {
  return {
    'setup.policies': (request) => policies.managedPolicies(request.refresh === undefined ? {} : { refresh: request.refresh })
  }
}
