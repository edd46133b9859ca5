import type { z } from 'zod'
import {
  channels,
  events,
  isChannelName,
  type ChannelName,
  type EventName,
  type EventPayloadOf,
  type ParsedRequestOf,
  type ResponseOf
} from '../../shared/contract'
import { CairnError, type IpcError, type IpcResult } from '../../shared/errors'
import { isTrustedSender, type SenderInfo } from './trusted-sender'

export interface HandlerContext {
  sender: SenderInfo
  /** Send an event to the window that made this request. */
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void
}

export type Handler<C extends ChannelName> = (request: ParsedRequestOf<C>, context: HandlerContext) => ResponseOf<C> | Promise<ResponseOf<C>>

export type Handlers = { [C in ChannelName]: Handler<C> }

export type EventSink = (event: EventName, payload: unknown) => void

export interface DispatcherOptions {
  handlers: Handlers
  trustedOrigins: readonly string[]
  /** Where internal failures are reported (already redacted by the caller's logger). */
  onInternalError?: (channel: ChannelName, error: unknown) => void
}

export interface Dispatcher {
  dispatch(channel: unknown, payload: unknown, sender: SenderInfo, sink?: EventSink): Promise<IpcResult<unknown>>
}

function fail(error: IpcError): IpcResult<never> {
  return { ok: false, error }
}

function issuesOf(error: z.ZodError): IpcError['issues'] {
  // Only paths and zod's own wording: the submitted values (maybe secrets) never echo back.
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path.map(String).join('.') || '(request)',
    message: issue.message
  }))
}

/** Names the requested operation, shortened; a name that is not text is not echoed (String() of it can even throw). */
function unknownChannelMessage(channel: unknown): string {
  const what = typeof channel === 'string' ? `no operation called ${JSON.stringify(channel.slice(0, 80))}` : 'no operation by that name (it was not text)'
  return `Cairn has ${what}. Update the app if this keeps happening.`
}

/**
 * The single entry point for every IPC request. Checks the sender, the channel and the
 * payload before any handler runs, and never throws: every outcome is an IpcResult.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { handlers, trustedOrigins, onInternalError } = options

  return {
    async dispatch(channel, payload, sender, sink) {
      if (!isTrustedSender(sender, trustedOrigins)) {
        return fail({ code: 'UNTRUSTED_SENDER', message: 'This request did not come from a Cairn window and was refused.' })
      }
      if (!isChannelName(channel)) {
        return fail({
          code: 'UNKNOWN_CHANNEL',
          message: unknownChannelMessage(channel)
        })
      }
      const spec = channels[channel]
      const parsed = spec.request.safeParse(payload === undefined ? {} : payload)
      if (!parsed.success) {
        return fail({
          code: 'INVALID_REQUEST',
          message: `The request to ${channel} was not valid; nothing was changed. Check the highlighted fields and try again.`,
          issues: issuesOf(parsed.error)
        })
      }
      const context: HandlerContext = {
        sender,
        emit(event, eventPayload) {
          sink?.(event, events[event].parse(eventPayload))
        }
      }
      try {
        const handler = handlers[channel] as Handler<typeof channel>
        const value = await handler(parsed.data as ParsedRequestOf<typeof channel>, context)
        const checked = spec.response.safeParse(value)
        if (!checked.success) throw new Error(`${channel} returned a response outside the contract`)
        return { ok: true, value: checked.data }
      } catch (error) {
        if (error instanceof CairnError) return fail(error.toIpcError())
        onInternalError?.(channel, error)
        return fail({
          code: 'INTERNAL',
          message: `Something went wrong in ${channel}. Nothing you saved was lost; try again, and if it repeats run \`cairn doctor\`.`
        })
      }
    }
  }
}
