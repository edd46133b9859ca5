import { ipcMain, type WebContents } from 'electron'
import { IPC_EVENT, IPC_INVOKE } from '../../shared/contract'
import type { Dispatcher } from '../ipc/dispatcher'

/** The one ipcMain handler: everything goes through the dispatcher's checks. */
export function wireIpc(dispatcher: Dispatcher): void {
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) => {
    const frame = event.senderFrame
    const sender = { url: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame }
    return dispatcher.dispatch(channel, payload, sender, (name, eventPayload) => sendEvent(event.sender, name, eventPayload))
  })
}

export function sendEvent(contents: WebContents, name: string, payload: unknown): void {
  if (!contents.isDestroyed()) contents.send(IPC_EVENT, name, payload)
}
