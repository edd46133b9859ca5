import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, resetFakeElectron, shell } from './support/fake-electron'

vi.mock('electron', async () => (await import('./support/fake-electron')).fakeElectron)

const { openConsoleWindow, isConsoleWebContents } = await import('../../../src/main/shell/console-windows')
const { lockDownAllWebContents } = await import('../../../src/main/shell/windows')
const { consoleWindowOptions } = await import('../../../src/main/security/console-window-policy')

/**
 * Role console windows show AWS's remote pages: the shell must open them only on AWS's
 * sign-in/console hosts, sandboxed with no preload, one cookie jar per role, no permissions,
 * no new windows, and navigation limited to AWS (checklist items 1-6, 13, 14, 15).
 */

// Each test gets fresh windows: the module keeps one window per role, so roles differ per test.
let n = 0
const target = () => ({ accountId: '111122223333', role: `role${(n += 1)}` })

beforeEach(() => {
  resetFakeElectron()
  lockDownAllWebContents(isConsoleWebContents)
})

describe('a role console window', () => {
  it('refuses to open on anything but AWS sign-in or console over https', () => {
    for (const url of [
      'https://evil.example/',
      'http://signin.aws.amazon.com/federation',
      'https://docs.aws.amazon.com/',
      'file:///etc/passwd',
      'https://signin.aws.amazon.com.evil.example/'
    ]) {
      expect(() => openConsoleWindow(url, target()), url).toThrow(/Refusing/)
    }
    expect(FakeBrowserWindow.created).toEqual([])
  })

  it('is sandboxed, without a preload, in its own persistent partition, and loads the sign-in URL', () => {
    const t = target()
    openConsoleWindow('https://signin.aws.amazon.com/federation?Action=login', t)
    const [window] = FakeBrowserWindow.created
    expect(window?.options).toEqual(consoleWindowOptions(t))
    expect(window?.options.webPreferences).not.toHaveProperty('preload')
    expect(window?.options.webPreferences?.partition).toBe(`persist:cairn-role-111122223333-${t.role}`)
    expect(window?.loadURL).toHaveBeenCalledWith('https://signin.aws.amazon.com/federation?Action=login')
  })

  it('reuses the role’s window, and gives another role another window and cookie jar', () => {
    const billing = target()
    const dev = target()
    openConsoleWindow('https://signin.aws.amazon.com/federation?Action=login', billing)
    openConsoleWindow('https://console.aws.amazon.com/', billing)
    openConsoleWindow('https://signin.aws.amazon.com/federation?Action=login', dev)
    expect(FakeBrowserWindow.created).toHaveLength(2)
    const [first, second] = FakeBrowserWindow.created
    expect(first?.webContents.session).not.toBe(second?.webContents.session)
  })

  it('grants its pages no permission at all', async () => {
    openConsoleWindow('https://signin.aws.amazon.com/federation?Action=login', target())
    const session = FakeBrowserWindow.created[0]?.webContents.session
    for (const permission of ['clipboard-read', 'clipboard-sanitized-write', 'notifications', 'media', 'geolocation', 'openExternal']) {
      expect(await session?.request(permission), permission).toBe(false)
      expect(session?.permissionCheckHandler?.({}, permission), permission).toBe(false)
    }
  })

  it('navigates within AWS sign-in and console only; AWS documentation goes to the browser, the rest nowhere', () => {
    openConsoleWindow('https://signin.aws.amazon.com/federation?Action=login', target())
    const contents = FakeBrowserWindow.created[0]!.webContents
    expect(contents.attempt('will-navigate', 'https://us-east-1.console.aws.amazon.com/billing/home')).toBe(false)
    expect(contents.attempt('will-redirect', 'https://111122223333.signin.aws.amazon.com/console')).toBe(false)
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.attempt('will-redirect', 'http://console.aws.amazon.com/')).toBe(true)
    expect(shell.openExternal).not.toHaveBeenCalled()
    expect(contents.attempt('will-navigate', 'https://docs.aws.amazon.com/IAM/')).toBe(true)
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.aws.amazon.com/IAM/')
  })

  it('opens no window of its own: AWS https links go to the browser, anything else nowhere', () => {
    openConsoleWindow('https://signin.aws.amazon.com/federation?Action=login', target())
    const contents = FakeBrowserWindow.created[0]!.webContents
    expect(contents.windowOpenHandler?.({ url: 'https://console.aws.amazon.com/s3' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(shell.openExternal.mock.calls).toEqual([['https://console.aws.amazon.com/s3']])
  })

  it('may visit the practice account’s own origin, and only when it is the practice account', () => {
    openConsoleWindow('http://127.0.0.1:4566/federation?Action=login', { ...target(), practiceOrigin: 'http://127.0.0.1:4566' })
    const contents = FakeBrowserWindow.created[0]!.webContents
    expect(contents.attempt('will-navigate', 'http://127.0.0.1:4566/console')).toBe(false)
    expect(contents.attempt('will-navigate', 'http://127.0.0.1:4567/console')).toBe(true)
    expect(() => openConsoleWindow('http://127.0.0.1:4566/federation', target())).toThrow(/Refusing/)
  })
})
