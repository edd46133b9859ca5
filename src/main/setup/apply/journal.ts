import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { CairnError } from '../../../shared/errors'
import { iamRoleSpec, roleSpec, runState, signInSpec, stepAction, stepOwner, stepTarget } from '../../../shared/domain/schemas'
import type { SetupSpec } from '../../../shared/domain/schemas'
import type { RunState } from '../../../shared/domain/words'

/**
 * What one apply did, step by step, so a run killed at any point can resume or be rolled back.
 * Ids and names only: no password, no secret ever goes in here.
 */
export const journalStepStates = ['started', 'done', 'failed', 'undone'] as const
export type JournalStepState = (typeof journalStepStates)[number]
export const vaultFields = ['consolePassword', 'accessKey'] as const
export type VaultField = (typeof vaultFields)[number]

const journalStepSchema = z.object({
  id: z.string(),
  action: stepAction,
  role: stepOwner,
  target: stepTarget,
  dependsOn: z.array(z.string()),
  state: z.enum(journalStepStates),
  /** The create call was sent at least once in this run: what exists afterwards is this run's. */
  callSent: z.boolean(),
  /** This run made the entity (rollback deletes exactly these). */
  created: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  /** When the create call was last sent: a key it made shows in ListAccessKeys some time after. */
  callAt: z.string().optional(),
  /** CreateAccessKey: the user's keys before the call, to tell this run's key from others. */
  keysBefore: z.array(z.string()).optional(),
  /** CreateAccessKey: the key this run made, recorded as soon as AWS returns it. */
  accessKeyId: z.string().optional(),
  /** Keychain fields this run wrote for the step's role. */
  wroteToVault: z.array(z.enum(vaultFields)).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional()
})

const journalRunSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  accountId: z.string(),
  state: runState,
  /** The process writing the run, to tell "killed" from "still running in another window". */
  pid: z.number().int(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** The guide's layout: its roles. The roles layout keeps this empty and says `layout`, `signIn` and `iamRoles`. */
  roles: z.array(roleSpec),
  layout: z.literal('roles').optional(),
  signIn: signInSpec.optional(),
  iamRoles: z.array(iamRoleSpec).optional(),
  steps: z.record(z.string(), journalStepSchema)
})

export type JournalStep = z.output<typeof journalStepSchema>
export type { RunState }
export type JournalRun = z.output<typeof journalRunSchema>

/** What a run set out to do, in either layout. */
export function setupOfRun(run: JournalRun): SetupSpec {
  if (run.layout === 'roles' && run.signIn) return { layout: 'roles', signIn: structuredClone(run.signIn), roles: structuredClone(run.iamRoles ?? []) }
  return { layout: 'users', roles: structuredClone(run.roles) }
}

/** The run's record of the setup: the fields setupOfRun reads back. */
export function setupFields(setup: SetupSpec): Pick<JournalRun, 'roles' | 'layout' | 'signIn' | 'iamRoles'> {
  if (setup.layout === 'users') return { roles: structuredClone(setup.roles) }
  return { roles: [], layout: 'roles', signIn: structuredClone(setup.signIn), iamRoles: structuredClone(setup.roles) }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * A run left 'running' by a process that is gone was killed, and may be resumed or rolled
 * back; one whose process still lives is another Cairn at work on the same account.
 */
export function assertNotRunningElsewhere(run: JournalRun): void {
  const active = run.state === 'running' || run.state === 'rolling-back'
  if (active && run.pid !== process.pid && processAlive(run.pid)) {
    throw new CairnError(
      'CONFLICT',
      `Another Cairn (process ${run.pid}) is applying or rolling back the setup of account ${run.accountId}. Let it finish, or close it, then try again.`
    )
  }
}

export class JournalUnreadableError extends Error {
  constructor(readonly path: string) {
    super(
      `The setup journal ${path} is damaged, so Cairn cannot tell what an earlier apply did. Move it aside and run apply again (it re-plans against the account).`
    )
    this.name = 'JournalUnreadableError'
  }
}

export async function readJournal(path: string): Promise<JournalRun | null> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new JournalUnreadableError(path)
  }
  const parsed = journalRunSchema.safeParse(json)
  if (!parsed.success) throw new JournalUnreadableError(path)
  return parsed.data
}

/**
 * The journal of the run in progress. Every change is written whole to a temporary file that
 * is then renamed over the journal, so a kill leaves the old or the new version, never half.
 * Writes that pile up while one is in flight are folded into the next.
 */
export class Journal {
  private writing: Promise<void> | null = null
  private pending = false
  private failure: unknown = null

  private constructor(
    readonly path: string,
    readonly run: JournalRun,
    private readonly now: () => Date
  ) {}

  /** Takes the run over in this process and writes it. */
  static async open(path: string, run: JournalRun, now: () => Date = () => new Date()): Promise<Journal> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 })
    const journal = new Journal(path, { ...run, pid: process.pid }, now)
    await journal.save()
    return journal
  }

  static newRun(accountId: string, setup: SetupSpec, now: Date): JournalRun {
    const at = now.toISOString()
    return {
      version: 1,
      runId: randomUUID(),
      accountId,
      state: 'running',
      pid: process.pid,
      startedAt: at,
      updatedAt: at,
      ...setupFields(setup),
      steps: {}
    }
  }

  step(id: string): JournalStep | undefined {
    return this.run.steps[id]
  }

  /** Records that a step is starting (again); `save` makes it durable. */
  begin(step: Pick<JournalStep, 'id' | 'action' | 'role' | 'target' | 'dependsOn'>, fields: Partial<JournalStep> = {}): JournalStep {
    const existing = this.run.steps[step.id]
    const record: JournalStep = {
      callSent: false,
      created: false,
      ...existing,
      id: step.id,
      action: step.action,
      role: step.role,
      target: { ...step.target },
      dependsOn: [...step.dependsOn],
      startedAt: existing?.startedAt ?? this.now().toISOString(),
      ...fields,
      state: 'started'
    }
    delete record.error
    delete record.finishedAt
    this.run.steps[step.id] = record
    return record
  }

  /** Changes a recorded step in memory; `save` makes it durable. */
  patch(id: string, change: Partial<JournalStep>): JournalStep {
    const existing = this.run.steps[id]
    if (!existing) throw new Error(`The journal has no step ${id}.`)
    const next: JournalStep = { ...existing, ...change }
    if (change.state === 'done' || change.state === 'failed' || change.state === 'undone') next.finishedAt = this.now().toISOString()
    this.run.steps[id] = next
    return next
  }

  setState(state: RunState): void {
    this.run.state = state
  }

  /** Resolves once a write that includes every change made so far is on disk. */
  async save(): Promise<void> {
    if (this.failure) throw this.failure
    this.pending = true
    while (this.pending) {
      if (this.writing) {
        await this.writing
        continue
      }
      this.pending = false
      this.run.updatedAt = this.now().toISOString()
      const text = `${JSON.stringify(this.run, null, 2)}\n`
      this.writing = this.write(text).finally(() => {
        this.writing = null
      })
      await this.writing
    }
    if (this.failure) throw this.failure
  }

  private async write(text: string): Promise<void> {
    const temporary = `${this.path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`
    try {
      await writeFile(temporary, text, { mode: 0o600, flush: true })
      await rename(temporary, this.path)
    } catch (error) {
      this.failure = error
      await rm(temporary, { force: true })
    }
  }
}
