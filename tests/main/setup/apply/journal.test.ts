import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { assertNotRunningElsewhere, Journal, JournalUnreadableError, readJournal } from '../../../../src/main/setup/apply/journal'
import { defaultRoles } from '../../../../src/main/setup/roles'

const dirs: string[] = []
const tempPath = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-journal-'))
  dirs.push(dir)
  return join(dir, 'setup', '111122223333.journal.json')
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const step = { id: 'user:dev', action: 'CreateUser' as const, role: 'dev' as const, target: { userName: 'dev' }, dependsOn: [] }

describe('the setup journal', () => {
  it('reads back what was written, and nothing when there is no journal', async () => {
    const path = tempPath()
    expect(await readJournal(path)).toBeNull()
    const journal = await Journal.open(path, Journal.newRun('111122223333', { layout: 'users', roles: defaultRoles({ includeAdmin: false }) }, new Date()))
    journal.begin(step, { callSent: true })
    journal.patch(step.id, { state: 'done', created: true })
    await journal.save()
    const read = await readJournal(path)
    expect(read?.steps['user:dev']).toMatchObject({ state: 'done', created: true, callSent: true })
    expect(read?.pid).toBe(process.pid)
  })

  it('folds many saves made at once into few writes, the last change always included', async () => {
    const path = tempPath()
    const journal = await Journal.open(path, Journal.newRun('111122223333', { layout: 'users', roles: [] }, new Date()))
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        journal.begin({ ...step, id: `user:u${i}`, target: { userName: `u${i}` } })
        return journal.save()
      })
    )
    expect(Object.keys((await readJournal(path))!.steps)).toHaveLength(50)
    // Temporary files are renamed over the journal, never left behind.
    expect(readdirSync(join(path, '..'))).toEqual(['111122223333.journal.json'])
  })

  it('refuses a damaged journal with what to do about it', async () => {
    const path = tempPath()
    await Journal.open(path, Journal.newRun('111122223333', { layout: 'users', roles: [] }, new Date()))
    writeFileSync(path, '{"version":1,')
    await expect(readJournal(path)).rejects.toBeInstanceOf(JournalUnreadableError)
  })

  it('tells a run whose process is gone (killed) from one still running elsewhere', () => {
    const run = Journal.newRun('111122223333', { layout: 'users', roles: [] }, new Date())
    expect(() => assertNotRunningElsewhere({ ...run, pid: process.pid })).not.toThrow()
    expect(() => assertNotRunningElsewhere({ ...run, pid: 2 ** 22 + 12345 })).not.toThrow()
    expect(() => assertNotRunningElsewhere({ ...run, pid: process.ppid })).toThrow(/Another Cairn/)
    expect(() => assertNotRunningElsewhere({ ...run, pid: process.ppid, state: 'finished' })).not.toThrow()
  })
})
