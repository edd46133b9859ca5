import { describe, expect, it } from 'vitest'
import { entryLabel, groupSecret, otpauthUri, qrDataUrl, qrTerminal } from '../../../src/main/mfa/authenticator-entry'

const seed = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

describe("the authenticator app's entry", () => {
  it('names the role and the account, so three entries in one app read apart', () => {
    expect(entryLabel({ role: 'dev', userName: 'dev', accountId: '123456789012' })).toBe('dev@123456789012')
    expect(entryLabel({ role: 'ops', userName: 'alice', accountId: '123456789012' })).toBe('ops (alice)@123456789012')
    expect(entryLabel({ role: 'billing', accountId: '123456789012', accountAlias: 'acme' })).toBe('billing@acme 123456789012')
  })

  it("labels the practice account's entries as practice, so they never read like a real account's", () => {
    expect(entryLabel({ role: 'billing', userName: 'billing', accountId: '824354458645', practice: true })).toBe('practice · billing@824354458645')
    expect(entryLabel({ role: 'root', accountId: '824354458645', practice: true })).toBe('practice · root@824354458645')
    expect(entryLabel({ role: 'sign-in', userName: 'me', accountId: '824354458645', practice: true })).toBe('practice · me@824354458645')
    expect(entryLabel({ role: 'dev', accountId: '824354458645', practice: false })).toBe('dev@824354458645')
  })

  it('keeps the practice label whole in the otpauth URI', () => {
    const uri = new URL(otpauthUri('practice · dev@824354458645', seed))
    expect(decodeURIComponent(uri.pathname)).toBe('/AWS:practice · dev@824354458645')
  })

  it('is an otpauth URI with issuer AWS, unlike the issuer-less one AWS encodes', () => {
    const uri = new URL(otpauthUri('ops (alice)@123456789012', seed))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.host).toBe('totp')
    expect(decodeURIComponent(uri.pathname)).toBe('/AWS:ops (alice)@123456789012')
    expect(uri.searchParams.get('secret')).toBe(seed)
    expect(uri.searchParams.get('issuer')).toBe('AWS')
  })

  it('groups the secret key in fours for reading', () => {
    const grouped = groupSecret(seed)
    expect(grouped).toMatch(/^([A-Z2-7]{4} ){15}[A-Z2-7]{4}$/)
    expect(grouped.replace(/ /g, '')).toBe(seed)
  })

  it('draws the QR code as a PNG data URL for the window and as text for a terminal', async () => {
    const uri = otpauthUri('dev@123456789012', seed)
    expect(await qrDataUrl(uri)).toMatch(/^data:image\/png;base64,/)
    const text = await qrTerminal(uri)
    // Small: half-height blocks keep it within a 24-line terminal.
    expect(text.split('\n').length).toBeLessThanOrEqual(30)
  })
})
