import { EventEmitter } from 'node:events'
import { vi } from 'vitest'

/**
 * Just enough of Electron's main-process API for the shell modules to run in Node, recording
 * what they set up. Used through `vi.mock('electron', ...)`: the real package (and its absent
 * binary) is never loaded.
 */

export class FakeSession {
  permissionRequestHandler?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void
  permissionCheckHandler?: (contents: unknown, permission: string) => boolean
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler
  }
  /** What the page would be told when it asks for `permission`. */
  async request(permission: string): Promise<boolean> {
    if (!this.permissionRequestHandler) throw new Error('no permission request handler set')
    return new Promise((resolve) => this.permissionRequestHandler?.({}, permission, resolve))
  }
}

const sessions = new Map<string, FakeSession>()
export function sessionFor(partition: string): FakeSession {
  let found = sessions.get(partition)
  if (!found) sessions.set(partition, (found = new FakeSession(partition)))
  return found
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' }
  readonly mainFrame = { url: 'app://cairn/index.html' }
  readonly send = vi.fn()
  constructor(readonly session: FakeSession) {
    super()
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler
  }
  isDestroyed(): boolean {
    return false
  }
  /** Emits a navigation-like event and says whether a listener prevented it. */
  attempt(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', ...args: unknown[]): boolean {
    let prevented = false
    this.emit(event, { preventDefault: () => (prevented = true) }, ...args)
    return prevented
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = []
  readonly webContents: FakeWebContents
  readonly loadURL = vi.fn(async (_url: string) => undefined)
  readonly loadFile = vi.fn(async (_file: string) => undefined)
  constructor(readonly options: { webPreferences?: { partition?: string } & Record<string, unknown> } & Record<string, unknown>) {
    super()
    this.webContents = new FakeWebContents(sessionFor(options.webPreferences?.partition ?? '(default)'))
    FakeBrowserWindow.created.push(this)
    // What Electron does for every new web contents, before the caller sees the window.
    app.emit('web-contents-created', {}, this.webContents)
  }
  isDestroyed(): boolean {
    return false
  }
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  show(): void {}
  focus(): void {}
}

export const app = Object.assign(new EventEmitter(), { isPackaged: true })
export const shell = { openExternal: vi.fn(async (_url: string) => undefined) }
export const session = { defaultSession: sessionFor('(default)') }
export const nativeTheme = { shouldUseDarkColors: false }
export const protocol = {
  registerSchemesAsPrivileged: vi.fn((_schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) => undefined),
  handle: vi.fn((_scheme: string, _handler: (request: { url: string }) => Promise<Response>) => undefined)
}
export const ipcMain = { handle: vi.fn((_channel: string, _listener: (event: unknown, ...args: unknown[]) => unknown) => undefined) }

export const fakeElectron = { app, shell, session, nativeTheme, protocol, ipcMain, BrowserWindow: FakeBrowserWindow }

/** Forgets everything recorded, between tests. */
export function resetFakeElectron(): void {
  app.removeAllListeners()
  FakeBrowserWindow.created = []
  sessions.clear()
  session.defaultSession = sessionFor('(default)')
  shell.openExternal.mockClear()
  protocol.registerSchemesAsPrivileged.mockClear()
  protocol.handle.mockClear()
  ipcMain.handle.mockClear()
}
