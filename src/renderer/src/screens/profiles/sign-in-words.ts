import type { SignInOverview } from '../../../../shared/channels/profiles'
import { clockTime } from './clock-time'

/** The roles layout's one line about the day: signed in until when, or not. */
export interface SignInLine {
  signedIn: boolean
  text: string
}

/** "Signed in as me until 20:14", or "Not signed in today" (and when the last sign-in ended, if it did). */
export function signInLine(signIn: NonNullable<SignInOverview>, now: number, time: (iso: string) => string = clockTime): SignInLine {
  const session = signIn.session
  if (!session) return { signedIn: false, text: 'Not signed in today' }
  if (Date.parse(session.expiration) > now && session.state !== 'expired')
    return { signedIn: true, text: `Signed in as ${signIn.userName} until ${time(session.expiration)}` }
  return { signedIn: false, text: `Not signed in: your sign-in for the day ended at ${time(session.expiration)}` }
}

/** openConsole's refusal when the day's sign-in is over (SignInNeededError): one code, then the console. */
export const needsSignIn = (error: { code: string } | null | undefined, inRolesLayout: boolean): boolean => inRolesLayout && error?.code === 'SESSION_EXPIRED'
