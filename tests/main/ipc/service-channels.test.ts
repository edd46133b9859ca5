import { describe, expect, it, vi } from 'vitest'
import { createHandlers } from '../../../src/main/handlers'
import type { HandlerContext } from '../../../src/main/ipc/dispatcher'
import { serveChannels, type ChannelServices } from '../../../src/main/ipc/service-channels'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { channelNames } from '../../../src/shared/contract'
import { plumbingServices } from '../../support/app-info-source'

const context: HandlerContext = { sender: { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }, emit: () => undefined }

describe('services as channels', () => {
  it('serves every channel of the contract, and nothing else', () => {
    const handlers = createHandlers(plumbingServices())
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort())
    for (const channel of channelNames) expect(typeof handlers[channel], channel).toBe('function')
  })

  it('refuses a service that lacks a channel’s method, naming the channel', () => {
    const services = plumbingServices()
    const { checkBilling: _dropped, ...guide } = services.guide
    expect(() => serveChannels({ ...services, guide } as unknown as ChannelServices)).toThrow(
      /Nothing serves guide\.checkBilling: the guide service has no method checkBilling/
    )
  })

  it('refuses a namespace with no service at all', () => {
    const { audit: _dropped, ...services } = plumbingServices()
    expect(() => serveChannels(services as unknown as ChannelServices)).toThrow(/Nothing serves audit\.scan: there is no audit service/)
  })

  it('calls the namespace’s method named as the verb, with the request, the context and the service as `this`', async () => {
    const services = plumbingServices()
    const fix = vi.fn(function (this: unknown) {
      expect(this).toBe(audit)
      return Promise.resolve({ id: 'password-policy', title: 't', status: 'pass' as const, evidence: 'e', explanation: 'x' })
    })
    const audit = { ...services.audit, fix }
    const handlers = serveChannels({ ...services, audit } as unknown as ChannelServices)
    await handlers['audit.fix']({ fixId: 'set-password-policy' }, context)
    expect(fix).toHaveBeenCalledWith({ fixId: 'set-password-policy' }, context)
  })
})
