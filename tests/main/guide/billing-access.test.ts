import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDispatcher, type Dispatcher } from '../../../src/main/ipc/dispatcher'
import { createHandlers } from '../../../src/main/handlers'
import { APP_ORIGIN } from '../../../src/main/ipc/trusted-sender'
import { createGuideService } from '../../../src/main/guide/guide-service'
import { startPracticeServer, type PracticeServer } from '../../../src/practice'
import { plumbingServices } from '../../support/app-info-source'

const app = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }

let server: PracticeServer
let dispatcher: Dispatcher
beforeAll(async () => {
  server = await startPracticeServer()
  dispatcher = createDispatcher({
    handlers: createHandlers({ ...plumbingServices(), guide: createGuideService({ practice: () => server }) }),
    trustedOrigins: [APP_ORIGIN]
  })
})
afterAll(() => server.close())

describe('billing access through the IPC contract', () => {
  it('reads "off" on a new practice account, turns it on as root would, and reads "on" back', async () => {
    expect(await dispatcher.dispatch('guide.checkBilling', { account: 'practice' }, app)).toMatchObject({ ok: true, value: { state: 'off', howToConfirm: [] } })
    const activated = await dispatcher.dispatch('guide.activatePracticeBilling', {}, app)
    expect(activated).toMatchObject({ ok: true, value: { state: 'on', message: expect.stringContaining('is on') } })
    expect(server.state.console.iamUserAccessToBilling).toBe(true)
    expect(await dispatcher.dispatch('guide.checkBilling', { account: 'practice' }, app)).toMatchObject({ ok: true, value: { state: 'on' } })
  })

  it('says honestly that a real account cannot be read, and how to look instead', async () => {
    const result = await dispatcher.dispatch('guide.checkBilling', { account: 'real' }, app)
    expect(result).toMatchObject({ ok: true, value: { state: 'unknown', message: expect.stringContaining('no API') } })
    if (result.ok) expect((result.value as { howToConfirm: string[] }).howToConfirm.join(' ')).toContain('billing user')
  })

  it('refuses an account kind it does not know', async () => {
    expect(await dispatcher.dispatch('guide.checkBilling', { account: 'connected' }, app)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
  })

  it('says the practice account is not running rather than guessing', async () => {
    const without = createDispatcher({ handlers: createHandlers(plumbingServices()), trustedOrigins: [APP_ORIGIN] })
    expect(await without.dispatch('guide.activatePracticeBilling', {}, app)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await without.dispatch('guide.checkBilling', { account: 'practice' }, app)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('serves every illustrated guide within the contract', async () => {
    for (const channel of ['guide.rootMfa', 'guide.rootAccessKeys', 'guide.billingAccess'] as const) {
      expect((await dispatcher.dispatch(channel, {}, app)).ok).toBe(true)
    }
  })
})
