import { PutGroupPolicyCommand, type IAMClient } from '@aws-sdk/client-iam'
import { requireMfaPolicyJson, requireMfaPolicyName } from '../setup/mfa-policy'
import type { RoleSpec } from '../setup/roles'
import { isAwsError } from '../aws/aws-error'
import { awsFailure } from '../aws/classify-aws-error'

export type RequireMfaResult = { status: 'put' | 'not-required' | 'group-missing' | 'failed'; message: string }

/**
 * Apply defers CairnRequireMFA until the role's user has MFA: put on earlier, it would refuse the
 * user every API call. Once EnableMFADevice succeeds, this is that deferred step.
 */
export async function putRequireMfaOnGroup(
  iam: IAMClient,
  spec: Pick<RoleSpec, 'groupName' | 'requireMfaForApi'>,
  userName: string
): Promise<RequireMfaResult> {
  if (!spec.requireMfaForApi) return { status: 'not-required', message: '' }
  const { groupName } = spec
  try {
    await iam.send(new PutGroupPolicyCommand({ GroupName: groupName, PolicyName: requireMfaPolicyName, PolicyDocument: requireMfaPolicyJson }))
    return {
      status: 'put',
      message: `${requireMfaPolicyName} is now on ${groupName}: ${userName}'s API calls need an MFA-backed session from here on.`
    }
  } catch (error) {
    if (isAwsError(error, 'NoSuchEntity')) {
      return {
        status: 'group-missing',
        message: `The group ${groupName} does not exist yet; applying the plan creates it with ${requireMfaPolicyName}, now that ${userName} has MFA.`
      }
    }
    return { status: 'failed', message: `${awsFailure(error, `put ${requireMfaPolicyName} on ${groupName}`).message} Apply the plan again to put it on.` }
  }
}
