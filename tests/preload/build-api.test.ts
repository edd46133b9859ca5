import { describe, expect, it, vi } from 'vitest'
import { buildCairnApi, type Transport } from '../../src/preload/build-api'
import { channelNames } from '../../src/shared/contract'

function transport() {
  let emit: (event: string, payload: unknown) => void = () => undefined
  const invoke = vi.fn<Transport['invoke']>(async () => ({ ok: true, value: 'answer' }))
  const t: Transport = {
    invoke,
    subscribe: (listener) => {
      emit = listener as typeof emit
    }
  }
  return { t, invoke, emit: (event: string, payload: unknown) => emit(event, payload) }
}

describe('buildCairnApi', () => {
  it('has one function per contract channel and `on`, nothing else', () => {
    const api = buildCairnApi(transport().t) as unknown as Record<string, Record<string, unknown>>
    const exposed = Object.entries(api).flatMap(([namespace, value]) =>
      typeof value === 'function' ? [namespace] : Object.keys(value).map((method) => `${namespace}.${method}`)
    )
    expect(exposed.sort()).toEqual([...channelNames, 'on'].sort())
  })

  it('is frozen, so a page script cannot swap a function', () => {
    const api = buildCairnApi(transport().t) as unknown as Record<string, Record<string, unknown>>
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.isFrozen(api['app'])).toBe(true)
  })

  it('sends a valid request to main on the contract channel', async () => {
    const { t, invoke } = transport()
    const api = buildCairnApi(t)
    expect(await api.app.info()).toEqual({ ok: true, value: 'answer' })
    expect(invoke).toHaveBeenCalledWith('app.info', {})
  })

  it('answers an invalid request itself, without sending it', async () => {
    const { t, invoke } = transport()
    const api = buildCairnApi(t)
    const result = await (api.app.info as (r: unknown) => Promise<unknown>)({ extra: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(invoke).not.toHaveBeenCalled()
  })

  it('delivers events to subscribers with the payload only, until they unsubscribe', () => {
    const { t, emit } = transport()
    const api = buildCairnApi(t)
    const listener = vi.fn()
    const off = api.on('progress', listener)
    emit('progress', { operationId: 'a', stepId: 'b', state: 'running' })
    emit('not-an-event', { x: 1 })
    off()
    emit('progress', { operationId: 'a', stepId: 'b', state: 'done' })
    expect(listener.mock.calls).toEqual([[{ operationId: 'a', stepId: 'b', state: 'running' }]])
  })

  it('refuses to subscribe to an event that is not in the contract', () => {
    const api = buildCairnApi(transport().t)
    expect(() => (api.on as (e: string, l: () => void) => void)('ipc-raw', () => undefined)).toThrow(TypeError)
  })
})
