import { contextBridge, ipcRenderer } from 'electron'
import { IPC_EVENT, IPC_INVOKE } from '../shared/contract'
import type { IpcResult } from '../shared/errors'
import { buildCairnApi } from './build-api'

// Only `window.cairn` crosses into the page: no ipcRenderer, no Node, no Electron event objects.
const cairn = buildCairnApi({
  invoke: (channel, payload) => ipcRenderer.invoke(IPC_INVOKE, channel, payload) as Promise<IpcResult<unknown>>,
  subscribe: (listener) => {
    ipcRenderer.on(IPC_EVENT, (_event, name: unknown, payload: unknown) => listener(name as never, payload))
  }
})

contextBridge.exposeInMainWorld('cairn', cairn)
