import { describe, expect, it } from 'vitest'
import { passwordCopier, PASSWORD_CLEAR_MS, type Timers } from '../../../src/main/profiles/password-copy'

function fakes() {
  let text = 'what the user had'
  const due: Array<{ at: number; run: () => void; id: number }> = []
  let now = 0
  let ids = 0
  const timers: Timers = {
    setTimeout: (run, ms) => {
      const id = ++ids
      due.push({ at: now + ms, run, id })
      return id
    },
    clearTimeout: (id) => {
      const index = due.findIndex((entry) => entry.id === id)
      if (index >= 0) due.splice(index, 1)
    }
  }
  const clipboard = { readText: async () => text, writeText: async (value: string) => void (text = value) }
  const advance = async (ms: number) => {
    now += ms
    for (const entry of due.filter((candidate) => candidate.at <= now)) {
      due.splice(due.indexOf(entry), 1)
      entry.run()
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
  return { clipboard, timers, advance, text: () => text, pending: () => due.length, setText: (value: string) => void (text = value) }
}

describe('copying a console password', () => {
  it('takes the password off the clipboard after 30 seconds', async () => {
    const f = fakes()
    const copier = passwordCopier(f.clipboard, f.timers)
    await copier.copy('hunter2')
    expect(f.text()).toBe('hunter2')
    await f.advance(PASSWORD_CLEAR_MS - 1)
    expect(f.text()).toBe('hunter2')
    await f.advance(1)
    expect(f.text()).toBe('')
    expect(copier.isPending()).toBe(false)
  })

  it('leaves alone whatever the user copied since', async () => {
    const f = fakes()
    await passwordCopier(f.clipboard, f.timers).copy('hunter2')
    f.setText('a URL the user copied')
    await f.advance(PASSWORD_CLEAR_MS)
    expect(f.text()).toBe('a URL the user copied')
  })

  it('restarts the 30 seconds for a second password, clearing only once', async () => {
    const f = fakes()
    const copier = passwordCopier(f.clipboard, f.timers)
    await copier.copy('first')
    await f.advance(20_000)
    await copier.copy('second')
    expect(f.pending()).toBe(1)
    await f.advance(20_000)
    expect(f.text()).toBe('second')
    await f.advance(10_000)
    expect(f.text()).toBe('')
  })

  it('clears at once when the app quits, and only what it copied', async () => {
    const f = fakes()
    const copier = passwordCopier(f.clipboard, f.timers)
    await copier.copy('hunter2')
    expect(copier.isPending()).toBe(true)
    await copier.clearNow()
    expect(f.text()).toBe('')
    expect(f.pending()).toBe(0)
    f.setText('later')
    await copier.clearNow()
    expect(f.text()).toBe('later')
  })
})
