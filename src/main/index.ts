import { app, clipboard, shell, type BrowserWindow } from 'electron'
import path from 'node:path'
import { cliEngineDataDir, cliModeArgs } from './cli-mode/cli-mode-args'
import { cliModeCrash, finishCliMode, runCliMode } from './cli-mode/run-cli-mode'
import { APP_ORIGIN } from './ipc/trusted-sender'
import { createLogger } from './log/redact'
import { registerAppScheme, serveRenderer } from './shell/protocol'
import { createMainWindow, lockDownAllWebContents, lockDownSessionPermissions } from './shell/windows'
import { createTray } from './shell/tray'
import { isConsoleWebContents, openConsoleWindow } from './shell/console-windows'
import { passwordCopier } from './profiles/password-copy'
import { cairnCommandForApp } from './profiles/cairn-command'

// The lifecycle shell: everything it wires up is plain Node, tested without Electron. The
// services, the IPC contract and the practice account load only once this process is the app,
// so `Cairn --cairn-cli credential-process ROLE` (what the AWS CLI runs) starts lean.
const log = createLogger((line) => process.stderr.write(`${line}\n`))

const cliArgs = cliModeArgs(process.argv, { defaultApp: process.defaultApp === true })
if (cliArgs !== null) runAsCommandLine(cliArgs)
else runAsApp()

/** `Cairn --cairn-cli COMMAND …`: the cairn command line; no lock, window, tray, dock icon or practice account. */
function runAsCommandLine(args: string[]): void {
  app.disableHardwareAcceleration()
  app.dock?.hide()
  // Electron's own files (Local State, caches) away from those a running app has open.
  app.setPath('userData', cliEngineDataDir(app.getPath('userData')))
  const { stdout, stderr } = process
  void runCliMode(args, { stdout, stderr, env: process.env })
    .catch((error: unknown) => cliModeCrash(error, stderr))
    .then((code) => finishCliMode(code, { stdout, stderr, exit: (c) => app.exit(c), kill: () => process.kill(process.pid, 'SIGKILL') }))
}

function runAsApp(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
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
    const [{ startEmbeddedPractice }, { createServices }, { createHandlers }, { createDispatcher }, { wireIpc }] = await Promise.all([
      import('../practice'),
      import('./services'),
      import('./handlers'),
      import('./ipc/dispatcher'),
      import('./shell/ipc')
    ])
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
      cairnCommand: cairnCommandForApp({ isPackaged: app.isPackaged, appPath: app.getAppPath(), execPath: process.execPath, env: process.env }),
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
      signIn: async () => (await services.profiles.list()).signIn,
      switchRole: (role) => services.profiles.switchRole(role),
      openConsole: (role) => services.profiles.openConsole({ role }),
      onError: (error) => log.error('tray', error)
    })
    showMainWindow()
    app.on('activate', showMainWindow)
  })

  // Cairn lives in the tray: closing the window keeps role switching one click away.
  app.on('window-all-closed', () => undefined)
}
