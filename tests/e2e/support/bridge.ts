import { readFileSync, rmSync } from 'node:fs'
import { isolatedPlace, isolatedServicesInput } from '../../support/isolated-services'
import path from 'node:path'
import { test as base, type Page } from '@playwright/test'
import { createDispatcher, type Dispatcher } from '../../../src/main/ipc/dispatcher'
import { createHandlers } from '../../../src/main/handlers'
import { createServices } from '../../../src/main/services'
import { startEmbeddedPractice, type EmbeddedPractice } from '../../../src/practice'
import { builtRendererDir, repoRoot } from '../../support/build'
import { pageBridgeScript, startRendererServer } from './page-bridge'

/**
 * The renderer as the app runs it, in Debian's Chromium: the built files served with the
 * app:// protocol's own function and headers, and window.cairn built by the preload's own
 * code on top of a Playwright binding that calls the real dispatcher and handlers here.
 * Only the transport differs from Electron's ipcRenderer.
 */
export interface Bridge {
  origin: string
  practice: EmbeddedPractice
  dispatcher: Dispatcher
  /** Requests main received, by channel, for assertions. */
  received: Array<{ channel: unknown; payload: unknown }>
  /** Send a main -> renderer event to the page, as webContents.send would. */
  emit(page: Page, event: string, payload: unknown): Promise<void>
  open(page: Page): Promise<void>
  /** This test's own Cairn data folder, home (with .aws/config) and keychain service. */
  dataDir: string
  home: string
  configFile: string
  vaultService: string
  /** URLs the app asked the OS browser to open. */
  openedExternally: string[]
  /** Console windows the app asked the shell to open (role and URL). */
  consoleWindows: Array<{ url: string; role: string }>
  /** How many console passwords went to the clipboard (the values are not kept). */
  passwordsCopied: number
}

export const test = base.extend<{ bridge: Bridge }>({
  bridge: async ({}, use) => {
    const { server, origin } = await startRendererServer(builtRendererDir())
    const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    const practice = await startEmbeddedPractice({})
    // Nothing of the user's is touched: own data folder, home, AWS config file and keychain service.
    const place = isolatedPlace('cairn-e2e')
    const { root, dataDir, home, configFile, vaultService } = place
    const openedExternally: string[] = []
    const consoleWindows: Bridge['consoleWindows'] = []
    const services = createServices(
      isolatedServicesInput(practice, place, {
        version,
        openExternal: async (url) => void openedExternally.push(url),
        openConsoleWindow: (url, target) => void consoleWindows.push({ url, role: target.role }),
        copyPassword: () => void (bridge.passwordsCopied += 1)
      })
    )
    const dispatcher = createDispatcher({ handlers: createHandlers(services), trustedOrigins: [origin] })
    const received: Bridge['received'] = []
    const bridge: Bridge = {
      origin,
      practice,
      dispatcher,
      received,
      dataDir,
      home,
      configFile,
      vaultService,
      openedExternally,
      consoleWindows,
      passwordsCopied: 0,
      emit: (page, event, payload) =>
        page.evaluate(([e, p]) => (window as unknown as { __cairnDeliver(e: unknown, p: unknown): void }).__cairnDeliver(e, p), [event, payload] as const),
      async open(page) {
        await page.exposeBinding('__cairnInvoke', async (source, channel: unknown, payload: unknown) => {
          received.push({ channel, payload })
          const sink = (event: string, eventPayload: unknown) => void bridge.emit(page, event, eventPayload)
          return dispatcher.dispatch(channel, payload, { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() }, sink)
        })
        await page.addInitScript({ content: await pageBridgeScript(repoRoot) })
        await page.goto(`${origin}/index.html`)
      }
    }
    await use(bridge)
    // The page may still hold a keep-alive connection: close() alone would wait for it.
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
    await services.mfa.close()
    await practice.close()
    rmSync(root, { recursive: true, force: true })
  }
})

export { expect } from '@playwright/test'
