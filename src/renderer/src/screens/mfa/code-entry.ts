import type { MfaConfirmation } from '../../../../shared/contract'
import type { CallError } from '../../call'
import { noCodes, type CodeProblems, type Codes } from './codes'

type TryAgain = Extract<MfaConfirmation, { result: 'try-again' }>

/** The two codes of an open MFA set-up, from typing them to main's answer. */
export interface CodeEntry {
  codes: Codes
  /** Said next to each box when its code is not six digits (nothing is sent then). */
  problems: CodeProblems
  confirming: boolean
  /** The last check that asked for new codes; it stays on screen while the next is checked. */
  tryAgain: TryAgain | null
  /** mfa.confirm failed outright (the set-up expired, the connection went): start again. */
  error: CallError | null
  /** How many try-agains so far: each empties the boxes and puts focus back in the first. */
  checks: number
}

export type CodeEntryAction =
  | { type: 'typed'; codes: Codes }
  | { type: 'refused-here'; problems: CodeProblems }
  | { type: 'confirming' }
  | { type: 'answered'; result: MfaConfirmation }
  | { type: 'failed'; error: CallError }

export const noEntry: CodeEntry = { codes: noCodes, problems: {}, confirming: false, tryAgain: null, error: null, checks: 0 }

export function codeEntry(state: CodeEntry, action: CodeEntryAction): CodeEntry {
  switch (action.type) {
    case 'typed':
      return { ...state, codes: action.codes }
    case 'refused-here':
      return { ...state, problems: action.problems }
    case 'confirming':
      return { ...state, problems: {}, confirming: true, error: null }
    case 'answered':
      if (action.result.result === 'enabled') return { ...state, confirming: false }
      // The next attempt needs two new codes.
      return { ...state, confirming: false, tryAgain: action.result, codes: noCodes, checks: state.checks + 1 }
    case 'failed':
      return { ...state, confirming: false, error: action.error }
  }
}
