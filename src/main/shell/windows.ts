import { BrowserWindow, app, nativeTheme, session, shell, type WebContents } from 'electron'
import { mainWindowOptions } from '../security/window-options'
import { decidePermission, decideWindowOpen, shouldBlockNavigation } from '../security/window-policy'
import { APP_ORIGIN } from '../ipc/trusted-sender'

/**
 * Applied to every web contents the app ever creates, including any a bug might open.
 * `hasOwnPolicy` names the ones (role console windows) that enforce their own navigation rules.
 */
export function lockDownAllWebContents(hasOwnPolicy: (contents: WebContents) => boolean = () => false): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!hasOwnPolicy(contents) && shouldBlockNavigation(url)) event.preventDefault()
    })
    contents.on('will-redirect', (event, url) => {
      if (!hasOwnPolicy(contents) && shouldBlockNavigation(url)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url)
      if (decision.openExternally) void shell.openExternal(decision.openExternally)
      return { action: decision.action }
    })
  })
}

export function lockDownSessionPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)))
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => decidePermission(permission))
}

export function createMainWindow(paths: { preload: string; icon?: string }): BrowserWindow {
  const window = new BrowserWindow(
    mainWindowOptions({
      preloadPath: paths.preload,
      darkBackground: nativeTheme.shouldUseDarkColors,
      ...(paths.icon ? { iconPath: paths.icon } : {})
    })
  )
  window.once('ready-to-show', () => window.show())
  const devServer = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined
  void window.loadURL(devServer ?? `${APP_ORIGIN}/index.html`)
  return window
}
