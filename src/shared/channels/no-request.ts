import { z } from 'zod'

/** The request of a channel that takes no arguments: `{}` and nothing else. */
export const noRequest = z.object({}).strict()
