import { CreateLoginProfileCommand } from '@aws-sdk/client-iam'
import { awsErrorCode, isServerError } from '../../aws/aws-error'
import { generatePassword } from '../password'
import type { Step } from '../step'
import { StepError } from './explain-failure'
import { RetriesExhaustedError } from './retry'
import { retrying, sendOptions, type StepContext, type StepDone } from './step-context'
import { removeFromVault, vaultKey } from './vault-entries'

/**
 * The console password goes into the keychain before CreateLoginProfile is sent, so there is
 * never a password in AWS that nobody has. A password already in the keychain for the role is
 * used again: after a kill between the keychain write and the call (or after it), the next run
 * must not replace the one that may already be the user's.
 */
export async function createLoginProfile(ctx: StepContext, step: Step): Promise<StepDone> {
  const UserName = step.target.userName ?? ''
  const holder = ctx.holders.get(step.role)
  const key = vaultKey(ctx.accountId, step.role)
  const earlier = ctx.journal.step(step.id)
  const sentBefore = earlier?.callSent ?? false
  const held = (await ctx.vault.get(key))?.consolePassword
  let password = held ?? generatePassword(ctx.snapshot.passwordPolicy)
  const wroteBefore = earlier?.wroteToVault ?? []

  ctx.journal.begin(step, {
    callSent: true,
    callAt: ctx.now().toISOString(),
    wroteToVault: held ? wroteBefore : [...new Set([...wroteBefore, 'consolePassword' as const])]
  })
  ctx.signal?.throwIfAborted()
  await ctx.journal.save()
  const store = async (value: string) => {
    ctx.signal?.throwIfAborted()
    await ctx.vault.update(key, (current) => ({ ...current, consolePassword: value }))
  }
  if (!held) await store(password)

  const send = () =>
    ctx.clients.iam.send(
      new CreateLoginProfileCommand({ UserName, Password: password, PasswordResetRequired: holder?.passwordResetRequired ?? false }),
      sendOptions(ctx)
    )
  try {
    await retrying(ctx, step, send)
  } catch (error) {
    const code = awsErrorCode(error)
    if (code === 'EntityAlreadyExists' && (held || sentBefore)) {
      return { created: sentBefore, message: `${UserName} already had the console password that is in your keychain.` }
    }
    if (code === 'PasswordPolicyViolation' && held) {
      // The kept password predates a stricter policy; no profile uses it, so make a new one.
      password = generatePassword(ctx.snapshot.passwordPolicy)
      ctx.journal.patch(step.id, { wroteToVault: [...new Set([...wroteBefore, 'consolePassword' as const])] })
      await ctx.journal.save()
      await store(password)
      await retrying(ctx, step, send)
      return { created: true, message: `Gave ${UserName} a console password; it is in your keychain.` }
    }
    // AWS said no, so no profile has the password just stored: take it back out. Not after a
    // stop, a 5xx or a dropped connection, which may have come after AWS set it.
    const refused =
      code !== undefined && code !== 'EntityAlreadyExists' && !isServerError(error) && !ctx.signal?.aborted && !(error instanceof RetriesExhaustedError)
    if (refused && !held && !sentBefore) {
      await removeFromVault(ctx.vault, key, ['consolePassword']).catch(() => undefined)
      ctx.journal.patch(step.id, { wroteToVault: wroteBefore.filter((field) => field !== 'consolePassword') })
    }
    if (code === 'EntityAlreadyExists') {
      throw new StepError(
        'EntityAlreadyExists',
        `${UserName} already has a console password, which Cairn did not set and so cannot put in your keychain. Reset it in the IAM console if nobody knows it, then plan again.`
      )
    }
    throw error
  }
  return { created: true, message: `Gave ${UserName} a console password; it is in your keychain.` }
}
