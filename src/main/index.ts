import { app, BrowserWindow } from 'electron'
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

// The lifecycle shell: everything it wires up is plain Node, tested without Electron.
const log = createLogger((line) => process.stderr.write(`${line}\n`))

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  lockDownAllWebContents()

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
    app.on('before-quit', () => void practice.close())
    serveRenderer(path.join(__dirname, '../renderer'))
    const trustedOrigins = [APP_ORIGIN]
    const devServer = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
    if (devServer) trustedOrigins.push(new URL(devServer).origin)
    const dispatcher = createDispatcher({
      handlers: createHandlers(
        createServices({
          name: app.getName(),
          version: app.getVersion(),
          versions: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
          practice
        })
      ),
      trustedOrigins,
      onInternalError: (channel, error) => log.error(`IPC ${channel} failed`, error)
    })
    wireIpc(dispatcher)
    createTray(iconPath, { show: showMainWindow, quit: () => app.quit() })
    showMainWindow()
    app.on('activate', showMainWindow)
  })

  // Cairn lives in the tray: closing the window keeps role switching one click away.
  app.on('window-all-closed', () => undefined)
}
