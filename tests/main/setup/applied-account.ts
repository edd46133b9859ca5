import type { AccountSnapshot } from '../../../src/main/audit/snapshot'
import { requireMfaPolicy, requireMfaPolicyName } from '../../../src/main/setup/mfa-policy'
import type { SecretsHeld } from '../../../src/main/setup/plan'
import type { RoleSpec } from '../../../src/main/setup/roles'
import { ACCOUNT, daysAgo, group, policy, securedAccount, user } from '../audit/account-snapshot'

export const keyIdOf = (userName: string) => `AKIA${userName.toUpperCase().padEnd(16, 'X')}`

/** The account as a finished apply leaves it, every user's MFA enrolled, and the keychain with it. */
export function appliedAccount(specs: readonly RoleSpec[]): { account: AccountSnapshot; secretsHeld: SecretsHeld } {
  const account = securedAccount({
    groups: specs.map((spec) =>
      group(spec.groupName, {
        attachedPolicies: spec.policyArns.map(policy),
        ...(spec.requireMfaForApi
          ? { inlinePolicyNames: [requireMfaPolicyName], inlinePolicies: { [requireMfaPolicyName]: structuredClone(requireMfaPolicy) } }
          : {})
      })
    ),
    users: specs.map((spec) =>
      user(spec.userName, {
        groups: [spec.groupName],
        hasLoginProfile: spec.consoleAccess.enabled,
        mfaDevices: [`arn:aws:iam::${ACCOUNT}:mfa/${spec.userName}`],
        accessKeys: spec.accessKey ? [{ accessKeyId: keyIdOf(spec.userName), status: 'Active', createDate: daysAgo(1) }] : []
      })
    )
  })
  return {
    account,
    secretsHeld: {
      passwordUsers: specs.filter((s) => s.consoleAccess.enabled).map((s) => s.userName),
      accessKeyIds: specs.filter((s) => s.accessKey).map((s) => keyIdOf(s.userName))
    }
  }
}
