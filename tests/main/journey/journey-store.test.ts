import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { applyJourneyUpdate, freshJourney, journeyStore } from '../../../src/main/journey/journey-store'
import { createDispatcher } from '../../../src/main/ipc/dispatcher'
import { createHandlers } from '../../../src/main/handlers'
import { plumbingServices } from '../../support/app-info-source'

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'cairn-journey-'))

describe('applyJourneyUpdate', () => {
  it('starts the journey for the chosen account and remembers the furthest step', () => {
    let state = applyJourneyUpdate(freshJourney(), { account: 'practice', done: 'welcome', current: 'root' })
    expect(state).toEqual({ account: 'practice', current: 'root', reached: 'root', done: ['welcome'], finished: false })
    state = applyJourneyUpdate(state, { done: 'root', current: 'connect' })
    state = applyJourneyUpdate(state, { current: 'welcome' })
    expect(state.current).toBe('welcome')
    expect(state.reached).toBe('connect')
    expect(state.done).toEqual(['welcome', 'root'])
  })

  it('keeps done steps in journey order whatever order they were finished in', () => {
    let state = applyJourneyUpdate(freshJourney(), { account: 'real', done: 'plan' })
    state = applyJourneyUpdate(state, { done: 'welcome' })
    state = applyJourneyUpdate(state, { done: 'plan' })
    expect(state.done).toEqual(['welcome', 'plan'])
  })

  it('starts afresh when the user switches to the other account', () => {
    const practice = applyJourneyUpdate(freshJourney(), { account: 'practice', done: 'apply', current: 'mfa' })
    const real = applyJourneyUpdate(practice, { account: 'real', done: 'welcome', current: 'root' })
    expect(real).toEqual({ account: 'real', current: 'root', reached: 'root', done: ['welcome'], finished: false })
  })

  it('is finished once Profiles opens, and stays finished when the user goes back', () => {
    let state = applyJourneyUpdate(freshJourney(), { account: 'practice', current: 'profiles' })
    expect(state.finished).toBe(true)
    state = applyJourneyUpdate(state, { current: 'plan' })
    expect(state.finished).toBe(true)
  })

  it('records "Keep it for now" for the temporary root key, and forgets it once the key is deleted', () => {
    let state = applyJourneyUpdate(freshJourney(), { account: 'practice', current: 'billing' })
    expect(state.rootKeyKept).toBeUndefined()
    state = applyJourneyUpdate(state, { rootKeyKept: true, done: 'billing', current: 'profiles' })
    expect(state).toMatchObject({ rootKeyKept: true, current: 'profiles', done: ['billing'] })
    // Other moves leave the choice alone.
    state = applyJourneyUpdate(state, { current: 'status' })
    expect(state.rootKeyKept).toBe(true)
    state = applyJourneyUpdate(state, { rootKeyKept: false })
    expect(state).not.toHaveProperty('rootKeyKept')
    expect(state.done).toEqual(['billing'])
  })

  it('forgets a kept key with the account it belonged to', () => {
    const practice = applyJourneyUpdate(freshJourney(), { account: 'practice', rootKeyKept: true })
    expect(applyJourneyUpdate(practice, { account: 'real' })).not.toHaveProperty('rootKeyKept')
  })
})

describe('journeyStore', () => {
  it('survives a restart: a new store on the same folder reads what the last one wrote', async () => {
    const dir = tempDir()
    await journeyStore(dir).update({ account: 'practice', done: 'welcome', current: 'root' })
    const again = await journeyStore(dir).get()
    expect(again).toMatchObject({ account: 'practice', current: 'root' })
    expect(statSync(path.join(dir, 'journey.json')).mode & 0o777).toBe(0o600)
  })

  it('serialises quick updates so none is lost', async () => {
    const store = journeyStore(tempDir())
    await Promise.all([
      store.update({ done: 'welcome' }),
      store.update({ done: 'root' }),
      store.update({ done: 'connect' }),
      store.update({ current: 'status' })
    ])
    expect(await store.get()).toMatchObject({ done: ['welcome', 'root', 'connect'], current: 'status', reached: 'status' })
  })

  it('treats a damaged file as a fresh journey and replaces it on the next change', async () => {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'journey.json'), '{"account":"practice","current":"nowhere"')
    const store = journeyStore(dir)
    expect(await store.get()).toEqual(freshJourney())
    await store.update({ account: 'real' })
    expect(JSON.parse(readFileSync(path.join(dir, 'journey.json'), 'utf8'))).toMatchObject({ account: 'real', current: 'welcome' })
  })

  it('holds step names and the account kind only', async () => {
    const dir = tempDir()
    const store = journeyStore(dir)
    await store.update({ account: 'practice', done: 'welcome', current: 'plan' })
    expect(Object.keys(JSON.parse(readFileSync(path.join(dir, 'journey.json'), 'utf8'))).sort()).toEqual(['account', 'current', 'done', 'finished', 'reached'])
  })

  it('reads a journey.json written before rootKeyKept existed, and keeps the choice across a restart', async () => {
    const dir = tempDir()
    const old = { account: 'practice', current: 'billing', reached: 'billing', done: ['welcome', 'root'], finished: false }
    writeFileSync(path.join(dir, 'journey.json'), JSON.stringify(old))
    expect(await journeyStore(dir).get()).toEqual(old)
    await journeyStore(dir).update({ rootKeyKept: true, done: 'billing', current: 'profiles' })
    expect(await journeyStore(dir).get()).toMatchObject({ rootKeyKept: true, finished: true })
    await journeyStore(dir).update({ rootKeyKept: false })
    expect(JSON.parse(readFileSync(path.join(dir, 'journey.json'), 'utf8'))).not.toHaveProperty('rootKeyKept')
  })
})

describe('journey channels', () => {
  const trusted = { url: 'app://cairn/index.html', isMainFrame: true }

  it('go through the dispatcher and refuse unknown steps with a typed error', async () => {
    const services = { ...plumbingServices(), journey: journeyStore(tempDir()) }
    const dispatcher = createDispatcher({ handlers: createHandlers(services), trustedOrigins: ['app://cairn'] })
    expect(await dispatcher.dispatch('journey.update', { account: 'practice', current: 'connect' }, trusted)).toMatchObject({
      ok: true,
      value: { current: 'connect' }
    })
    expect(await dispatcher.dispatch('journey.update', { current: 'the-end' }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(await dispatcher.dispatch('journey.update', { rootKeyKept: true }, trusted)).toMatchObject({ ok: true, value: { rootKeyKept: true } })
    expect(await dispatcher.dispatch('journey.update', { rootKeyKept: 'yes' }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(await dispatcher.dispatch('journey.update', { rootKeyKept: false }, trusted)).toMatchObject({ ok: true, value: { current: 'connect' } })
    expect(await dispatcher.dispatch('journey.get', {}, trusted)).toMatchObject({ ok: true, value: { current: 'connect' } })
    expect(await dispatcher.dispatch('journey.reset', {}, trusted)).toMatchObject({ ok: true, value: freshJourney() })
  })

  it('app.openExternal hands AWS https pages to the browser and refuses anything else', async () => {
    const opened: string[] = []
    const services = plumbingServices({ openExternal: async (url: string) => void opened.push(url) })
    const dispatcher = createDispatcher({ handlers: createHandlers(services), trustedOrigins: ['app://cairn'] })
    const console = 'https://console.aws.amazon.com/iam/home#/security_credentials'
    expect(await dispatcher.dispatch('app.openExternal', { url: console }, trusted)).toEqual({ ok: true, value: { opened: true } })
    for (const url of [
      'http://console.aws.amazon.com/',
      'https://evil.example/aws.amazon.com',
      'https://user:pw@console.aws.amazon.com/',
      'file:///etc/passwd',
      'javascript:alert(1)'
    ]) {
      expect(await dispatcher.dispatch('app.openExternal', { url }, trusted)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    }
    expect(opened).toEqual([console])
  })
})
