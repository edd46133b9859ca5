import { readFileSync } from 'node:fs'
import vm from 'node:vm'
import { describe, expect, it, vi } from 'vitest'
import { channelNames, IPC_EVENT, IPC_INVOKE } from '../../src/shared/contract'
import { builtPreloadFile } from '../support/build'

/**
 * Runs the built preload the way Electron's sandbox does: CommonJS with only `electron`
 * to require. Proves what the page really gets.
 */
function runPreload() {
  const exposed: Record<string, unknown> = {}
  const required: string[] = []
  const ipcListeners: Record<string, (...args: unknown[]) => void> = {}
  const invoke = vi.fn(async () => ({ ok: true, value: 'from main' }))
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
    ipcRenderer: { invoke, on: (channel: string, listener: (...args: unknown[]) => void) => (ipcListeners[channel] = listener) }
  }
  const module = { exports: {} }
  const sandboxRequire = (name: string) => {
    required.push(name)
    if (name === 'electron') return electron
    throw new Error(`a sandboxed preload cannot require ${name}`)
  }
  vm.runInNewContext(readFileSync(builtPreloadFile(), 'utf8'), { require: sandboxRequire, module, exports: module.exports, console })
  return { exposed, required, invoke, ipcListeners }
}

describe('the built preload', () => {
  it('is CommonJS that requires nothing but electron', () => {
    const { required } = runPreload()
    expect(new Set(required)).toEqual(new Set(['electron']))
  })

  it('exposes only window.cairn, made of the contract’s functions', () => {
    const { exposed } = runPreload()
    expect(Object.keys(exposed)).toEqual(['cairn'])
    const cairn = exposed['cairn'] as Record<string, Record<string, unknown>>
    const functions = Object.entries(cairn).flatMap(([namespace, value]) =>
      typeof value === 'function' ? [namespace] : Object.keys(value).map((method) => `${namespace}.${method}`)
    )
    expect(functions.sort()).toEqual([...channelNames, 'on'].sort())
  })

  it('invokes main on the single Cairn channel and hands events over without the Electron event object', async () => {
    const { exposed, invoke, ipcListeners } = runPreload()
    const cairn = exposed['cairn'] as { app: { info(): Promise<unknown> }; on(e: string, l: (...a: unknown[]) => void): void }
    expect(await cairn.app.info()).toEqual({ ok: true, value: 'from main' })
    expect(invoke).toHaveBeenCalledWith(IPC_INVOKE, 'app.info', {})
    const listener = vi.fn()
    cairn.on('progress', listener)
    const fakeElectronEvent = { sender: { send: () => undefined }, ports: [] }
    ipcListeners[IPC_EVENT]?.(fakeElectronEvent, 'progress', { operationId: 'o', stepId: 's', state: 'done' })
    expect(listener).toHaveBeenCalledWith({ operationId: 'o', stepId: 's', state: 'done' })
    expect(listener.mock.calls[0]).toHaveLength(1)
  })
})
