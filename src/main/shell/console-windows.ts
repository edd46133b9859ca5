import { BrowserWindow, shell, type Session, type WebContents } from 'electron'
import type { ConsoleWindowTarget } from '../profiles/profiles-service'
import {
  consoleWindowOptions,
  decideConsoleNavigation,
  decideConsolePermission,
  decideConsoleWindowOpen,
  isConsoleNavigationAllowed,
  type ConsoleNavigationOptions
} from '../security/console-window-policy'

/** One console window per account and role, each with its own persistent cookie jar. */
const windows = new Map<string, BrowserWindow>()
const policies = new Map<string, ConsoleNavigationOptions>()
const consoleSessions = new WeakSet<Session>()

/** Console windows keep their own navigation rules; the app windows' blanket lock-down skips them. */
export function isConsoleWebContents(contents: WebContents): boolean {
  return consoleSessions.has(contents.session)
}

function lockDown(session: Session): void {
  if (consoleSessions.has(session)) return
  consoleSessions.add(session)
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(decideConsolePermission(permission)))
  session.setPermissionCheckHandler((_contents, permission) => decideConsolePermission(permission))
}

function create(key: string, target: ConsoleWindowTarget, iconPath: string | undefined): BrowserWindow {
  const window = new BrowserWindow(consoleWindowOptions({ accountId: target.accountId, role: target.role, ...(iconPath ? { iconPath } : {}) }))
  const contents = window.webContents
  lockDown(contents.session)
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = decideConsoleNavigation(url, policies.get(key) ?? {})
    if (decision.allow) return
    event.preventDefault()
    if (decision.openExternally) void shell.openExternal(decision.openExternally)
  }
  contents.on('will-navigate', guard)
  contents.on('will-redirect', guard)
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideConsoleWindowOpen(url)
    if (decision.openExternally) void shell.openExternal(decision.openExternally)
    return { action: decision.action }
  })
  window.on('closed', () => {
    windows.delete(key)
    policies.delete(key)
  })
  return window
}

/** Opens (or reuses and focuses) the role's console window at `url`. */
export function openConsoleWindow(url: string, target: ConsoleWindowTarget, iconPath?: string): void {
  const policy: ConsoleNavigationOptions = target.practiceOrigin ? { practiceOrigin: target.practiceOrigin } : {}
  if (!isConsoleNavigationAllowed(url, policy)) throw new Error('Refusing to open a console window on a host that is not AWS sign-in or console.')
  const key = `${target.accountId}/${target.role}`
  policies.set(key, policy)
  let window = windows.get(key)
  if (!window || window.isDestroyed()) {
    window = create(key, target, iconPath)
    windows.set(key, window)
  }
  void window.loadURL(url)
  if (window.isMinimized()) window.restore()
  window.show()
  window.focus()
}
