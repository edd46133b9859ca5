import { describe, expect, it } from 'vitest'
import { nameOf, nodes, sources, ts, where } from './support/typescript-source'

/**
 * The checklist as source rules, for what a unit test of one module cannot see: every window in
 * src/ is built from the two tested option builders, no code anywhere sets an unsafe web
 * preference, and the APIs the checklist warns about are not used at all.
 */

const all = sources('src')
const builders = new Set(['mainWindowOptions', 'consoleWindowOptions'])
const builderFiles = new Set(['src/main/security/window-options.ts', 'src/main/security/console-window-policy.ts'])

describe('windows', () => {
  it('are all created from mainWindowOptions() or consoleWindowOptions(), never from inline options', () => {
    const created = all.flatMap((source) =>
      nodes(
        source,
        (n) =>
          ts.isNewExpression(n) &&
          ts.isIdentifier(n.expression) &&
          ['BrowserWindow', 'BrowserView', 'WebContentsView', 'BaseWindow'].includes(n.expression.text)
      ).map((n) => {
        const args = (n as ts.NewExpression).arguments ?? []
        const arg = args[0]
        const builder = args.length === 1 && arg && ts.isCallExpression(arg) && ts.isIdentifier(arg.expression) ? arg.expression.text : null
        return { at: where(source, n), builder }
      })
    )
    expect(created.length).toBeGreaterThanOrEqual(2)
    for (const { at, builder } of created) expect(builders.has(builder ?? ''), `${at} builds its window options itself`).toBe(true)
  })

  it('get web preferences only in the two builders', () => {
    const elsewhere = all
      .filter((source) => !builderFiles.has(source.rel))
      .flatMap((source) => nodes(source, (n) => ts.isPropertyAssignment(n) && nameOf(n) === 'webPreferences').map((n) => where(source, n)))
    expect(elsewhere).toEqual([])
  })

  it('never have an unsafe preference set anywhere in src/', () => {
    const unsafe: Record<string, (value: ts.Expression) => boolean> = {
      nodeIntegration: (v) => v.kind !== ts.SyntaxKind.FalseKeyword,
      nodeIntegrationInWorker: (v) => v.kind !== ts.SyntaxKind.FalseKeyword,
      nodeIntegrationInSubFrames: (v) => v.kind !== ts.SyntaxKind.FalseKeyword,
      contextIsolation: (v) => v.kind !== ts.SyntaxKind.TrueKeyword,
      sandbox: (v) => v.kind !== ts.SyntaxKind.TrueKeyword,
      webSecurity: (v) => v.kind !== ts.SyntaxKind.TrueKeyword,
      allowRunningInsecureContent: (v) => v.kind !== ts.SyntaxKind.FalseKeyword,
      experimentalFeatures: (v) => v.kind !== ts.SyntaxKind.FalseKeyword,
      webviewTag: (v) => v.kind !== ts.SyntaxKind.FalseKeyword,
      enableBlinkFeatures: () => true,
      allowpopups: () => true
    }
    const found = all.flatMap((source) =>
      nodes(source, (n) => ts.isPropertyAssignment(n) && (nameOf(n) ?? '') in unsafe && unsafe[nameOf(n)!]!((n as ts.PropertyAssignment).initializer)).map(
        (n) => `${where(source, n)} ${n.getText(source.file)}`
      )
    )
    expect(found).toEqual([])
  })
})

describe('APIs the checklist warns about', () => {
  const forbidden: Record<string, string> = {
    loadFile: 'file:// pages get extra privileges; serve from app:// (checklist 18)',
    setCertificateVerifyProc: 'certificate checks stay Chromium’s',
    executeJavaScript: 'no code strings run in a page',
    registerFileProtocol: 'the app:// scheme uses protocol.handle with its own checks',
    interceptFileProtocol: 'file:// is never rewritten',
    setPermissionCheckHandler: '',
    setPermissionRequestHandler: '',
    openExternal: ''
  }
  const allowedSites: Record<string, string[]> = {
    // Permission handlers belong to the shell, which routes them to the tested policies.
    setPermissionCheckHandler: ['src/main/shell/windows.ts', 'src/main/shell/console-windows.ts'],
    setPermissionRequestHandler: ['src/main/shell/windows.ts', 'src/main/shell/console-windows.ts'],
    // Electron's shell.openExternal only where the allow-list decided first (see the allow-list tests).
    // The renderer's call is the app.openExternal channel, whose handler checks the allow-list.
    openExternal: [
      'src/main/shell/windows.ts',
      'src/main/shell/console-windows.ts',
      'src/main/index.ts',
      'src/main/app-info/app-service.ts',
      'src/renderer/src/ui/OpenInBrowser.tsx'
    ]
  }

  it.each(Object.keys(forbidden))('%s is used only where allowed', (api) => {
    const sites = all.flatMap((source) =>
      nodes(source, (n) => ts.isPropertyAccessExpression(n) && n.name.text === api && ts.isCallExpression(n.parent) && n.parent.expression === n).map((n) => ({
        rel: source.rel,
        at: where(source, n)
      }))
    )
    const allowed = allowedSites[api] ?? []
    expect(
      sites.filter((site) => !allowed.includes(site.rel)).map((site) => site.at),
      forbidden[api]
    ).toEqual([])
  })

  it('no certificate-error, client-certificate or login handler that could accept what Chromium refused', () => {
    const listeners = all.flatMap((source) =>
      nodes(
        source,
        (n) =>
          ts.isStringLiteral(n) &&
          ['certificate-error', 'select-client-certificate', 'login'].includes(n.text) &&
          ts.isCallExpression(n.parent) &&
          ['on', 'once', 'addListener', 'prependListener'].includes(nameOf(n.parent.expression) ?? '')
      ).map((n) => where(source, n))
    )
    expect(listeners).toEqual([])
  })

  it('no <webview> in the renderer', () => {
    const webviews = sources('src/renderer').flatMap((source) =>
      nodes(source, (n) => (ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && n.tagName.getText(source.file) === 'webview').map((n) =>
        where(source, n)
      )
    )
    expect(webviews).toEqual([])
  })
})
