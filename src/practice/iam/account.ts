import { XmlMap, type ActionContext, type ActionSpec } from '../action'
import { awsErrors } from '../errors'
import { passwordPolicyFromUpdate } from '../rules/password-policy'
import { accountSummaryQuotas } from '../rules/quotas'
import type { PracticeState } from '../state'
import { paginate } from './pagination'
import { requiredStringParam } from './params'

const flag = (on: boolean): number => (on ? 1 : 0)

/**
 * GetAccountSummary's counts. Root's flags come from its real state: a fresh account has root
 * keys present (the bootstrap key) and no MFA. Root always has a password (it signed up with one).
 */
export function accountSummary(state: PracticeState): Record<string, number> {
  const users = Object.values(state.users)
  const groups = Object.values(state.groups)
  const devices = Object.values(state.virtualMfaDevices)
  const roles = Object.values(state.roles)
  const attachments = [...users, ...groups, ...roles].reduce((n, e) => n + e.attachedPolicyArns.length, 0)
  return {
    Users: users.length,
    Groups: groups.length,
    Roles: roles.length,
    Policies: Object.keys(state.customerPolicies).length,
    PolicyVersionsInUse: attachments,
    MFADevices: devices.length,
    MFADevicesInUse: devices.filter((d) => d.enabledFor !== null).length,
    AccountMFAEnabled: flag(state.root.mfaSerials.length > 0),
    AccountAccessKeysPresent: flag(state.root.accessKeys.length > 0),
    AccountPasswordPresent: 1,
    AccountSigningCertificatesPresent: 0,
    ServerCertificates: 0,
    InstanceProfiles: 0,
    Providers: 0,
    GlobalEndpointTokenVersion: 1,
    ...accountSummaryQuotas
  }
}

const GetAccountSummary: ActionSpec = {
  mutates: false,
  resource: () => '*',
  handler(ctx) {
    const entries = Object.entries(accountSummary(ctx.state)).sort(([a], [b]) => a.localeCompare(b))
    return { SummaryMap: new XmlMap(entries) }
  }
}

function noPasswordPolicy(ctx: ActionContext): Error {
  return awsErrors.noSuchEntity(`The Password Policy with domain name ${ctx.state.accountId} cannot be found.`)
}

const GetAccountPasswordPolicy: ActionSpec = {
  mutates: false,
  resource: () => '*',
  handler(ctx) {
    const policy = ctx.state.passwordPolicy
    if (!policy) throw noPasswordPolicy(ctx)
    return { PasswordPolicy: { ...policy } }
  }
}

/** Every omitted field goes back to its default, as IAM does (rules/password-policy.ts). */
const UpdateAccountPasswordPolicy: ActionSpec = {
  mutates: true,
  resource: () => '*',
  handler(ctx) {
    ctx.state.passwordPolicy = passwordPolicyFromUpdate(ctx.params)
    ctx.markDirty()
    return undefined
  }
}

const DeleteAccountPasswordPolicy: ActionSpec = {
  mutates: true,
  resource: () => '*',
  handler(ctx) {
    if (!ctx.state.passwordPolicy) throw noPasswordPolicy(ctx)
    ctx.state.passwordPolicy = null
    ctx.markDirty()
    return undefined
  }
}

const ACCOUNT_ALIAS = /^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$/

function aliasParam(ctx: ActionContext): string {
  return requiredStringParam(ctx, 'AccountAlias', {
    min: 3,
    max: 63,
    test: ACCOUNT_ALIAS,
    pattern: '^[a-z0-9](([a-z0-9]|-(?!-))*[a-z0-9])?$'
  })
}

/** An account has at most one alias; creating another replaces it, as the console's Edit does. */
const CreateAccountAlias: ActionSpec = {
  mutates: true,
  resource: () => '*',
  handler(ctx) {
    ctx.state.console.accountAlias = aliasParam(ctx)
    ctx.markDirty()
    return undefined
  }
}

const ListAccountAliases: ActionSpec = {
  mutates: false,
  resource: () => '*',
  handler(ctx) {
    const alias = ctx.state.console.accountAlias
    const page = paginate(ctx, alias ? [alias] : [], (a) => a)
    return { AccountAliases: page.items, ...page.tail }
  }
}

const DeleteAccountAlias: ActionSpec = {
  mutates: true,
  resource: () => '*',
  handler(ctx) {
    const alias = aliasParam(ctx)
    if (ctx.state.console.accountAlias !== alias) {
      throw awsErrors.noSuchEntity(`The account alias ${alias} cannot be found.`)
    }
    delete ctx.state.console.accountAlias
    ctx.markDirty()
    return undefined
  }
}

export const accountActions = {
  GetAccountSummary,
  GetAccountPasswordPolicy,
  UpdateAccountPasswordPolicy,
  DeleteAccountPasswordPolicy,
  CreateAccountAlias,
  ListAccountAliases,
  DeleteAccountAlias
} as const
