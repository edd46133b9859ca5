import { app, BrowserWindow, clipboard, shell } from 'electron'
import path from 'node:path'
import { createDispatcher } from './ipc/dispatcher'
import { APP_ORIGIN } from './ipc/trusted-sender'
import { createHandlers } from './handlers'
import { createServices } from './services'
import { createLogger } from './log/redact'
import { registerAppScheme, serveRenderer } from './shell/protocol'
import { wireIpc } from './shell/ipc'
import { createMainWindow, lockDownAllWebContents, lockDownSessionPermissions } from './shell/windows'
import { createTray } from './shell/tray'
import { startEmbeddedPractice } from './practice/embedded'
import { isConsoleWebContents, openConsoleWindow } from './shell/console-windows'
import { passwordCopier } from './profiles/password-copy'
import { cairnCommandForApp } from './profiles/cairn-command'

// The lifecycle shell: everything it wires up is plain Node, tested without Electron.
const log = createLogger((line) => process.stderr.write(`${line}\n`))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  lockDownAllWebContents(isConsoleWebContents)
  const consolePasswords = passwordCopier(clipboard)
  // A console password copied less than 30 s ago comes off the clipboard before Cairn goes.
  app.on('will-quit', (event) => {
    if (!consolePasswords.isPending()) return
    event.preventDefault()
    void consolePasswords.clearNow().finally(() => app.quit())
  })

  let mainWindow: BrowserWindow | null = null
  const resources = app.isPackaged ? process.resourcesPath : path.join(__dirname, '../../resources')
  const iconPath = path.join(resources, 'icon.png')
  const showMainWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow({ preload: path.join(__dirname, '../preload/index.cjs'), icon: iconPath })
    }
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  }

  app.on('second-instance', showMainWindow)

  void app.whenReady().then(async () => {
    lockDownSessionPermissions()
    const practice = await startEmbeddedPractice({
      stateFile: path.join(app.getPath('userData'), 'practice-account.json'),
      onError: (error) => log.error('practice account', error)
    })
    serveRenderer(path.join(__dirname, '../renderer'))
    const trustedOrigins = [APP_ORIGIN]
    const devServer = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
    if (devServer) trustedOrigins.push(new URL(devServer).origin)
    let tray: ReturnType<typeof createTray> | null = null
    const services = createServices({
      name: app.getName(),
      version: app.getVersion(),
      versions: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
      practice,
      cairnCommand: cairnCommandForApp({ isPackaged: app.isPackaged, appPath: app.getAppPath(), env: process.env }),
      openConsoleWindow: (url, target) => openConsoleWindow(url, target, iconPath),
      copyPassword: (password) => void consolePasswords.copy(password).catch((error: unknown) => log.error('clipboard', error)),
      onProfilesChanged: () => void tray?.refresh(),
      openExternal: (url) => shell.openExternal(url),
      log
    })
    // Quit waits (a few seconds at most) for an open MFA set-up to delete its never-enabled
    // device and for the practice account to write its last change.
    let cleanedUp = false
    app.on('before-quit', (event) => {
      if (cleanedUp) return
      event.preventDefault()
      const timeout = new Promise((resolve) => setTimeout(resolve, 5000))
      void Promise.race([Promise.allSettled([services.mfa.close(), practice.close()]), timeout]).finally(() => {
        cleanedUp = true
        app.quit()
      })
    })
    const dispatcher = createDispatcher({
      handlers: createHandlers(services),
      trustedOrigins,
      onInternalError: (channel, error) => log.error(`IPC ${channel} failed`, error)
    })
    wireIpc(dispatcher)
    tray = createTray(iconPath, {
      show: showMainWindow,
      quit: () => app.quit(),
      roles: async () => (await services.profiles.list()).roles,
      switchRole: (role) => services.profiles.switchRole(role),
      openConsole: (role) => services.profiles.openConsole(role),
      onError: (error) => log.error('tray', error)
    })
    showMainWindow()
    app.on('activate', showMainWindow)
  })

  // Cairn lives in the tray: closing the window keeps role switching one click away.
  app.on('window-all-closed', () => undefined)
}
