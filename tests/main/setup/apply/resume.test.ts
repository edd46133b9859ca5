import { afterEach, describe, expect, it } from 'vitest'
import type { IAMClient } from '@aws-sdk/client-iam'
import { applySetup } from '../../../../src/main/setup/apply/apply-setup'
import { readJournal } from '../../../../src/main/setup/apply/journal'
import { mulberry32 } from '../../../../src/practice'
import { defaultRoles } from '../../../../src/main/setup/roles'
import { defaultShape } from './default-shape'
import { accountShape, practiceSetup, vaultProblems, type PracticeSetup } from './practice-setup'

const roles = defaultRoles({ includeAdmin: false })
let setup: PracticeSetup | undefined
afterEach(async () => {
  await setup?.close()
  setup = undefined
})

/**
 * Stops the apply the instant AWS has answered the n-th call (or a call matching `when`):
 * whatever the engine would do next — the keychain write, the journal entry — never happens,
 * as if the process had been killed right there.
 */
function killAfter(iam: IAMClient, controller: AbortController, when: (command: string, n: number) => boolean): () => number {
  let n = 0
  iam.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args)
      n++
      if (when(context.commandName ?? '', n)) controller.abort(new Error('killed'))
      return result
    },
    { step: 'initialize', name: 'kill-after' }
  )
  return () => n
}

describe('an apply killed part-way', () => {
  it('between CreateAccessKey and the keychain leaves a key without its secret, which the next apply deletes and replaces', async () => {
    setup = await practiceSetup()
    const controller = new AbortController()
    killAfter(setup.connection.clients('apply').iam, controller, (command) => command === 'CreateAccessKeyCommand')
    await expect(applySetup(setup.options(roles, { signal: controller.signal }))).rejects.toThrow()

    const strandedUser = ['dev', 'ops'].find((name) => setup!.server.state.users[name]!.accessKeys.length === 1)!
    const stranded = setup.server.state.users[strandedUser]!.accessKeys[0]!.accessKeyId
    const role = strandedUser as 'dev' | 'ops'
    expect((await setup.vault.get({ accountId: setup.connection.info.accountId, role }))?.accessKey).toBeUndefined()
    const journal = await readJournal(setup.journalPath)
    expect(journal?.state).toBe('running')
    expect(journal?.steps[`access-key:${strandedUser}`]).toMatchObject({ state: 'started', callSent: true, keysBefore: [] })

    await setup.reconnect()
    const report = await applySetup(setup.options(roles))

    expect(report).toMatchObject({ outcome: 'done', resumed: true, runId: journal!.runId })
    expect(accountShape(setup.server)).toEqual(defaultShape)
    expect(setup.server.state.users[strandedUser]!.accessKeys.map((k) => k.accessKeyId)).not.toContain(stranded)
    expect(await vaultProblems(setup, roles)).toEqual([])
  })

  it('before the keychain has the password still gives the user the password the keychain has', async () => {
    setup = await practiceSetup()
    const controller = new AbortController()
    killAfter(setup.connection.clients('apply').iam, controller, (command) => command === 'CreateLoginProfileCommand')
    await expect(applySetup(setup.options(roles, { signal: controller.signal }))).rejects.toThrow()
    await setup.reconnect()
    expect((await applySetup(setup.options(roles))).outcome).toBe('done')
    expect(accountShape(setup.server)).toEqual(defaultShape)
    expect(await vaultProblems(setup, roles)).toEqual([])
  })

  const seeds = [11, 12, 13, 14, 15, 16]
  for (const seed of seeds) {
    it(`at a random call, under throttling, server errors and lag, resumes to a clean run’s account and keychain (seed ${seed})`, async () => {
      setup = await practiceSetup({ faults: { seed, throttleRate: 0.2, serverErrorRate: 0.1, consistencyDelayMs: 300 } })
      const killAt = 1 + Math.floor(mulberry32(seed)() * 20)
      const controller = new AbortController()
      killAfter(setup.connection.clients('apply').iam, controller, (_command, n) => n === killAt)
      const first = await applySetup(setup.options(roles, { signal: controller.signal, newKeyVisibleAfterMs: 1000 })).catch((error: unknown) => error)
      expect(controller.signal.aborted ? first : 'finished before the kill').toBeInstanceOf(Error)

      await setup.reconnect()
      const report = await applySetup(setup.options(roles, { newKeyVisibleAfterMs: 1000 }))
      expect(report.failures).toEqual([])
      expect(report.resumed).toBe(true)
      expect(accountShape(setup.server)).toEqual(defaultShape)
      expect(await vaultProblems(setup, roles)).toEqual([])
      // Every entity of the setup is this run's, the ones made before the kill included.
      const run = await readJournal(setup.journalPath)
      expect(run?.state).toBe('finished')
      const created = Object.values(run!.steps)
        .filter((s) => s.created)
        .map((s) => s.id)
      expect(created.sort()).toEqual(
        report.steps
          .filter((s) => s.action !== 'PutGroupPolicy')
          .map((s) => s.id)
          .sort()
      )
    })
  }
})
