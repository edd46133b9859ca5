/**
 * AWS checks MFA codes against its own clock, not this computer's. Cairn estimates AWS's
 * clock from the Date header of an answer, so its local check agrees with AWS even when this
 * computer's clock is off, and blames the right clock when the phone's is.
 */

/** Below this the Date header (whole seconds) cannot tell the clocks apart: call them equal. */
const NOISE_MS = 2000

/** How far AWS's clock runs ahead of this computer's, from one answer's Date header. */
export function offsetFromDateHeader(date: string | undefined, sentAtMs: number, receivedAtMs: number): number {
  const serverMs = date === undefined ? Number.NaN : Date.parse(date)
  if (Number.isNaN(serverMs)) return 0
  // The header is truncated to the second and stamped somewhere between sending and receiving.
  const offset = serverMs + 500 - (sentAtMs + receivedAtMs) / 2
  return Math.abs(offset) < NOISE_MS ? 0 : Math.round(offset)
}

interface HasMiddleware {
  middlewareStack: {
    add(
      middleware: (next: (args: never) => Promise<{ response: unknown }>) => (args: never) => Promise<{ response: unknown }>,
      options: { step: 'deserialize'; name: string }
    ): void
  }
}

/** Has `command` report AWS's clock offset when its answer arrives. */
export function measureAwsClock<C extends HasMiddleware>(command: C, onOffset: (offsetMs: number) => void, now: () => number = Date.now): C {
  command.middlewareStack.add(
    (next) => async (args) => {
      const sentAt = now()
      const result = await next(args)
      const headers = (result.response as { headers?: Record<string, string | undefined> } | undefined)?.headers
      onOffset(offsetFromDateHeader(headers?.['date'] ?? headers?.['Date'], sentAt, now()))
      return result
    },
    { step: 'deserialize', name: 'cairnAwsClock' }
  )
  return command
}
