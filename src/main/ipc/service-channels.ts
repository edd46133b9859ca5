import { channelNames, type ChannelName } from '../../shared/contract'
import type { Handler, Handlers } from './dispatcher'

type Split<S extends string> = S extends `${infer Namespace}.${infer Method}` ? [Namespace, Method] : never

/** A namespace of the contract: `setup` for `setup.plan`, `setup.apply`, … */
export type Namespace = Split<ChannelName>[0]

/**
 * What serves one namespace: a method per channel, named as the channel's verb, taking the
 * request as the contract parsed it. A domain's service is typed as this (plus whatever else it
 * offers the command line), so its channels come from it and no handler table is kept by hand.
 */
export type ChannelService<N extends Namespace> = {
  [C in ChannelName as Split<C>[0] extends N ? Split<C>[1] : never]: Handler<C>
}

export type ChannelServices = { [N in Namespace]: ChannelService<N> }

/**
 * Every channel, served by its namespace's service (VS Code's ProxyChannel.fromService is the
 * model): 'setup.apply' calls services.setup.apply(request, context). The type makes a channel
 * without a method a compile error; a method missing at run time is reported when this is built.
 */
export function serveChannels(services: ChannelServices): Handlers {
  const handlers: Partial<Record<ChannelName, Handler<ChannelName>>> = {}
  for (const channel of channelNames) {
    const [namespace, method] = channel.split('.') as [Namespace, string]
    const service = services[namespace] as unknown as Record<string, unknown> | undefined
    if (!service) throw new TypeError(`Nothing serves ${channel}: there is no ${namespace} service.`)
    const serve = service[method]
    if (typeof serve !== 'function') throw new TypeError(`Nothing serves ${channel}: the ${namespace} service has no method ${method}.`)
    handlers[channel] = (request, context) => (serve as Handler<ChannelName>).call(service, request, context)
  }
  return handlers as Handlers
}
