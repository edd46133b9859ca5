import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startPracticeServer, type PracticeServer } from '../../src/practice'
import { readJournal, type JournalRun } from '../../src/main/setup/apply/journal'
import { defaultRoles } from '../../src/main/setup/roles'
import { createConnectService } from '../../src/main/connect/connect-service'
import { createSetupService, journalPath, type SetupService } from '../../src/main/setup/setup-service'
import { KeychainUnavailableError, keytarSecretStore, loadSearchableKeytar, type KeytarWithSearch, type SecretStore } from '../../src/main/vault/secret-store'
import { secretStoreWithDeadline } from '../../src/main/vault/secret-store-deadline'
import { CairnError } from '../../src/shared/errors'
import { lostSecrets, setupProblems } from './support/account-check'
import { startPrivateKeyring, type PrivateKeyring } from './support/private-keyring'

/**
 * Fault family 1: the keychain stops taking secrets in the middle of an apply. Every secret AWS
 * hands out must be in the keychain before its step counts as done; when the keychain refuses,
 * the apply stops with KEYCHAIN_UNAVAILABLE and nothing AWS holds is without its secret; once
 * the keychain is back, resuming finishes the setup. The practice account over HTTP, the real
 * SDK, and the real keytar on a gnome-keyring of this file's own (so locking it disturbs no other test).
 */

const roles = defaultRoles({ includeAdmin: false })
const fastRetry = { baseDelayMs: 10, maxDelayMs: 100 }
let keyring: PrivateKeyring
let keytar: KeytarWithSearch
let faultsInjected = 0

beforeAll(async () => {
  keyring = await startPrivateKeyring()
  // libsecret connects on first use: from here on, this process's keytar talks to the private keyring.
  Object.assign(process.env, keyring.env)
  keytar = await loadSearchableKeytar()
})
afterAll(() => {
  keyring.close()
  console.log(`keychain faults injected: ${faultsInjected}`)
})

interface Rig {
  server: PracticeServer
  store: SecretStore
  dataDir: string
  accountId: string
  /** A new setup service, as after a restart, connected as root. */
  service(vault?: SecretStore): Promise<SetupService>
  journal(): Promise<JournalRun | null>
  close(): Promise<void>
}

let rig: Rig | undefined
afterEach(async () => {
  await rig?.close()
  rig = undefined
})

async function startRig(): Promise<Rig> {
  const server = await startPracticeServer({ onUnexpectedError: (error) => console.error(error) })
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-fault-keychain-'))
  const service = `Cairn fault test ${randomUUID()}`
  // As the app opens it (services.ts), with a shorter deadline: a call on a locked keyring may never return.
  const store = secretStoreWithDeadline(keytarSecretStore(keytar, { service }), 10_000)
  const made: Rig = {
    server,
    store,
    dataDir,
    accountId: server.accountId,
    service: async (vault = store) => {
      const connect = createConnectService()
      await connect.withKeys({ ...server.rootCredentials!, endpoint: server.endpoint })
      return createSetupService({ connection: connect.connection, dataDir, vault: async () => vault, tuning: { newKeyVisibleAfterMs: 0, retry: fastRetry } })
    },
    journal: () => readJournal(journalPath(dataDir, server.accountId)),
    close: async () => {
      if (await keyring.locked()) await keyring.unlock()
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
      rmSync(dataDir, { recursive: true, force: true })
      await server.close()
    }
  }
  return made
}

/** The keychain as it is, until `writes` writes have gone through; then it refuses every write, as a locked keychain does. */
function failingAfter(store: SecretStore, writes: number): SecretStore & { refused: number } {
  let count = 0
  const refuse = (key: Parameters<SecretStore['get']>[0]) => {
    wrapped.refused++
    return new KeychainUnavailableError('save', key, 'linux', { cause: new Error('Cannot create an item in a locked collection') })
  }
  const wrapped = {
    refused: 0,
    get: store.get,
    list: store.list,
    set: async (key: Parameters<SecretStore['set']>[0], value: Parameters<SecretStore['set']>[1]) => {
      if (++count > writes) throw refuse(key)
      return store.set(key, value)
    },
    update: async (key: Parameters<SecretStore['update']>[0], change: Parameters<SecretStore['update']>[1]) => {
      if (++count > writes) throw refuse(key)
      return store.update(key, change)
    },
    delete: async (key: Parameters<SecretStore['delete']>[0]) => {
      if (++count > writes) throw refuse(key)
      return store.delete(key)
    }
  }
  return wrapped
}

/**
 * The real keychain, except that an access key's write waits until the test has locked the
 * keyring. Steps run in parallel: on a busy machine every secret could otherwise reach the
 * keychain before the lock, and the apply would end 'done' with nothing to prove. An access
 * key is written after its step starts and after the first login profile is done, so both
 * lock points come before it.
 */
function heldUntilLocked(store: SecretStore): { vault: SecretStore; taken(): void } {
  let taken = (): void => undefined
  const locked = new Promise<void>((resolve) => (taken = resolve))
  const vault: SecretStore = {
    ...store,
    update: async (key, change) => {
      if ((await change(null)).accessKey !== undefined) await locked
      return store.update(key, change)
    }
  }
  return { vault, taken: () => taken() }
}

/** A journal that matches the account: no step still 'started', and every done create is there. */
function journalProblems(run: JournalRun | null, server: PracticeServer): string[] {
  if (!run) return ['no journal']
  const problems: string[] = []
  for (const step of Object.values(run.steps)) {
    if (step.state === 'started') problems.push(`${step.id} is still 'started' after the apply returned`)
    if (step.error && step.state !== 'failed') problems.push(`${step.id} has an error but is ${step.state}`)
    const user = step.target.userName ? server.state.users[step.target.userName.toLowerCase()] : undefined
    if (step.state === 'done' && step.action === 'CreateAccessKey' && user?.accessKeys.length !== 1)
      problems.push(`${step.id} is done but ${step.target.userName} has ${user?.accessKeys.length} keys`)
    if (step.state === 'done' && step.action === 'CreateLoginProfile' && !user?.loginProfile) problems.push(`${step.id} is done but there is no login profile`)
    if (step.state === 'failed' && step.action === 'CreateAccessKey' && step.accessKeyId && user?.accessKeys.some((k) => k.accessKeyId === step.accessKeyId)) {
      problems.push(`${step.id} failed but its key ${step.accessKeyId} is still in AWS`)
    }
  }
  return problems
}

describe('the keychain refuses writes part-way through an apply (injected)', () => {
  // The default setup writes 5 secrets (3 passwords, 2 access keys): fail after each count of them.
  for (const writes of [0, 1, 2, 3, 4]) {
    it(`after ${writes} good write(s): KEYCHAIN_UNAVAILABLE, no secret lost, the journal resumable, and resume finishes`, async () => {
      rig = await startRig()
      const vault = failingAfter(rig.store, writes)
      const first = await rig.service(vault)
      const { summary } = await first.apply({ roles })
      faultsInjected++

      expect(summary.outcome).toBe('failed')
      expect(vault.refused).toBeGreaterThan(0)
      expect(summary.failures.length).toBeGreaterThan(0)
      for (const failure of summary.failures) {
        expect(failure.code).toBe('KEYCHAIN_UNAVAILABLE')
        expect(failure.message).toMatch(/keychain/i)
        expect(failure.message).toMatch(/Unlock it|Fix the keychain/)
      }
      expect(await lostSecrets(rig.server, rig.accountId, rig.store, roles)).toEqual([])
      const journal = await rig.journal()
      expect(journal?.state).toBe('failed')
      expect(journalProblems(journal, rig.server)).toEqual([])
      expect(await first.lastRun()).toMatchObject({ state: 'failed', canResume: true })

      // The keychain is back; a new service (as after a restart) resumes the same run.
      const second = await rig.service()
      const resumed = await second.resume({})
      expect(resumed.summary.failures).toEqual([])
      expect(resumed.summary).toMatchObject({ outcome: 'done', resumed: true, runId: journal!.runId })
      expect(await setupProblems(rig.server, rig.accountId, rig.store, roles)).toEqual([])
      expect((await rig.journal())?.state).toBe('finished')
    })
  }
})

describe('the real gnome-keyring locked in the middle of an apply', () => {
  for (const [state, after] of [
    ['done', 'login-profile:'],
    ['running', 'access-key:']
  ] as const) {
    it(`locked once the first ${after} step is ${state}: KEYCHAIN_UNAVAILABLE, nothing lost, a resume while locked changes nothing for the worse, and resuming once unlocked finishes`, async () => {
      rig = await startRig()
      const lock = heldUntilLocked(rig.store)
      const service = await rig.service(lock.vault)
      let lockedAfter = ''
      const { summary } = await service.apply(
        { roles },
        {
          emit: (_event, progress) => {
            // Lock it now, as a screen lock would: mid-step, or once the first secret is stored.
            if (!lockedAfter && progress.state === state && progress.stepId.startsWith(after)) {
              lockedAfter = progress.stepId
              keyring.lockNow()
              lock.taken()
            }
          }
        }
      )
      faultsInjected++
      expect(lockedAfter).not.toBe('')
      expect(await keyring.locked()).toBe(true)
      expect(summary.outcome).toBe('failed')
      for (const failure of summary.failures) expect(failure.code).toBe('KEYCHAIN_UNAVAILABLE')
      expect(summary.failures.length).toBeGreaterThan(0)
      const journal = await rig.journal()
      expect(journal?.state).toBe('failed')
      expect(journalProblems(journal, rig.server)).toEqual([])

      // Still locked: a resume must not make things worse.
      // It stops either before planning (a keychain read that never answers, cut off by the
      // deadline) or with failed steps; KEYCHAIN_UNAVAILABLE either way.
      const whileLocked = await (await rig.service()).resume({}).then(
        ({ summary: locked }) => locked.failures.map((failure) => failure.code),
        (error: unknown) => [error instanceof CairnError ? error.code : String(error)]
      )
      faultsInjected++
      expect(whileLocked.length).toBeGreaterThan(0)
      expect(new Set(whileLocked)).toEqual(new Set(['KEYCHAIN_UNAVAILABLE']))
      expect(journalProblems(await rig.journal(), rig.server)).toEqual([])

      expect(await keyring.unlock('not the password')).toBe(false)
      expect(await keyring.unlock()).toBe(true)
      expect(await lostSecrets(rig.server, rig.accountId, rig.store, roles)).toEqual([])
      expect(journalProblems(await rig.journal(), rig.server)).toEqual([])

      const resumed = await (await rig.service()).resume({})
      expect(resumed.summary.failures).toEqual([])
      expect(resumed.summary.outcome).toBe('done')
      expect(await setupProblems(rig.server, rig.accountId, rig.store, roles)).toEqual([])
      // Every call to a locked keyring waits for an unlock prompt that cannot show here.
    }, 120_000)
  }
})
