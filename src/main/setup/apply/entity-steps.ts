import { AddUserToGroupCommand, AttachGroupPolicyCommand, CreateGroupCommand, CreateUserCommand, PutGroupPolicyCommand } from '@aws-sdk/client-iam'
import { awsErrorCode } from '../../aws/aws-error'
import type { Step } from '../step'
import { retrying, sendOptions, type StepContext, type StepDone } from './step-context'

/**
 * Sends a step's call with the journal saying so first, so that whatever exists after a kill
 * is known to be this run's. `alreadyThere` tells an error meaning "it exists" (only the
 * Create* calls have one; IAM's attach, add and put calls succeed again quietly).
 */
export async function sendRecorded(
  ctx: StepContext,
  step: Step,
  call: () => Promise<unknown>,
  alreadyThere?: (error: unknown) => boolean
): Promise<StepDone & { existed: boolean }> {
  const sentBefore = ctx.journal.step(step.id)?.callSent ?? false
  ctx.journal.begin(step, { callSent: true, callAt: ctx.now().toISOString() })
  ctx.signal?.throwIfAborted()
  await ctx.journal.save()
  try {
    await retrying(ctx, step, call)
    return { created: step.status === 'create', existed: false, message: '' }
  } catch (error) {
    if (!alreadyThere?.(error)) throw error
    // Made by this run before it was stopped, or by someone else just now.
    return { created: sentBefore, existed: true, message: '' }
  }
}

const entityAlreadyExists = (error: unknown) => awsErrorCode(error) === 'EntityAlreadyExists'

export async function createGroup(ctx: StepContext, step: Step): Promise<StepDone> {
  const GroupName = step.target.groupName ?? ''
  const result = await sendRecorded(ctx, step, () => ctx.clients.iam.send(new CreateGroupCommand({ GroupName }), sendOptions(ctx)), entityAlreadyExists)
  return { created: result.created, message: result.existed ? `Group ${GroupName} was already there.` : `Created group ${GroupName}.` }
}

export async function createUser(ctx: StepContext, step: Step): Promise<StepDone> {
  const UserName = step.target.userName ?? ''
  const result = await sendRecorded(ctx, step, () => ctx.clients.iam.send(new CreateUserCommand({ UserName }), sendOptions(ctx)), entityAlreadyExists)
  return { created: result.created, message: result.existed ? `User ${UserName} was already there.` : `Created user ${UserName}.` }
}

export async function attachGroupPolicy(ctx: StepContext, step: Step): Promise<StepDone> {
  const { groupName: GroupName = '', policyArn: PolicyArn = '' } = step.target
  const result = await sendRecorded(ctx, step, () => ctx.clients.iam.send(new AttachGroupPolicyCommand({ GroupName, PolicyArn }), sendOptions(ctx)))
  return { created: result.created, message: `Attached ${PolicyArn.split('/').pop()} to ${GroupName}.` }
}

export async function addUserToGroup(ctx: StepContext, step: Step): Promise<StepDone> {
  const { userName: UserName = '', groupName: GroupName = '' } = step.target
  const result = await sendRecorded(ctx, step, () => ctx.clients.iam.send(new AddUserToGroupCommand({ UserName, GroupName }), sendOptions(ctx)))
  return { created: result.created, message: `Added ${UserName} to ${GroupName}.` }
}

export async function putGroupPolicy(ctx: StepContext, step: Step): Promise<StepDone> {
  const { groupName: GroupName = '', policyName: PolicyName = '' } = step.target
  const PolicyDocument = step.policyDocument
  if (PolicyDocument === undefined) throw new Error(`the plan left out the document of ${step.id}`)
  const result = await sendRecorded(ctx, step, () =>
    ctx.clients.iam.send(new PutGroupPolicyCommand({ GroupName, PolicyName, PolicyDocument }), sendOptions(ctx))
  )
  return { created: result.created, message: `${step.status === 'update' ? 'Replaced' : 'Put'} ${PolicyName} on ${GroupName}.` }
}
