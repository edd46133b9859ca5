import type { SetupRequestPayload } from '../../../../shared/channels/setup'

export type Layout = 'users' | 'roles'

/** One of the two layouts, in plain words: what it risks, what it costs a day, and how the console opens. */
export interface LayoutChoice {
  layout: Layout
  title: string
  summary: string
  /** What someone with the password and the phone can reach. */
  stolen: string
  /** How many MFA codes a normal day takes. */
  codes: string
  /** How the AWS console opens as a role. */
  console: string
}

export const layoutChoices: readonly LayoutChoice[] = [
  {
    layout: 'users',
    title: 'Three users, as the guide',
    summary: 'One IAM user per job (billing, dev, ops), each in its own group with its own password, key and MFA device.',
    stolen: 'Only that user’s job: a stolen dev password and phone reach what dev may do, not billing or ops.',
    codes: 'One code for each user whose session ends: dev and ops each ask for their own.',
    console: 'The sign-in page opens with the user’s password on the clipboard, and you type a code.'
  },
  {
    layout: 'roles',
    title: 'One sign-in, three roles',
    summary: 'One IAM user for you, which may only assume IAM roles (billing, dev, ops), each with that job’s permissions.',
    stolen: 'Every role, but only with your MFA device as well: the password alone reaches nothing, and each role’s sessions are short.',
    codes: 'One code a day signs you in for every role.',
    console: 'One click opens the console as the role, with MFA, no password and no code.'
  }
]

export const layoutChoice = (layout: Layout): LayoutChoice => layoutChoices.find((c) => c.layout === layout) ?? layoutChoices[0]!

/** A planned setup's layout: the guide's when `layout` is left out, as before there were two. */
export const layoutOf = (setup: SetupRequestPayload | null | undefined): Layout | null => (setup ? (setup.layout === 'roles' ? 'roles' : 'users') : null)

/** AWS caps a session of a role assumed with another session's credentials (role chaining) at one hour. */
export const CHAINED_SESSION_HOURS = 1

export const maxSessionHint = `1 to 12 hours: the longest a session of this role may last. Cairn’s sessions last ${CHAINED_SESSION_HOURS} hour all the same, because AWS limits a role assumed from a session (your sign-in for the day) to 1 hour; Cairn starts the next one for you.`
