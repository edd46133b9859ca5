import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAppAsset } from '../../../src/main/app-protocol/resolve-asset'
import { serveAppAsset } from '../../../src/main/app-protocol/serve-asset'

const root = mkdtempSync(path.join(tmpdir(), 'cairn-renderer-'))
mkdirSync(path.join(root, 'assets'))
writeFileSync(path.join(root, 'index.html'), '<!doctype html>')
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)')
writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'outside')

describe('resolveAppAsset', () => {
  it('serves index.html for the root and files inside the renderer folder', () => {
    expect(resolveAppAsset(root, 'app://cairn/')?.filePath).toBe(path.join(root, 'index.html'))
    expect(resolveAppAsset(root, 'app://cairn/assets/app.js')).toEqual({
      filePath: path.join(root, 'assets', 'app.js'),
      mimeType: 'text/javascript; charset=utf-8'
    })
  })

  it.each([
    'app://cairn/../secret.txt',
    'app://cairn/%2e%2e/secret.txt',
    'app://cairn/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://cairn/..%5csecret.txt',
    'app://cairn/index.html%00.js',
    'app://other/index.html',
    'https://cairn/index.html',
    'app://cairn/%E0%A4%A',
    'app://cairn/assets/app.exe'
  ])('refuses %s', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull()
  })
})

describe('serveAppAsset', () => {
  it('answers with the file and the security headers', async () => {
    const response = await serveAppAsset(root, 'app://cairn/index.html')
    expect(response.status).toBe(200)
    expect(response.body.toString()).toBe('<!doctype html>')
    expect(response.headers['Content-Security-Policy']).toContain("default-src 'none'")
    expect(response.headers['X-Content-Type-Options']).toBe('nosniff')
  })

  it('answers 404 for a missing or refused file, never its contents', async () => {
    expect((await serveAppAsset(root, 'app://cairn/missing.js')).status).toBe(404)
    const escaped = await serveAppAsset(root, 'app://cairn/%2e%2e/secret.txt')
    expect(escaped.status).toBe(404)
    expect(escaped.body.toString()).not.toContain('outside')
  })
})
