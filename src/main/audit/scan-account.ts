import { GetAccountPasswordPolicyCommand, NoSuchEntityException, UpdateAccountPasswordPolicyCommand, type IAMClient } from '@aws-sdk/client-iam'
import type { AwsClients } from '../aws/clients'
import { fetchSnapshot, type FetchSnapshotOptions } from './fetch-snapshot'
import { passwordPolicy } from './checks/password-policy'
import { passwordPolicyFix, runChecks, type CheckOptions, type CheckResult } from './run-checks'
import type { AccountSnapshot, PasswordPolicy } from './snapshot'

/** The security status: one fetch of the account, then every check over it. */
export async function scanAccount(clients: AwsClients, options: CheckOptions & FetchSnapshotOptions = {}): Promise<CheckResult[]> {
  const snapshot = await fetchSnapshot(clients, options)
  return runChecks(snapshot, options)
}

async function readPasswordPolicy(iam: IAMClient): Promise<PasswordPolicy | null> {
  try {
    return (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy ?? null
  } catch (error) {
    if (error instanceof NoSuchEntityException) return null
    throw error
  }
}

/**
 * The password-policy check's one-click fix: the recommended policy, never weaker than the
 * current one. Returns the check as it reads afterwards.
 */
export async function fixPasswordPolicy(clients: AwsClients): Promise<CheckResult> {
  await clients.iam.send(new UpdateAccountPasswordPolicyCommand(passwordPolicyFix(await readPasswordPolicy(clients.iam))))
  // The check reads nothing but the policy; no need to fetch the whole account again.
  return passwordPolicy({ passwordPolicy: await readPasswordPolicy(clients.iam) } as AccountSnapshot)
}
