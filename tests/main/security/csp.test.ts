import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicyHeader, parseCsp } from '../../../src/main/security/csp'
import { builtRendererDir } from '../../support/build'

function metaCsp(html: string): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
  if (!match?.[1]) throw new Error('the built index.html has no CSP meta tag')
  return match[1]
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

describe('Content-Security-Policy of the built renderer', () => {
  const html = readFileSync(path.join(builtRendererDir(), 'index.html'), 'utf8')
  const csp = parseCsp(metaCsp(html))

  it('comes before any script in the page', () => {
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
  })

  it('allows nothing by default and scripts only from the app itself', () => {
    expect(csp['default-src']).toEqual(["'none'"])
    expect(csp['script-src']).toEqual(["'self'"])
    expect(csp['object-src']).toEqual(["'none'"])
    expect(csp['base-uri']).toEqual(["'none'"])
    expect(csp['form-action']).toEqual(["'none'"])
  })

  it('has no unsafe-inline, unsafe-eval, wildcard or remote source anywhere', () => {
    for (const sources of Object.values(csp)) {
      for (const source of sources) {
        expect(source).not.toMatch(/unsafe|\*|https?:|blob:/)
      }
    }
  })

  it('loads only bundled, same-origin scripts and styles', () => {
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
    expect(srcs.length).toBeGreaterThan(0)
    for (const src of srcs) expect(src).toMatch(/^\.\/assets\//)
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
  })

  it('forbids framing in the header the app:// protocol sends', () => {
    expect(parseCsp(contentSecurityPolicyHeader)['frame-ancestors']).toEqual(["'none'"])
  })
})
