import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron'
import { trayMenuModel, type TrayAction, type TrayItem, type TrayRole, type TraySignIn } from '../profiles/tray-menu-model'

export interface TrayActions {
  show(): void
  quit(): void
  roles(): Promise<TrayRole[]>
  /** The roles layout's sign-in for the day; null (or absent) in the guide's layout. */
  signIn?(): Promise<TraySignIn | null>
  switchRole(role: string): Promise<unknown>
  openConsole(role: string): Promise<unknown>
  onError(error: unknown): void
}

/** Session times in the menu stay roughly current. */
const REFRESH_MS = 60_000

export function createTray(iconPath: string, actions: TrayActions): { tray: Tray; refresh(): Promise<void> } {
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 18, height: 18 }))
  tray.setToolTip('Cairn')

  const run = (action: TrayAction): void => {
    if (action.kind === 'show') return actions.show()
    if (action.kind === 'quit') return actions.quit()
    const done = action.kind === 'switch' ? actions.switchRole(action.role) : actions.openConsole(action.role)
    void done.catch(actions.onError).finally(() => void refresh())
  }
  const menuItem = (item: TrayItem): MenuItemConstructorOptions => {
    if (item.kind === 'separator') return { type: 'separator' }
    const { action } = item
    return {
      label: item.label,
      enabled: item.enabled,
      ...(item.checked === undefined ? {} : { type: 'radio', checked: item.checked }),
      ...(action ? { click: () => run(action) } : {})
    }
  }
  const refresh = async (): Promise<void> => {
    const failed = (error: unknown) => {
      actions.onError(error)
      return null
    }
    const [roles, signIn] = await Promise.all([actions.roles().catch(failed), actions.signIn?.().catch(failed) ?? null])
    if (tray.isDestroyed()) return clearInterval(timer)
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuModel(roles ?? [], Date.now(), signIn).map(menuItem)))
    const active = roles?.find((role) => role.active)
    tray.setToolTip(active ? `Cairn · ${active.role} is active` : 'Cairn')
  }

  void refresh()
  const timer = setInterval(() => void refresh(), REFRESH_MS)
  return { tray, refresh }
}
