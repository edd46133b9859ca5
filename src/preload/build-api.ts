import './zod-jitless'
import { channelNames, channels, isEventName, type ChannelName, type EventName } from '../shared/contract'
import type { CairnApi } from '../shared/api'
import type { IpcResult } from '../shared/errors'

/** How the API reaches main: ipcRenderer in the app, a Playwright binding in the e2e tests. */
export interface Transport {
  invoke(channel: ChannelName, payload: unknown): Promise<IpcResult<unknown>>
  subscribe(listener: (event: EventName, payload: unknown) => void): void
}

/**
 * Builds `window.cairn` from the contract: one function per channel and `on` for events.
 * Requests are checked here too, so a malformed call never leaves the renderer; main checks
 * again because it trusts nothing that crosses the bridge.
 */
export function buildCairnApi(transport: Transport): CairnApi {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  transport.subscribe((event, payload) => {
    if (!isEventName(event)) return
    for (const listener of listeners.get(event) ?? []) listener(payload)
  })

  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of channelNames) {
    const [namespace, method] = channel.split('.') as [string, string]
    const group = (api[namespace] ??= {})
    group[method] = async (request?: unknown): Promise<IpcResult<unknown>> => {
      const parsed = channels[channel].request.safeParse(request === undefined ? {} : request)
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'INVALID_REQUEST',
            message: `The request to ${channel} was not valid; nothing was sent.`,
            issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(request)', message: issue.message }))
          }
        }
      }
      return transport.invoke(channel, parsed.data)
    }
  }
  for (const group of Object.values(api)) Object.freeze(group)

  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event) || typeof listener !== 'function') throw new TypeError('Unknown event or listener')
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  return Object.freeze({ ...api, on }) as unknown as CairnApi
}
