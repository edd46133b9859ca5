import type { CodeCheckView, MfaConfirmation } from '../../../../shared/contract'

type Enabled = Extract<MfaConfirmation, { result: 'enabled' }>
type TryAgain = Extract<MfaConfirmation, { result: 'try-again' }>

const tryAgainHeadlines: Record<CodeCheckView['kind'], string> = {
  consecutive: 'AWS did not accept the codes',
  'clock-skew': 'Your authenticator’s clock is off',
  'same-code': 'You entered the same code twice',
  'not-consecutive': 'The codes do not follow one another',
  'one-code-wrong': 'One of the codes is wrong',
  'not-this-secret': 'Those codes come from another entry'
}

/** A try-again in plain words: a headline for the check, main's explanation, and whether AWS itself said no. */
export function tryAgainWords(result: TryAgain): { headline: string; detail: string | null } {
  return {
    headline: tryAgainHeadlines[result.check.kind],
    detail: result.awsRefused ? 'Cairn checked the codes first and they looked right; AWS, which has the last word, refused them.' : null
  }
}

/** What turning MFA on changed, beyond main's own paragraph. */
export function enabledNotes(result: Enabled, userName: string): string[] {
  const notes: string[] = []
  switch (result.requireMfaPolicy) {
    case 'put':
      notes.push(`From now on, API calls as ${userName} work only in MFA-backed sessions (CairnRequireMFA is on ${userName}'s group).`)
      break
    case 'not-required':
      notes.push(`${userName}'s role does not require MFA for API calls; the device protects the console sign-in.`)
      break
    case 'group-missing':
      notes.push(`${userName}'s group is missing, so the rule that API calls need MFA is not on. Apply the plan again, then check here.`)
      break
    case 'failed':
      notes.push('The rule that API calls need MFA could not be put on the group (see above). Apply the plan again: with a device in place, apply puts it on.')
      break
    case undefined:
      break
  }
  if (result.check.kind === 'clock-skew' && result.check.skewSeconds !== undefined) {
    notes.push(`Your authenticator’s clock is about ${Math.abs(result.check.skewSeconds)} seconds ${result.check.skewSeconds > 0 ? 'ahead' : 'behind'}.`)
  }
  if (result.offerResync)
    notes.push('Set your phone’s date and time to update automatically. If AWS refuses this device’s codes later, use Resync below with two new codes.')
  if (result.vaultSaved === false) notes.push('The keychain did not take the device’s serial number; MFA is on all the same.')
  if (result.replaced) notes.push(`The old device ${result.replaced} is removed.`)
  return notes
}
