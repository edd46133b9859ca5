import { grantsFullAccess } from '../policy-document'
import type { AttachedPolicy, PolicyDocument } from '../snapshot'

const awsManagedPolicy = /^arn:[\w-]+:iam::aws:policy\//
const administratorAccess = /^arn:[\w-]+:iam::aws:policy\/AdministratorAccess$/

/** A user, group or role, with inline documents when the snapshot has them. */
export interface PolicyHolder {
  attachedPolicies: AttachedPolicy[]
  inlinePolicyNames: string[]
  /** The documents of inlinePolicyNames by name; a name missing here could not be read. */
  inlinePolicies?: Record<string, PolicyDocument>
}

export interface FullAccessVerdict {
  /** Names of the policies that grant everything. */
  admin: string[]
  /** Names of the policies whose documents could not be read. */
  unreadable: string[]
}

/**
 * Which of a holder's policies grant full access to everything: AdministratorAccess in any partition, or "*" on "*" (grantsFullAccess) in a customer
 * managed or inline policy. Other AWS managed policies are known not to.
 */
export function fullAccessPolicies(holder: PolicyHolder, customerPolicies: Record<string, PolicyDocument>): FullAccessVerdict {
  const verdict: FullAccessVerdict = { admin: [], unreadable: [] }
  for (const policy of holder.attachedPolicies) {
    if (administratorAccess.test(policy.policyArn)) verdict.admin.push(policy.policyName)
    else if (!awsManagedPolicy.test(policy.policyArn)) {
      const document = customerPolicies[policy.policyArn]
      if (!document) verdict.unreadable.push(policy.policyName)
      else if (grantsFullAccess(document)) verdict.admin.push(policy.policyName)
    }
  }
  for (const name of holder.inlinePolicyNames) {
    const document = holder.inlinePolicies?.[name]
    if (!document) verdict.unreadable.push(`inline policy ${name}`)
    else if (grantsFullAccess(document)) verdict.admin.push(`inline policy ${name}`)
  }
  return verdict
}
