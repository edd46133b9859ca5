import { beforeEach, describe, expect, it, vi } from 'vitest'
import { FakeBrowserWindow, FakeWebContents, app, resetFakeElectron, session, sessionFor, shell } from './support/fake-electron'

vi.mock('electron', async () => (await import('./support/fake-electron')).fakeElectron)

const { createMainWindow, lockDownAllWebContents, lockDownSessionPermissions } = await import('../../../src/main/shell/windows')
const { mainWindowOptions } = await import('../../../src/main/security/window-options')

/**
 * The shell's wiring of the checklist, run against a fake Electron: every web contents the app
 * ever creates gets the navigation, redirect, webview and new-window guards, and the default
 * session the permission handlers (checklist items 5, 12, 13, 14, 15).
 */

beforeEach(() => resetFakeElectron())

function newContents(hasOwnPolicy?: Parameters<typeof lockDownAllWebContents>[0]): FakeWebContents {
  lockDownAllWebContents(hasOwnPolicy)
  const contents = new FakeWebContents(sessionFor('(default)'))
  app.emit('web-contents-created', {}, contents)
  return contents
}

describe('every web contents the app creates', () => {
  it.each(['https://evil.example/', 'app://cairn/other.html', 'file:///etc/passwd', 'https://console.aws.amazon.com/', 'javascript:alert(1)'])(
    'may not navigate or be redirected to %s',
    (url) => {
      const contents = newContents()
      expect(contents.attempt('will-navigate', url)).toBe(true)
      expect(contents.attempt('will-redirect', url)).toBe(true)
    }
  )

  it('may not attach a <webview>', () => {
    const contents = newContents()
    expect(contents.attempt('will-attach-webview', { nodeIntegration: true }, { src: 'https://evil.example/' })).toBe(true)
  })

  it('opens no window; an AWS https link goes to the browser, anything else nowhere', () => {
    const contents = newContents()
    expect(contents.windowOpenHandler?.({ url: 'https://docs.aws.amazon.com/IAM/' })).toEqual({ action: 'deny' })
    expect(shell.openExternal).toHaveBeenCalledWith('https://docs.aws.amazon.com/IAM/')
    for (const url of [
      'https://evil.example/',
      'http://docs.aws.amazon.com/',
      'file:///etc/passwd',
      'https://user:pw@aws.amazon.com/',
      'javascript:alert(1)'
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' })
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1)
  })

  it('leaves navigation to a window with its own policy (the console windows), but still guards webviews and new windows', () => {
    const contents = newContents(() => true)
    expect(contents.attempt('will-navigate', 'https://console.aws.amazon.com/')).toBe(false)
    expect(contents.attempt('will-attach-webview', {}, {})).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
  })
})

describe('the default session', () => {
  it('refuses every permission but the clipboard write of the copy buttons, on request and on check', async () => {
    lockDownSessionPermissions()
    const defaultSession = session.defaultSession
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'openExternal',
      'clipboard-read',
      'hid',
      'serial',
      'usb',
      'display-capture',
      'fileSystem'
    ]) {
      expect(await defaultSession.request(permission), permission).toBe(false)
      expect(defaultSession.permissionCheckHandler?.({}, permission), permission).toBe(false)
    }
    expect(await defaultSession.request('clipboard-sanitized-write')).toBe(true)
  })
})

describe('the main window', () => {
  it('is built from the hardened options and loads the app:// page, never a file: URL', () => {
    lockDownAllWebContents()
    createMainWindow({ preload: '/app/out/preload/index.cjs', icon: '/app/icon.png' })
    const [window] = FakeBrowserWindow.created
    expect(window?.options).toEqual(mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', iconPath: '/app/icon.png', darkBackground: false }))
    expect(window?.loadURL).toHaveBeenCalledWith('app://cairn/index.html')
    expect(window?.loadFile).not.toHaveBeenCalled()
    // The guards were attached before the page could run.
    expect(window?.webContents.listenerCount('will-navigate')).toBe(1)
    expect(window?.webContents.windowOpenHandler).toBeDefined()
  })
})
