import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { protocol, resetFakeElectron } from './support/fake-electron'

vi.mock('electron', async () => (await import('./support/fake-electron')).fakeElectron)

const { registerAppScheme, serveRenderer, APP_SCHEME } = await import('../../../src/main/shell/protocol')
const { contentSecurityPolicyHeader } = await import('../../../src/main/security/csp')

/**
 * Checklist item 18 (no file://, a custom protocol instead) and 7 (CSP): the app:// scheme is
 * registered with the privileges a normal secure origin has and no more, and the handler the
 * shell installs serves only the renderer folder, always with the CSP header.
 */

beforeEach(() => resetFakeElectron())

describe('the app:// scheme', () => {
  it('is standard and secure, and bypasses nothing: no CSP bypass, no CORS opening, no service workers, no code cache', () => {
    registerAppScheme()
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1)
    const schemes = protocol.registerSchemesAsPrivileged.mock.calls[0]?.[0] ?? []
    expect(schemes).toEqual([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
    for (const { privileges } of schemes) {
      for (const risky of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers', 'stream', 'codeCache']) expect(privileges[risky], risky).not.toBe(true)
    }
  })

  it('serves the renderer folder with the CSP header, and nothing outside it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'cairn-scheme-'))
    const renderer = path.join(root, 'renderer')
    mkdirSync(renderer)
    writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Cairn</title>')
    writeFileSync(path.join(root, 'secret.txt'), 'outside the renderer')
    serveRenderer(renderer)
    expect(protocol.handle.mock.calls[0]?.[0]).toBe(APP_SCHEME)
    const handler = protocol.handle.mock.calls[0]![1]

    const page = await handler({ url: 'app://cairn/index.html' })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicyHeader)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await page.text()).toContain('<title>Cairn</title>')

    for (const url of ['app://cairn/../secret.txt', 'app://cairn/%2e%2e/secret.txt', 'app://other/index.html', 'app://cairn/missing.js']) {
      const refused = await handler({ url })
      expect(refused.status, url).toBe(404)
      expect(refused.headers.get('content-security-policy'), url).toBe(contentSecurityPolicyHeader)
      expect(await refused.text(), url).not.toContain('outside the renderer')
    }
  })
})
