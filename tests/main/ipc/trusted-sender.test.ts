import { describe, expect, it } from 'vitest'
import { APP_ORIGIN, isTrustedSender } from '../../../src/main/ipc/trusted-sender'

describe('isTrustedSender', () => {
  it('trusts the top frame of the app origin', () => {
    expect(isTrustedSender({ url: 'app://cairn/index.html', isMainFrame: true }, [APP_ORIGIN])).toBe(true)
  })

  it('trusts another listed origin, such as the e2e bridge server', () => {
    expect(isTrustedSender({ url: 'http://127.0.0.1:4321/index.html', isMainFrame: true }, ['http://127.0.0.1:4321'])).toBe(true)
  })

  it.each([
    ['a subframe of the app', 'app://cairn/index.html', false],
    ['a look-alike host', 'app://cairn.example/index.html', true],
    ['a user-info trick', 'app://cairn@evil/index.html', true],
    ['another port', 'http://127.0.0.1:9999/', true],
    ['https AWS console', 'https://console.aws.amazon.com/', true],
    ['an empty url', '', true]
  ])('refuses %s', (_label, url, isMainFrame) => {
    expect(isTrustedSender({ url, isMainFrame }, [APP_ORIGIN, 'http://127.0.0.1:4321'])).toBe(false)
  })
})
