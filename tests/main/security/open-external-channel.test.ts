import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/main/ipc/dispatcher'
import { createHandlers } from '../../../src/main/handlers'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { plumbingServices } from '../../support/app-info-source'

/**
 * Checklist item 15, shell.openExternal with untrusted content: the renderer's app.openExternal
 * channel is the page's only way to the OS browser, so it gets the same allow-list through the
 * real dispatcher and handler. The browser callback records what would have been opened.
 */

const app = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }

function openExternalDispatcher() {
  const opened: string[] = []
  const services = plumbingServices({ openExternal: async (url: string) => void opened.push(url) })
  return { dispatcher: createDispatcher({ handlers: createHandlers(services), trustedOrigins: [APP_ORIGIN] }), opened }
}

describe('app.openExternal', () => {
  it.each([
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html',
    'https://console.aws.amazon.com/iam/home',
    'https://us-east-1.console.aws.amazon.com/billing/home#/account',
    'https://aws.amazon.com/premiumsupport/'
  ])('hands %s to the browser', async (url) => {
    const { dispatcher, opened } = openExternalDispatcher()
    expect(await dispatcher.dispatch('app.openExternal', { url }, app)).toEqual({ ok: true, value: { opened: true } })
    expect(opened).toEqual([url])
  })

  it.each([
    ['another host', 'https://evil.example/'],
    ['a look-alike host', 'https://aws.amazon.com.evil.example/'],
    ['a host that only ends like AWS', 'https://evilaws.amazon.com/'],
    ['plain http', 'http://docs.aws.amazon.com/'],
    ['a user name and password', 'https://user:secret@console.aws.amazon.com/'],
    ['a user name only', 'https://attacker@docs.aws.amazon.com/'],
    ['a port', 'https://console.aws.amazon.com:8443/'],
    ['a file', 'file:///etc/passwd'],
    ['script', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['another scheme', 'smb://docs.aws.amazon.com/share'],
    ['a custom protocol handler', 'ms-settings:privacy'],
    ['the app itself', 'app://cairn/index.html']
  ])('refuses %s (%s) without opening anything', async (_what, url) => {
    const { dispatcher, opened } = openExternalDispatcher()
    const result = await dispatcher.dispatch('app.openExternal', { url }, app)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INVALID_REQUEST')
    expect(result.error.message.length).toBeGreaterThan(0)
    // The refused address (maybe with a password in it) is not repeated back.
    expect(JSON.stringify(result.error)).not.toContain('secret@')
    expect(opened).toEqual([])
  })

  it('refuses a request from a page that is not Cairn’s, even with an AWS link', async () => {
    const { dispatcher, opened } = openExternalDispatcher()
    const result = await dispatcher.dispatch('app.openExternal', { url: 'https://docs.aws.amazon.com/' }, { url: 'https://evil.example/', isMainFrame: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
    expect(opened).toEqual([])
  })
})
