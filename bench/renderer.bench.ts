/**
 * The renderer's weight and start: the initial JavaScript (what index.html loads before the
 * Welcome screen can work, gzipped) against the 200 KB budget, and the time from navigation to
 * the Welcome screen being interactive (its heading focused and the Start button enabled, with
 * window.cairn answered by the real handlers over the page bridge) in Debian's Chromium, next to
 * a blank page's load in the same browser in the same run, both read in the page from the
 * navigation's start. Fresh browser context per load; blank and Welcome interleaved so machine
 * load hits both alike. The Welcome rows also say when window.cairn exists (the preload's share:
 * the contract and its zod schemas) and when the HTML is parsed. Needs `electron-vite build`.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium, type Browser } from '@playwright/test'
import { createDispatcher } from '../src/main/ipc/dispatcher'
import { createHandlers } from '../src/main/handlers'
import { createServices } from '../src/main/services'
import { startEmbeddedPractice } from '../src/practice'
import { pageBridgeScript, startRendererServer } from '../tests/e2e/support/page-bridge'

const RUNS = 15
const WARMUP = 2
const BUDGET_KB = 200
const root = process.cwd()
const rendererDir = path.join(root, 'out', 'renderer')

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** Scripts and module preloads index.html itself names: everything the first screen waits for. */
function initialScripts(): string[] {
  const html = readFileSync(path.join(rendererDir, 'index.html'), 'utf8')
  const names = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.?\/?([^"]+\.js)"/g)].map((m) => m[1]!)
  return [...new Set(names)]
}

function bundleReport(): boolean {
  const initial = initialScripts()
  const gz = (file: string) => gzipSync(readFileSync(path.join(rendererDir, file)), { level: 9 }).length
  const initialGz = initial.reduce((sum, file) => sum + gz(file), 0)
  const assets = readdirSync(path.join(rendererDir, 'assets')).filter((f) => f.endsWith('.js'))
  const lazyGz = assets.filter((f) => !initial.includes(`assets/${f}`)).reduce((sum, f) => sum + gz(`assets/${f}`), 0)
  console.log(
    `initial JS (${initial.length} file${initial.length === 1 ? '' : 's'}): ${kb(initialGz)} gzipped, budget ${BUDGET_KB} KB -> ${((initialGz / 1024 / BUDGET_KB) * 100).toFixed(0)}% of budget`
  )
  console.log(`loaded later (code-split screens, ${assets.length - initial.length} chunks): ${kb(lazyGz)} gzipped`)
  return initialGz <= BUDGET_KB * 1024
}

interface Timings {
  blank: number[]
  /** The same blank page with the same bridge as the app (Playwright binding + the preload script). */
  blankBridged: number[]
  /** When window.cairn exists: the preload's work (the contract and its zod schemas). */
  cairnReady: number[]
  domContentLoaded: number[]
  welcome: number[]
}

/** Every time is in milliseconds since the navigation started, read in the page, so Playwright's own round trips are left out. */
async function timeLoads(
  browser: Browser,
  appOrigin: string,
  blankUrl: string,
  bridge: string,
  invoke: (channel: unknown, payload: unknown, url: string) => Promise<unknown>
): Promise<Timings> {
  const timings: Timings = { blank: [], blankBridged: [], cairnReady: [], domContentLoaded: [], welcome: [] }
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const keep = run >= WARMUP
    for (const bridged of [false, true]) {
      const context = await browser.newContext()
      const page = await context.newPage()
      if (bridged) {
        await page.exposeBinding('__cairnInvoke', (source, channel: unknown, payload: unknown) => invoke(channel, payload, source.frame.url()))
        await page.addInitScript({ content: bridge })
      }
      await page.goto(blankUrl, { waitUntil: 'load' })
      const loaded = await page.evaluate(() => Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd))
      if (keep) (bridged ? timings.blankBridged : timings.blank).push(loaded)
      await context.close()
    }
    {
      const context = await browser.newContext()
      const page = await context.newPage()
      await page.exposeBinding('__cairnInvoke', (source, channel: unknown, payload: unknown) => invoke(channel, payload, source.frame.url()))
      await page.addInitScript({ content: bridge })
      await page.addInitScript({ content: 'window.__cairnReadyAt = performance.now()' })
      await page.goto(`${appOrigin}/index.html`, { waitUntil: 'commit' })
      // Interactive: the screen's heading has focus and its Start button takes clicks.
      // Functions, not strings: the app's CSP refuses eval, as it should.
      const interactive = await page.waitForFunction(
        () => document.activeElement?.tagName === 'H1' && document.querySelector('button.primary:enabled') !== null && performance.now(),
        undefined,
        { polling: 'raf' }
      )
      const welcome = Math.round(Number(await interactive.jsonValue()))
      const [ready, dcl] = await page.evaluate(() => [
        Math.round((window as unknown as { __cairnReadyAt: number }).__cairnReadyAt),
        Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd)
      ])
      if (keep) {
        timings.welcome.push(welcome)
        timings.cairnReady.push(ready)
        timings.domContentLoaded.push(dcl)
      }
      await context.close()
    }
  }
  return timings
}

async function main(): Promise<void> {
  const withinBudget = bundleReport()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cairn-bench-renderer-'))
  const practice = await startEmbeddedPractice({})
  const { server, origin } = await startRendererServer(rendererDir)
  const blankServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    response.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body></body></html>')
  })
  await new Promise<void>((resolve) => blankServer.listen(0, '127.0.0.1', resolve))
  const blankUrl = `http://127.0.0.1:${(blankServer.address() as AddressInfo).port}/`
  const services = createServices({
    name: 'Cairn',
    version: 'bench',
    versions: { node: process.versions.node },
    practice,
    dataDir,
    homedir: dataDir,
    awsEnv: {},
    vaultService: 'Cairn-bench'
  })
  const dispatcher = createDispatcher({ handlers: createHandlers(services), trustedOrigins: [origin] })
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync']
  })
  try {
    const bridge = await pageBridgeScript(root)
    const t = await timeLoads(browser, origin, blankUrl, bridge, (channel, payload, url) => dispatcher.dispatch(channel, payload, { url, isMainFrame: true }))
    console.log(
      `blank page: load event at ${median(t.blank)} ms; with the test bridge (binding + preload script): ${median(t.blankBridged)} ms (medians of ${RUNS})`
    )
    console.log(
      `Welcome: window.cairn ready at ${median(t.cairnReady)} ms, DOMContentLoaded at ${median(t.domContentLoaded)} ms, interactive at ${median(t.welcome)} ms (medians of ${RUNS})`
    )
    console.log(
      `-> Welcome interactive ${(median(t.welcome) / median(t.blank)).toFixed(2)}x the blank page's load, ${(median(t.welcome) / median(t.blankBridged)).toFixed(2)}x the bridged blank page's`
    )
  } finally {
    await browser.close()
    await services.mfa.close()
    await practice.close()
    server.close()
    blankServer.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  if (!withinBudget) {
    console.error(`initial JS is over the ${BUDGET_KB} KB budget`)
    process.exitCode = 1
  }
}

void main()
