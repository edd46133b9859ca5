import { z } from 'zod'
import { noRequest } from './no-request'

/** The journey's screens, in the order the user walks them (docs/architecture.md). */
export const journeySteps = ['welcome', 'root', 'connect', 'status', 'plan', 'apply', 'mfa', 'billing', 'profiles'] as const

export const journeyStep = z.enum(journeySteps)

/**
 * Where the user is, so the app reopens on the right screen. It names steps and the account
 * kind only: never a key, a name the user typed, or anything AWS returned.
 */
export const journeyState = z.object({
  /** null until the user chooses on the Welcome screen. */
  account: z.enum(['practice', 'real']).nullable(),
  current: journeyStep,
  /** The furthest step opened so far; every step up to it can be revisited. */
  reached: journeyStep,
  done: z.array(journeyStep),
  /** The journey has been walked to the end once: the app opens on Profiles from then on. */
  finished: z.boolean(),
  /**
   * The user chose "Keep it for now" on Billing access: the temporary root access key Cairn was
   * connected with is still alive, and Profiles says so until it is deleted. Absent (older
   * journey.json files) reads as false.
   */
  rootKeyKept: z.boolean().optional()
})

export const journeyChannels = {
  'journey.get': { request: noRequest, response: journeyState },
  /** Moves to a step and/or marks one done; choosing the account on Welcome starts the journey. */
  'journey.update': {
    request: z.strictObject({
      account: z.enum(['practice', 'real']).optional(),
      current: journeyStep.optional(),
      done: journeyStep.optional(),
      /** true: "Keep it for now" on Billing access; false: the temporary root key is deleted. */
      rootKeyKept: z.boolean().optional()
    }),
    response: journeyState
  },
  /** Back to Welcome, as on first start (nothing in AWS or the keychain changes). */
  'journey.reset': { request: noRequest, response: journeyState }
} as const

export type JourneyStep = z.output<typeof journeyStep>
export type JourneyState = z.output<typeof journeyState>
