import { CreateGroupCommand, CreateUserCommand, type IAMClient } from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import { applySetup } from '../../../../src/main/setup/apply/apply-setup'
import { readJournal } from '../../../../src/main/setup/apply/journal'
import type { StepProgress } from '../../../../src/main/setup/apply/progress'
import { rollbackSetup } from '../../../../src/main/setup/apply/rollback'
import { defaultRoles } from '../../../../src/main/setup/roles'
import { accountShape, fastRetry, practiceSetup, type PracticeSetup } from './practice-setup'

const roles = defaultRoles({ includeAdmin: false })
let setup: PracticeSetup | undefined
afterEach(async () => {
  await setup?.close()
  setup = undefined
})

const rollbackOptions = (s: PracticeSetup, extra: { onProgress?: (p: StepProgress) => void } = {}) => ({
  accountId: s.connection.info.accountId,
  clients: s.connection.clients('apply'),
  readClients: s.connection.clients('read'),
  vault: s.vault,
  journalPath: s.journalPath,
  retry: fastRetry,
  newKeyVisibleAfterMs: 0,
  ...extra
})

function stopAfter(iam: IAMClient, controller: AbortController, command: string): void {
  iam.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args)
      if (context.commandName === command) controller.abort(new Error('killed'))
      return result
    },
    { step: 'initialize', name: 'stop-after' }
  )
}

describe('rolling back the last apply', () => {
  it('deletes exactly what it created, dependents first, and takes its secrets out of the keychain', async () => {
    setup = await practiceSetup()
    const { iam } = setup.connection.clients('read')
    await iam.send(new CreateGroupCommand({ GroupName: 'Finance' }))
    await iam.send(new CreateUserCommand({ UserName: 'someone-else' }))
    const accountId = setup.connection.info.accountId
    await setup.vault.set({ accountId, role: 'ops' }, { mfaSerial: `arn:aws:iam::${accountId}:mfa/ops` })
    await applySetup(setup.options(roles))

    const events: StepProgress[] = []
    const report = await rollbackSetup(rollbackOptions(setup, { onProgress: (p) => events.push(p) }))

    expect(report.outcome).toBe('done')
    expect(report.failures).toEqual([])
    // Finance was there before: only its attachment and billing's membership were this run's.
    expect(accountShape(setup.server)).toEqual({
      groups: { Finance: { policies: [], inline: [] } },
      users: { 'someone-else': { groups: [], loginProfile: false, keys: 0 } }
    })
    expect(await setup.vault.get({ accountId, role: 'dev' })).toBeNull()
    expect(await setup.vault.get({ accountId, role: 'billing' })).toBeNull()
    // What another part of Cairn keeps for ops stays.
    expect(await setup.vault.get({ accountId, role: 'ops' })).toEqual({ mfaSerial: `arn:aws:iam::${accountId}:mfa/ops` })
    const done = (id: string) => events.findIndex((e) => e.stepId === id && e.state === 'done')
    expect(done('user:dev')).toBeGreaterThan(done('access-key:dev'))
    expect(done('user:dev')).toBeGreaterThan(done('membership:dev:Developers'))
    expect(done('group:Developers')).toBeGreaterThan(done('attach:Developers:arn:aws:iam::aws:policy/PowerUserAccess'))
    expect((await readJournal(setup.journalPath))?.state).toBe('rolled-back')
  })

  it('under throttling and server errors still removes everything the apply made', async () => {
    setup = await practiceSetup({ faults: { seed: 5, throttleRate: 0.2, serverErrorRate: 0.1 } })
    await applySetup(setup.options(roles))
    const report = await rollbackSetup(rollbackOptions(setup))
    expect(report.failures).toEqual([])
    expect(accountShape(setup.server)).toEqual({ groups: {}, users: {} })
    expect(await setup.vault.list(setup.connection.info.accountId)).toEqual([])
  })

  it('has nothing to do a second time', async () => {
    setup = await practiceSetup()
    await applySetup(setup.options(roles))
    await rollbackSetup(rollbackOptions(setup))
    expect(await rollbackSetup(rollbackOptions(setup))).toMatchObject({ outcome: 'nothing', steps: [] })
  })

  it('after a kill mid-apply removes what was made before the kill, a key with no recorded id included', async () => {
    setup = await practiceSetup()
    const controller = new AbortController()
    stopAfter(setup.connection.clients('apply').iam, controller, 'CreateAccessKeyCommand')
    await expect(applySetup(setup.options(roles, { signal: controller.signal }))).rejects.toThrow()
    expect(Object.values(setup.server.state.users).some((u) => u.accessKeys.length > 0)).toBe(true)

    await setup.reconnect()
    const report = await rollbackSetup(rollbackOptions(setup))
    expect(report.failures).toEqual([])
    expect(accountShape(setup.server)).toEqual({ groups: {}, users: {} })
    expect(await setup.vault.list(setup.connection.info.accountId)).toEqual([])
  })

  it('explains what blocks a deletion it did not cause, and can be run again once it is cleared', async () => {
    setup = await practiceSetup()
    await applySetup(setup.options(roles))
    // Someone adds a policy to a user Cairn made; DeleteUser refuses while it is there.
    const { iam } = setup.connection.clients('read')
    const { AttachUserPolicyCommand, DetachUserPolicyCommand } = await import('@aws-sdk/client-iam')
    const policy = { UserName: 'billing', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }
    await iam.send(new AttachUserPolicyCommand(policy))

    const first = await rollbackSetup({ ...rollbackOptions(setup), retry: { ...fastRetry, consistencyBudgetMs: 300 } })
    expect(first.outcome).toBe('failed')
    expect(first.failures).toEqual([expect.objectContaining({ stepId: 'user:billing', code: 'DeleteConflict' })])
    expect(first.failures[0]?.message).toMatch(/billing still has something attached that Cairn did not add/)
    expect((await readJournal(setup.journalPath))?.state).toBe('rolling-back')

    await iam.send(new DetachUserPolicyCommand(policy))
    expect((await rollbackSetup(rollbackOptions(setup))).outcome).toBe('done')
    expect(accountShape(setup.server)).toEqual({ groups: {}, users: {} })
  })
})
