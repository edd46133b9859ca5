import { AttachRolePolicyCommand, CreateRoleCommand, UpdateAssumeRolePolicyCommand, UpdateRoleCommand } from '@aws-sdk/client-iam'
import { awsErrorCode } from '../../aws/aws-error'
import type { Step } from '../step'
import { sendRecorded } from './entity-steps'
import { sendOptions, type StepContext, type StepDone } from './step-context'

/** The roles layout's IAM roles: made with their trust policy and maximum session, then given their policies. */

const hours = (seconds: number) => `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`

function planned<T>(value: T | undefined, what: string, step: Step): T {
  if (value === undefined) throw new Error(`the plan left out the ${what} of ${step.id}`)
  return value
}

export async function createRole(ctx: StepContext, step: Step): Promise<StepDone> {
  const RoleName = step.target.roleName ?? ''
  const AssumeRolePolicyDocument = planned(step.policyDocument, 'trust policy', step)
  const MaxSessionDuration = planned(step.maxSessionDuration, 'maximum session', step)
  const result = await sendRecorded(
    ctx,
    step,
    () =>
      ctx.clients.iam.send(
        new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument, MaxSessionDuration, Description: 'Made by Cairn: assumed with MFA by the sign-in user.' }),
        sendOptions(ctx)
      ),
    (error) => awsErrorCode(error) === 'EntityAlreadyExists'
  )
  return {
    created: result.created,
    message: result.existed
      ? `Role ${RoleName} was already there.`
      : `Created role ${RoleName}: only the sign-in user may assume it, with MFA, for up to ${hours(MaxSessionDuration)}.`
  }
}

export async function updateAssumeRolePolicy(ctx: StepContext, step: Step): Promise<StepDone> {
  const RoleName = step.target.roleName ?? ''
  const PolicyDocument = planned(step.policyDocument, 'trust policy', step)
  const result = await sendRecorded(ctx, step, () => ctx.clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName, PolicyDocument }), sendOptions(ctx)))
  return { created: result.created, message: `Replaced ${RoleName}'s trust policy with Cairn's.` }
}

export async function updateRole(ctx: StepContext, step: Step): Promise<StepDone> {
  const RoleName = step.target.roleName ?? ''
  const MaxSessionDuration = planned(step.maxSessionDuration, 'maximum session', step)
  const result = await sendRecorded(ctx, step, () => ctx.clients.iam.send(new UpdateRoleCommand({ RoleName, MaxSessionDuration }), sendOptions(ctx)))
  return { created: result.created, message: `${RoleName}'s sessions may now last up to ${hours(MaxSessionDuration)}.` }
}

export async function attachRolePolicy(ctx: StepContext, step: Step): Promise<StepDone> {
  const { roleName: RoleName = '', policyArn: PolicyArn = '' } = step.target
  const result = await sendRecorded(ctx, step, () => ctx.clients.iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn }), sendOptions(ctx)))
  return { created: result.created, message: `Attached ${PolicyArn.split('/').pop()} to role ${RoleName}.` }
}
