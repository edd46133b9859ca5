import { Menu, Tray, nativeImage } from 'electron'

export function createTray(iconPath: string, actions: { show(): void; quit(): void }): Tray {
  const tray = new Tray(nativeImage.createFromPath(iconPath).resize({ width: 18, height: 18 }))
  tray.setToolTip('Cairn')
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Cairn', click: actions.show },
      { type: 'separator' },
      { label: 'Quit Cairn', click: actions.quit }
    ])
  )
  return tray
}
