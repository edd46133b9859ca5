import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetGroupPolicyCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserPolicyCommand,
  NoSuchEntityException,
  paginateListAccessKeys,
  paginateListAttachedGroupPolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupPolicies,
  paginateListGroups,
  paginateListGroupsForUser,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  paginateListRoles,
  paginateListMFADevices,
  paginateListUserPolicies,
  paginateListUsers,
  type AttachedPolicy as IamAttachedPolicy,
  type Group,
  type Role,
  type IAMClient,
  type User
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts'
import { concurrencyLimit, type Limit } from './concurrency-limit'
import { fetchCredentialReport } from './fetch-credential-report'
import { parsePolicyDocument, type PolicyDocument } from './policy-document'
import type { AccountGroup, AccountRole, AccountSnapshot, AccountUser, AttachedPolicy, BillingAccess } from './snapshot'

export interface SnapshotClients {
  iam: IAMClient
  sts: STSClient
}

export interface FetchSnapshotOptions {
  now?: () => Date
  /** Between GenerateCredentialReport calls while AWS builds the report. Default 1 s. */
  pollIntervalMs?: number
  /** How long to wait for the credential report before scanning without it. Default 60 s. */
  timeoutMs?: number
  sleep?: (ms: number) => Promise<void>
  /** Per-user, per-group and per-policy calls in flight at once. Default 8. */
  concurrency?: number
  /**
   * false: skip the credential report (it can take seconds to generate); the plan does not
   * read it, so apply leaves it out. Default true.
   */
  credentialReport?: boolean
  /** Reads the root-only billing setting where something can (the practice account can). */
  billingAccess?: () => Promise<BillingAccess>
}

const awsManagedPolicy = /^arn:[\w-]+:iam::aws:policy\//

async function listAll<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const all: Item[] = []
  for await (const page of pages) all.push(...(items(page) ?? []))
  return all
}

function attached(policies: IamAttachedPolicy[]): AttachedPolicy[] {
  return policies.map((p) => ({ policyName: p.PolicyName ?? '', policyArn: p.PolicyArn ?? '' }))
}

function isoDate(date: Date | undefined): string {
  return date ? date.toISOString() : ''
}

/** A user or group deleted between the list call and ours: leave it out of the snapshot. */
async function unlessDeleted<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work
  } catch (error) {
    if (error instanceof NoSuchEntityException) return null
    throw error
  }
}

class SnapshotFetch {
  private readonly documents = new Map<string, Promise<PolicyDocument | null>>()

  constructor(
    private readonly iam: IAMClient,
    private readonly limit: Limit
  ) {}

  /** Started as soon as an attachment is seen, once per ARN, so it overlaps the other calls. */
  customerPolicy(policyArn: string): void {
    if (awsManagedPolicy.test(policyArn) || this.documents.has(policyArn)) return
    const document = (async () => {
      const { Policy } = await this.limit(() => this.iam.send(new GetPolicyCommand({ PolicyArn: policyArn })))
      if (!Policy?.DefaultVersionId) return null
      const { PolicyVersion } = await this.limit(() => this.iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: Policy.DefaultVersionId })))
      return PolicyVersion?.Document ? parsePolicyDocument(PolicyVersion.Document) : null
    })()
    this.documents.set(policyArn, unlessDeleted(document))
  }

  async customerPolicies(): Promise<Record<string, PolicyDocument>> {
    const entries = await Promise.all([...this.documents].map(async ([arn, document]) => [arn, await document] as const))
    return Object.fromEntries(entries.filter((entry): entry is readonly [string, PolicyDocument] => entry[1] !== null))
  }

  private async inlineDocuments(names: string[], read: (name: string) => Promise<string | undefined>): Promise<Record<string, PolicyDocument>> {
    const entries = await Promise.all(
      names.map(async (name) => {
        const text = await this.limit(() => read(name))
        return [name, text === undefined ? null : parsePolicyDocument(text)] as const
      })
    )
    return Object.fromEntries(entries.filter((entry): entry is readonly [string, PolicyDocument] => entry[1] !== null))
  }

  private async hasLoginProfile(userName: string): Promise<boolean> {
    try {
      await this.iam.send(new GetLoginProfileCommand({ UserName: userName }))
      return true
    } catch (error) {
      if (error instanceof NoSuchEntityException) return false
      throw error
    }
  }

  async user(user: User): Promise<AccountUser> {
    const client = { client: this.iam }
    const UserName = user.UserName ?? ''
    const [groups, policies, inlinePolicyNames, mfaDevices, accessKeys, hasLoginProfile] = await Promise.all([
      this.limit(() => listAll(paginateListGroupsForUser(client, { UserName }), (p) => p.Groups)),
      this.limit(() => listAll(paginateListAttachedUserPolicies(client, { UserName }), (p) => p.AttachedPolicies)),
      this.limit(() => listAll(paginateListUserPolicies(client, { UserName }), (p) => p.PolicyNames)),
      this.limit(() => listAll(paginateListMFADevices(client, { UserName }), (p) => p.MFADevices)),
      this.limit(() => listAll(paginateListAccessKeys(client, { UserName }), (p) => p.AccessKeyMetadata)),
      this.limit(() => this.hasLoginProfile(UserName))
    ])
    for (const policy of policies) if (policy.PolicyArn) this.customerPolicy(policy.PolicyArn)
    const inlinePolicies = await this.inlineDocuments(inlinePolicyNames, async (PolicyName) => {
      const output = await this.iam.send(new GetUserPolicyCommand({ UserName, PolicyName }))
      return output.PolicyDocument
    })
    return {
      userName: UserName,
      arn: user.Arn ?? '',
      createDate: isoDate(user.CreateDate),
      groups: groups.map((g) => g.GroupName ?? ''),
      attachedPolicies: attached(policies),
      inlinePolicyNames,
      inlinePolicies,
      mfaDevices: mfaDevices.map((d) => d.SerialNumber ?? ''),
      accessKeys: accessKeys.map((k) => ({
        accessKeyId: k.AccessKeyId ?? '',
        status: k.Status === 'Active' ? 'Active' : 'Inactive',
        createDate: isoDate(k.CreateDate)
      })),
      hasLoginProfile
    }
  }

  async group(group: Group): Promise<AccountGroup> {
    const client = { client: this.iam }
    const GroupName = group.GroupName ?? ''
    const [policies, inlinePolicyNames] = await Promise.all([
      this.limit(() => listAll(paginateListAttachedGroupPolicies(client, { GroupName }), (p) => p.AttachedPolicies)),
      this.limit(() => listAll(paginateListGroupPolicies(client, { GroupName }), (p) => p.PolicyNames))
    ])
    for (const policy of policies) if (policy.PolicyArn) this.customerPolicy(policy.PolicyArn)
    const inlinePolicies = await this.inlineDocuments(inlinePolicyNames, async (PolicyName) => {
      const output = await this.iam.send(new GetGroupPolicyCommand({ GroupName, PolicyName }))
      return output.PolicyDocument
    })
    return { groupName: GroupName, arn: group.Arn ?? '', attachedPolicies: attached(policies), inlinePolicyNames, inlinePolicies }
  }

  async role(role: Role): Promise<AccountRole> {
    const client = { client: this.iam }
    const RoleName = role.RoleName ?? ''
    const [policies, inlinePolicyNames] = await Promise.all([
      this.limit(() => listAll(paginateListAttachedRolePolicies(client, { RoleName }), (p) => p.AttachedPolicies)),
      this.limit(() => listAll(paginateListRolePolicies(client, { RoleName }), (p) => p.PolicyNames))
    ])
    for (const policy of policies) if (policy.PolicyArn) this.customerPolicy(policy.PolicyArn)
    return {
      roleName: RoleName,
      arn: role.Arn ?? '',
      createDate: isoDate(role.CreateDate),
      // ListRoles carries the trust policy URL-encoded, as GetRole does.
      trustPolicy: role.AssumeRolePolicyDocument ? parsePolicyDocument(role.AssumeRolePolicyDocument) : null,
      maxSessionDuration: role.MaxSessionDuration ?? 3600,
      attachedPolicies: attached(policies),
      inlinePolicyNames
    }
  }

  async passwordPolicy(): Promise<AccountSnapshot['passwordPolicy']> {
    try {
      const { PasswordPolicy } = await this.iam.send(new GetAccountPasswordPolicyCommand({}))
      return PasswordPolicy ?? null
    } catch (error) {
      // An account that never set a policy answers NoSuchEntity, not an empty policy.
      if (error instanceof NoSuchEntityException) return null
      throw error
    }
  }
}

function present<T>(items: Array<T | null>): T[] {
  return items.filter((item): item is T => item !== null)
}

/**
 * Reads everything the checks and the plan need, once. Independent calls run at the same
 * time; the per-entity ones share a small limit so a big account does not trip throttling.
 */
export async function fetchSnapshot(clients: SnapshotClients, options: FetchSnapshotOptions = {}): Promise<AccountSnapshot> {
  const { iam, sts } = clients
  const now = options.now ?? (() => new Date())
  const limit = concurrencyLimit(options.concurrency ?? 8)
  const fetch = new SnapshotFetch(iam, limit)

  const [identity, credentials, summary, passwordPolicy, credentialReport, users, groups, roles, billingAccess] = await Promise.all([
    sts.send(new GetCallerIdentityCommand({})),
    sts.config.credentials(),
    iam.send(new GetAccountSummaryCommand({})),
    fetch.passwordPolicy(),
    options.credentialReport === false
      ? Promise.resolve(null)
      : fetchCredentialReport(iam, {
          now,
          sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
          pollIntervalMs: options.pollIntervalMs ?? 1000,
          timeoutMs: options.timeoutMs ?? 60_000
        }),
    listAll(paginateListUsers({ client: iam }, {}), (p) => p.Users).then((list) =>
      Promise.all(list.map((user) => unlessDeleted(fetch.user(user)))).then(present)
    ),
    listAll(paginateListGroups({ client: iam }, {}), (p) => p.Groups).then((list) =>
      Promise.all(list.map((group) => unlessDeleted(fetch.group(group)))).then(present)
    ),
    listAll(paginateListRoles({ client: iam }, {}), (p) => p.Roles).then((list) =>
      Promise.all(list.map((role) => unlessDeleted(fetch.role(role)))).then(present)
    ),
    options.billingAccess?.() ?? Promise.resolve<BillingAccess>('unknown')
  ])

  const arn = identity.Arn ?? ''
  return {
    accountId: identity.Account ?? '',
    caller: { arn, isRoot: /^arn:[\w-]+:iam::\d{12}:root$/.test(arn), accessKeyId: credentials.accessKeyId },
    summary: Object.fromEntries(Object.entries(summary.SummaryMap ?? {}).filter((entry): entry is [string, number] => entry[1] !== undefined)),
    passwordPolicy,
    credentialReport,
    users,
    groups,
    roles,
    customerPolicies: await fetch.customerPolicies(),
    billingAccess,
    now: now()
  }
}
