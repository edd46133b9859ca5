import { describe, expect, it } from 'vitest'
import { applyAnnouncement, plural, rollbackAnnouncement } from '../../../../src/renderer/src/screens/apply/announcements'
import { applyReport, rollbackReport, undone } from './reports'

const counts = (created: number, existed: number, failed: number) => ({ created, existed, updated: 0, failed, skipped: 0, deferred: 0 })

describe('apply announcements', () => {
  it('counts in words, one or many', () => {
    expect(plural(1, 'step')).toBe('1 step')
    expect(plural(3, 'step')).toBe('3 steps')
    expect(plural(2, 'entry', 'entries')).toBe('2 entries')
  })

  it('says what an apply made, and how many steps failed when it stopped', () => {
    expect(applyAnnouncement(applyReport({ counts: counts(17, 0, 0) }))).toBe('Apply finished: 17 created, 0 already there.')
    expect(applyAnnouncement(applyReport({ outcome: 'failed', counts: counts(14, 0, 3) }))).toBe('Apply stopped: 3 steps failed. 14 created, 0 already there.')
    expect(applyAnnouncement(applyReport({ outcome: 'blocked', counts: counts(2, 5, 0) }))).toBe(
      'Apply finished, except for steps that conflict with the account. 2 created, 5 already there.'
    )
  })

  it('says how many changes a rollback undid, or that there was nothing to undo', () => {
    expect(rollbackAnnouncement(rollbackReport({ outcome: 'nothing' }))).toBe('There was nothing to roll back.')
    expect(rollbackAnnouncement(rollbackReport({ steps: [undone('user:dev')] }))).toBe('Rollback finished: 1 change undone.')
    const stopped = rollbackReport({
      outcome: 'failed',
      steps: [undone('membership:dev:Developers'), undone('user:dev', { outcome: 'failed' })],
      failures: [{ stepId: 'user:dev', code: 'DeleteConflict', message: 'Still in use.' }]
    })
    expect(rollbackAnnouncement(stopped)).toBe('Rollback stopped: 1 step failed, 1 undone.')
  })
})
