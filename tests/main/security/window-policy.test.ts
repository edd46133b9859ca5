import { describe, expect, it } from 'vitest'
import { decidePermission, decideWindowOpen, shouldBlockNavigation } from '../../../src/main/security/window-policy'
import { isAllowedExternalUrl } from '../../../src/main/security/external-links'

describe('navigation', () => {
  it.each(['https://evil.example/', 'app://cairn/other.html', 'file:///etc/passwd', 'https://console.aws.amazon.com/'])(
    'keeps the window where it is instead of going to %s',
    (url) => {
      expect(shouldBlockNavigation(url)).toBe(true)
    }
  )
})

describe('window.open', () => {
  it('never opens an app window, and hands an AWS https link to the browser', () => {
    expect(decideWindowOpen('https://console.aws.amazon.com/iam/home')).toEqual({
      action: 'deny',
      openExternally: 'https://console.aws.amazon.com/iam/home'
    })
  })

  it.each(['https://evil.example/', 'http://console.aws.amazon.com/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://cairn/index.html'])(
    'refuses %s outright',
    (url) => {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny' })
    }
  )
})

describe('external link allow-list', () => {
  it.each([
    'https://aws.amazon.com/',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    'https://us-east-1.console.aws.amazon.com/billing/home#/account',
    'https://123456789012.signin.aws.amazon.com/console'
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true))

  it.each([
    'https://aws.amazon.com.evil.example/',
    'https://evilaws.amazon.com/',
    'https://user:pw@aws.amazon.com/',
    'https://aws.amazon.com:8443/',
    'http://aws.amazon.com/',
    'ftp://aws.amazon.com/',
    'not a url'
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url)).toBe(false))
})

describe('permissions', () => {
  it.each(['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'fullscreen', 'pointerLock', 'clipboard-read', 'hid', 'serial', 'usb', 'unknown'])(
    'denies %s by default',
    (permission) => expect(decidePermission(permission)).toBe(false)
  )

  it('allows writing to the clipboard for the copy buttons', () => {
    expect(decidePermission('clipboard-sanitized-write')).toBe(true)
  })
})
