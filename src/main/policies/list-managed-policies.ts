import { GetPolicyCommand, ListPoliciesCommand, type IAMClient } from '@aws-sdk/client-iam'
import { partitionOf } from '../aws/partition'
import { policyArnsIn } from '../setup/roles'

export interface ManagedPolicyInfo {
  arn: string
  name: string
  path: string
  description?: string
  jobFunction: boolean
}

export const JOB_FUNCTION_PATH = '/job-function/'

/** IAM's largest page; real accounts see well over a thousand AWS managed policies. */
const MAX_PAGE_SIZE = 1000

export interface ListOptions {
  /** Policies per ListPolicies page (MaxItems, 1-1000). */
  pageSize?: number
}

/** Every AWS managed policy, all pages of ListPolicies Scope=AWS. */
async function listAll(iam: IAMClient, pageSize: number): Promise<ManagedPolicyInfo[]> {
  const policies: ManagedPolicyInfo[] = []
  let marker: string | undefined
  do {
    const page = await iam.send(new ListPoliciesCommand({ Scope: 'AWS', MaxItems: pageSize, ...(marker ? { Marker: marker } : {}) }))
    for (const policy of page.Policies ?? []) {
      if (!policy.Arn || !policy.PolicyName) continue
      const path = policy.Path ?? '/'
      policies.push({ arn: policy.Arn, name: policy.PolicyName, path, jobFunction: path === JOB_FUNCTION_PATH })
    }
    marker = page.IsTruncated ? page.Marker : undefined
  } while (marker)
  return policies
}

/**
 * ListPolicies says nothing about what a policy is for; GetPolicy does. Only the handful the
 * picker shows first are worth a call each: the job-function ones and the defaults' own.
 */
function wantsDescription(policy: ManagedPolicyInfo): boolean {
  return policy.jobFunction || Object.values(policyArnsIn(partitionOf(policy.arn))).includes(policy.arn)
}

async function describe(iam: IAMClient, policy: ManagedPolicyInfo): Promise<ManagedPolicyInfo> {
  try {
    const description = (await iam.send(new GetPolicyCommand({ PolicyArn: policy.arn }))).Policy?.Description
    return description ? { ...policy, description } : policy
  } catch {
    // A description is a nicety: an identity allowed ListPolicies but not GetPolicy still gets the list.
    return policy
  }
}

const byJobFunctionThenName = (a: ManagedPolicyInfo, b: ManagedPolicyInfo): number =>
  Number(b.jobFunction) - Number(a.jobFunction) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })

/** The AWS managed policies the Plan screen offers: job-function ones first, then by name. */
export async function listManagedPolicies(iam: IAMClient, options: ListOptions = {}): Promise<ManagedPolicyInfo[]> {
  const pageSize = Math.min(Math.max(options.pageSize ?? MAX_PAGE_SIZE, 1), MAX_PAGE_SIZE)
  const policies = await listAll(iam, pageSize)
  const described = await Promise.all(policies.map((policy) => (wantsDescription(policy) ? describe(iam, policy) : policy)))
  return described.sort(byJobFunctionThenName)
}
