import { describe, expect, it } from 'vitest'
import { applyProgress, isFinished, settleRows, type Progress, type Row } from '../../../../src/renderer/src/screens/apply/operation-rows'

const title = (id: string) => `title of ${id}`
const progress = (stepId: string, state: Progress['state'], over: Partial<Progress> = {}): Progress =>
  ({ operationId: 'op-1', stepId, state, ...over }) as Progress
const waiting = (...ids: string[]): Row[] => ids.map((id) => ({ id, title: title(id), state: 'waiting' }))

describe('operation rows', () => {
  it('moves a row to the state its progress event reports', () => {
    const rows = applyProgress(waiting('group:Developers', 'user:dev'), progress('user:dev', 'running'), title)
    expect(rows.map((row) => row.state)).toEqual(['waiting', 'running'])
  })

  it('shows a retry with its attempt and reason, and drops the reason once the step runs again', () => {
    const retrying = applyProgress(
      waiting('group:Developers'),
      progress('group:Developers', 'retrying', { attempt: 2, message: 'AWS asked Cairn to slow down (Throttling).' }),
      title
    )
    expect(retrying[0]).toMatchObject({ state: 'retrying', attempt: 2, message: 'AWS asked Cairn to slow down (Throttling).' })
    const running = applyProgress(retrying, progress('group:Developers', 'running'), title)
    expect(running[0]).toMatchObject({ state: 'running', attempt: 2, message: undefined })
  })

  it('keeps the error code only on a failed row', () => {
    const failed: Row[] = [{ id: 'user:dev', title: 'x', state: 'failed', code: 'AccessDenied', message: 'Refused.' }]
    expect(applyProgress(failed, progress('user:dev', 'running'), title)[0]?.code).toBeUndefined()
    expect(applyProgress(failed, progress('user:dev', 'failed', { message: 'Refused again.' }), title)[0]).toMatchObject({
      code: 'AccessDenied',
      message: 'Refused again.'
    })
  })

  it('adds a step it did not list yet at the end, named by its id', () => {
    const rows = applyProgress(waiting('group:Developers'), progress('user:dev', 'running'), title)
    expect(rows.map((row) => [row.id, row.title])).toEqual([
      ['group:Developers', 'title of group:Developers'],
      ['user:dev', 'title of user:dev']
    ])
  })

  it('settles each row from the answer, and calls a row the answer does not mention “Not started”', () => {
    const rows: Row[] = [
      ...waiting('group:Developers', 'user:dev', 'access-key:dev'),
      { id: 'login-profile:dev', title: 'x', state: 'failed', message: 'Refused.', code: 'X' }
    ]
    const settled = settleRows(
      rows,
      [
        { id: 'group:Developers', outcome: 'done', message: 'Created.' },
        { id: 'user:dev', outcome: 'failed', message: 'Refused.', code: 'AccessDenied' }
      ],
      title
    )
    expect(settled.map((row) => [row.id, row.state, row.message, row.code])).toEqual([
      ['group:Developers', 'done', 'Created.', undefined],
      ['user:dev', 'failed', 'Refused.', 'AccessDenied'],
      ['access-key:dev', 'skipped', 'Not started.', undefined],
      ['login-profile:dev', 'failed', 'Refused.', 'X']
    ])
  })

  it('adds answered steps no event announced, and can put the rows in the answer’s order', () => {
    const outcomes = [
      { id: 'group:Developers', outcome: 'done' as const, message: 'Created.' },
      { id: 'user:dev', outcome: 'done' as const, message: 'Created.' }
    ]
    expect(settleRows(waiting('user:dev'), outcomes, title).map((row) => row.id)).toEqual(['user:dev', 'group:Developers'])
    expect(settleRows(waiting('user:dev'), outcomes, title, true).map((row) => row.id)).toEqual(['group:Developers', 'user:dev'])
  })

  it('counts done, skipped and failed rows as finished for the progress bar', () => {
    const states: Row['state'][] = ['waiting', 'running', 'retrying', 'done', 'skipped', 'failed']
    expect(states.filter((state) => isFinished({ id: 'x', title: 'x', state }))).toEqual(['done', 'skipped', 'failed'])
  })
})
