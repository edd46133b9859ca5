import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { build } from 'esbuild'
import { serveAppAsset } from '../../../src/main/app-protocol/serve-asset'

/**
 * The two halves of the page bridge that do not need Playwright's fixtures, shared by the e2e
 * tests and the renderer bench: the built renderer served by the app:// protocol's own
 * function, and the preload's buildCairnApi bundled for the page over a binding.
 */
let preloadScript: Promise<string> | undefined

/** The preload's buildCairnApi bundled for the page, wired to the test binding. */
export function pageBridgeScript(root: string): Promise<string> {
  preloadScript ??= build({
    stdin: {
      contents: `
        import { buildCairnApi } from './src/preload/build-api'
        const listeners = []
        window.__cairnDeliver = (event, payload) => { for (const l of listeners) l(event, payload) }
        const cairn = buildCairnApi({
          invoke: (channel, payload) => window.__cairnInvoke(channel, payload),
          subscribe: (listener) => { listeners.push(listener) }
        })
        Object.defineProperty(window, 'cairn', { value: cairn, writable: false, configurable: false })
      `,
      resolveDir: root,
      loader: 'ts'
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // Minified like the app's own preload bundle (electron-vite), so the page pays what the app pays.
    minify: true,
    write: false
  }).then((result) => result.outputFiles[0]?.text ?? '')
  return preloadScript
}

export async function startRendererServer(rendererRoot: string): Promise<{ server: Server; origin: string }> {
  let origin = ''
  const server = createServer((request, response) => {
    void serveAppAsset(rendererRoot, `${origin}${request.url ?? '/'}`, origin).then((asset) => {
      response.writeHead(asset.status, asset.headers)
      response.end(asset.body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { server, origin }
}
