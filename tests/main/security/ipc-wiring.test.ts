import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ipcMain, resetFakeElectron } from './support/fake-electron'
import { IPC_INVOKE } from '../../../src/shared/contract'
import { createDispatcher } from '../../../src/main/ipc/dispatcher'
import { createHandlers } from '../../../src/main/handlers'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { plumbingServices } from '../../support/app-info-source'

vi.mock('electron', async () => (await import('./support/fake-electron')).fakeElectron)

const { wireIpc } = await import('../../../src/main/shell/ipc')

/**
 * Checklist item 17, validate the sender of every IPC message: the one ipcMain handler the shell
 * installs derives the sender from Electron's senderFrame (not from anything the page sends)
 * and hands every request to the dispatcher, which refuses other origins and subframes.
 */

beforeEach(() => resetFakeElectron())

function wired() {
  wireIpc(createDispatcher({ handlers: createHandlers(plumbingServices()), trustedOrigins: [APP_ORIGIN] }))
  expect(ipcMain.handle).toHaveBeenCalledTimes(1)
  const [channel, listener] = ipcMain.handle.mock.calls[0]!
  expect(channel).toBe(IPC_INVOKE)
  const mainFrame = { url: `${APP_ORIGIN}/index.html` }
  const sender = { mainFrame, isDestroyed: () => false, send: vi.fn() }
  const invoke = (senderFrame: { url: string } | null, ...args: unknown[]) =>
    listener({ sender, senderFrame }, ...args) as Promise<{ ok: boolean; error?: { code: string } }>
  return { invoke, mainFrame }
}

describe('the IPC wiring', () => {
  it('answers the app’s own top frame', async () => {
    const { invoke, mainFrame } = wired()
    expect(await invoke(mainFrame, 'app.info', {})).toMatchObject({ ok: true })
  })

  it('refuses a subframe, even one served from app://cairn', async () => {
    const { invoke } = wired()
    expect(await invoke({ url: `${APP_ORIGIN}/index.html` }, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
  })

  it('refuses a top frame that navigated elsewhere, and a frame that is gone', async () => {
    const { invoke, mainFrame } = wired()
    mainFrame.url = 'https://evil.example/'
    expect(await invoke(mainFrame, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
    expect(await invoke(null, 'app.info', {})).toMatchObject({ ok: false, error: { code: 'UNTRUSTED_SENDER' } })
  })

  it('ignores anything the page adds to claim another sender', async () => {
    const { invoke } = wired()
    const evil = { url: 'https://evil.example/' }
    expect(await invoke(evil, 'app.info', {}, { url: `${APP_ORIGIN}/index.html`, isMainFrame: true })).toMatchObject({
      ok: false,
      error: { code: 'UNTRUSTED_SENDER' }
    })
  })
})
