import type { ChannelName, EventName, EventPayloadOf, RequestOf, ResponseOf } from './contract'
import type { IpcResult } from './errors'

/**
 * The shape of `window.cairn`, derived from the contract: 'app.info' becomes
 * `cairn.app.info(request)`. Types only, so the renderer bundles no zod.
 */
type Split<S extends string> = S extends `${infer Head}.${infer Tail}` ? [Head, Tail] : never

/** Requests with nothing required (empty or all-optional) may be called without an argument. */
type NothingRequired<T> = object extends T ? true : T extends Record<string, never> ? true : false

type MethodOf<C extends ChannelName> =
  NothingRequired<RequestOf<C>> extends true
    ? (request?: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<IpcResult<ResponseOf<C>>>

type Namespaces = Split<ChannelName>[0]

export type CairnApi = {
  readonly [N in Namespaces]: {
    readonly [C in ChannelName as Split<C>[0] extends N ? Split<C>[1] : never]: MethodOf<C>
  }
} & {
  /** Subscribe to a main -> renderer event; returns the unsubscribe function. */
  readonly on: <E extends EventName>(event: E, listener: (payload: EventPayloadOf<E>) => void) => () => void
}
