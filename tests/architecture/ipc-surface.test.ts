import { describe, expect, it } from 'vitest'
import { nameOf, nodes, sources, ts, where } from './support/typescript-source'

/**
 * Checklist items 17 and 20: one way in to main (ipcMain.handle on the Cairn channel, through the
 * dispatcher's sender check), and one thing exposed to pages (window.cairn). A second ipcMain
 * listener, a sendSync path or another exposed global would bypass all of that.
 */

const all = sources('src')

function memberCalls(object: string): Array<{ at: string; rel: string; method: string; firstArg: string }> {
  return all.flatMap((source) =>
    nodes(
      source,
      (n) =>
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        ts.isIdentifier(n.expression.expression) &&
        n.expression.expression.text === object
    ).map((n) => {
      const call = n as ts.CallExpression
      return { at: where(source, n), rel: source.rel, method: nameOf(call.expression) ?? '', firstArg: call.arguments[0]?.getText(source.file) ?? '' }
    })
  )
}

describe('the IPC surface', () => {
  it('main listens once, with ipcMain.handle on the Cairn channel, in the shell’s IPC module', () => {
    expect(memberCalls('ipcMain').map(({ rel, method, firstArg }) => `${rel} ${method}(${firstArg})`)).toEqual(['src/main/shell/ipc.ts handle(IPC_INVOKE)'])
  })

  it('the handler hands the sender frame and every request to the dispatcher', () => {
    const [ipc] = sources('src/main/shell').filter((source) => source.rel === 'src/main/shell/ipc.ts')
    const text = ipc?.file.getFullText() ?? ''
    expect(text).toMatch(/event\.senderFrame/)
    expect(text).toMatch(/dispatcher\.dispatch\(channel, payload, sender/)
  })

  it('the preload only invokes that channel and listens to the Cairn event channel', () => {
    expect(
      memberCalls('ipcRenderer')
        .map(({ rel, method, firstArg }) => `${rel} ${method}(${firstArg})`)
        .sort()
    ).toEqual(['src/preload/index.ts invoke(IPC_INVOKE)', 'src/preload/index.ts on(IPC_EVENT)'])
  })

  it('exposes exactly one global to pages, window.cairn', () => {
    expect(memberCalls('contextBridge').map(({ rel, method, firstArg }) => `${rel} ${method}(${firstArg})`)).toEqual([
      "src/preload/index.ts exposeInMainWorld('cairn')"
    ])
  })

  it('main sends pages nothing but Cairn events', () => {
    const sends = all.flatMap((source) =>
      nodes(
        source,
        (n) => ts.isCallExpression(n) && ['send', 'postMessage', 'sendToFrame'].includes(nameOf(n.expression) ?? '') && source.rel.startsWith('src/main/shell/')
      ).map((n) => ({
        at: where(source, n),
        firstArg: (n as ts.CallExpression).arguments[0]?.getText(source.file) ?? ''
      }))
    )
    expect(sends.length).toBeGreaterThan(0)
    for (const { at, firstArg } of sends) expect(firstArg, at).toBe('IPC_EVENT')
  })
})
