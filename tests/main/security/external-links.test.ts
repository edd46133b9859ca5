import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isAllowedExternalUrl } from '../../../src/main/security/external-links'

/**
 * The one allow-list behind every hand-over to the OS browser (window.open, console windows,
 * app.openExternal). Properties over generated URLs, on top of the examples in window-policy.test.ts.
 */

const awsHost = fc.constantFrom(
  'aws.amazon.com',
  'docs.aws.amazon.com',
  'console.aws.amazon.com',
  'signin.aws.amazon.com',
  'us-east-1.console.aws.amazon.com',
  '123456789012.signin.aws.amazon.com'
)

describe('isAllowedExternalUrl', () => {
  it('accepts only https URLs on AWS hosts, with no credentials and no port', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true, authoritySettings: { withUserInfo: true, withPort: true } }), (raw) => {
        if (!isAllowedExternalUrl(raw)) return
        const url = new URL(raw)
        expect(url.protocol).toBe('https:')
        expect(url.username + url.password).toBe('')
        expect(url.port).toBe('')
        expect(url.hostname === 'aws.amazon.com' || url.hostname.endsWith('.aws.amazon.com')).toBe(true)
      }),
      { seed: 8, numRuns: 2000 }
    )
  })

  it('accepts any https path, query or fragment on an AWS host', () => {
    fc.assert(
      fc.property(awsHost, fc.webPath(), fc.webQueryParameters(), fc.webFragments(), (host, path, query, fragment) => {
        expect(isAllowedExternalUrl(`https://${host}${path}?${query}#${fragment}`)).toBe(true)
      }),
      { seed: 9, numRuns: 300 }
    )
  })

  it('refuses the same URL as soon as it carries credentials, a port, or another scheme', () => {
    fc.assert(
      fc.property(
        awsHost,
        fc.webPath(),
        fc.constantFrom('user@', 'user:pw@', ':pw@'),
        fc.integer({ min: 1, max: 65535 }).filter((port) => port !== 443),
        fc.constantFrom('http', 'ftp', 'file', 'ws', 'wss', 'smb', 'app'),
        (host, path, credentials, port, scheme) => {
          expect(isAllowedExternalUrl(`https://${credentials}${host}${path}`)).toBe(false)
          expect(isAllowedExternalUrl(`https://${host}:${port}${path}`)).toBe(false)
          expect(isAllowedExternalUrl(`${scheme}://${host}${path}`)).toBe(false)
        }
      ),
      { seed: 10, numRuns: 300 }
    )
  })

  it.each([
    'https://aws.amazon.com.evil.example/',
    'https://aws.amazon.com%2eevil.example/',
    'https://evil.example/https://aws.amazon.com/',
    'https://evil.example\\@aws.amazon.com/',
    'https://xn--ws-4ia.amazon.com/',
    'https://аws.amazon.com/',
    'https://amazon.com/',
    'https://aws.amazon.co/',
    '//aws.amazon.com/',
    'javascript://aws.amazon.com/%0aalert(1)',
    ' https://aws.amazon.com.evil.example/',
    ''
  ])('refuses %j', (raw) => expect(isAllowedExternalUrl(raw)).toBe(false))
})
