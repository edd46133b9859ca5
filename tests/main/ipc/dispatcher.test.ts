import { describe, expect, it, vi } from 'vitest'
import { createDispatcher, type Handlers } from '../../../src/main/ipc/dispatcher'
import { createHandlers } from '../../../src/main/handlers'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { CairnError } from '../../../src/shared/errors'
import { fixedAppInfoSource, plumbingServices } from '../../support/app-info-source'

const app = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }

function dispatcherWith(overrides: Partial<Handlers> = {}) {
  const handlers: Handlers = { ...createHandlers(plumbingServices()), ...overrides }
  const onInternalError = vi.fn()
  return { dispatcher: createDispatcher({ handlers, trustedOrigins: [APP_ORIGIN], onInternalError }), onInternalError }
}

describe('dispatcher', () => {
  it('answers a valid request from the app window with the handler result', async () => {
    const { dispatcher } = dispatcherWith()
    const result = await dispatcher.dispatch('app.info', {}, app)
    expect(result).toMatchObject({ ok: true, value: { name: 'Cairn', version: '0.0.0-test', keychain: { available: true } } })
  })

  it('treats a missing payload as an empty request', async () => {
    const { dispatcher } = dispatcherWith()
    expect((await dispatcher.dispatch('app.info', undefined, app)).ok).toBe(true)
  })

  it('rejects an unknown channel with a typed error and keeps serving', async () => {
    const { dispatcher } = dispatcherWith()
    const result = await dispatcher.dispatch('vault.dumpEverything', {}, app)
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: expect.stringContaining('vault.dumpEverything') } })
    expect((await dispatcher.dispatch('app.info', {}, app)).ok).toBe(true)
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 42, null, { channel: 'app.info' }])(
    'does not mistake %j for a channel',
    async (channel) => {
      const { dispatcher } = dispatcherWith()
      const result = await dispatcher.dispatch(channel, {}, app)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('UNKNOWN_CHANNEL')
    }
  )

  it('rejects a malformed payload without reaching the handler', async () => {
    const handler = vi.fn()
    const { dispatcher } = dispatcherWith({ 'app.info': handler })
    const result = await dispatcher.dispatch('app.info', { unexpected: 'AKIAIOSFODNN7EXAMPLE' }, app)
    expect(handler).not.toHaveBeenCalled()
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_REQUEST')
    expect(JSON.stringify(result.error)).not.toContain('AKIAIOSFODNN7EXAMPLE')
  })

  it.each([['a string'], [42], [[1, 2]], [null], [true]])('rejects a payload of the wrong type (%j)', async (payload) => {
    const { dispatcher } = dispatcherWith()
    const result = await dispatcher.dispatch('app.info', payload, app)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('INVALID_REQUEST')
  })

  it('rejects a prototype-pollution payload and leaves Object.prototype alone', async () => {
    const { dispatcher } = dispatcherWith()
    const payload = JSON.parse('{"__proto__": {"polluted": true}}') as unknown
    const result = await dispatcher.dispatch('app.info', payload, app)
    expect(result.ok).toBe(false)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('refuses a sender that is a subframe, another origin or a file: page', async () => {
    const handler = vi.fn()
    const { dispatcher } = dispatcherWith({ 'app.info': handler })
    for (const sender of [
      { url: `${APP_ORIGIN}/index.html`, isMainFrame: false },
      { url: 'https://evil.example/index.html', isMainFrame: true },
      { url: 'file:///tmp/index.html', isMainFrame: true },
      { url: 'app://cairn.evil/index.html', isMainFrame: true },
      { url: 'not a url', isMainFrame: true }
    ]) {
      const result = await dispatcher.dispatch('app.info', {}, sender)
      expect(result).toEqual({ ok: false, error: { code: 'UNTRUSTED_SENDER', message: expect.any(String) } })
    }
    expect(handler).not.toHaveBeenCalled()
  })

  it('passes a handler’s CairnError through with its code and message', async () => {
    const { dispatcher } = dispatcherWith({
      'app.info': () => {
        throw new CairnError('KEYCHAIN_UNAVAILABLE', 'Unlock your keyring, then try again.')
      }
    })
    expect(await dispatcher.dispatch('app.info', {}, app)).toEqual({
      ok: false,
      error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'Unlock your keyring, then try again.' }
    })
  })

  it('hides an unexpected failure behind INTERNAL and reports it', async () => {
    const { dispatcher, onInternalError } = dispatcherWith({
      'app.info': () => {
        throw new Error('secret detail wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')
      }
    })
    const result = await dispatcher.dispatch('app.info', {}, app)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('INTERNAL')
      expect(result.error.message).not.toContain('wJalrXUtnFEMI')
    }
    expect(onInternalError).toHaveBeenCalledOnce()
  })

  it('refuses to return a response outside the contract', async () => {
    const { dispatcher } = dispatcherWith({ 'app.info': () => ({ name: 'Cairn' }) as never })
    const result = await dispatcher.dispatch('app.info', {}, app)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('INTERNAL')
  })

  it('delivers events a handler emits to the requesting window, checked against the contract', async () => {
    const sink = vi.fn()
    const { dispatcher } = dispatcherWith({
      'app.info': async (_request, context) => {
        context.emit('progress', { operationId: 'op', stepId: 'probe', state: 'done' })
        return fixedAppInfoSource()
          .keychain()
          .then((keychain) => ({
            name: 'Cairn',
            version: '1',
            platform: 'linux' as const,
            arch: 'x64',
            versions: { node: '20' },
            keychain
          }))
      }
    })
    expect((await dispatcher.dispatch('app.info', {}, app, sink)).ok).toBe(true)
    expect(sink).toHaveBeenCalledWith('progress', { operationId: 'op', stepId: 'probe', state: 'done' })
  })
})
