import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { journeySteps, journeyState, type JourneyState, type JourneyStep } from '../../shared/channels/journey'
import { writeFileAtomic } from '../fs/write-file-atomic'

export const JOURNEY_FILE = 'journey.json'

export const freshJourney = (): JourneyState => ({ account: null, current: 'welcome', reached: 'welcome', done: [], finished: false })

const order = (step: JourneyStep) => journeySteps.indexOf(step)

export interface JourneyUpdate {
  account?: 'practice' | 'real' | undefined
  current?: JourneyStep | undefined
  done?: JourneyStep | undefined
  rootKeyKept?: boolean | undefined
}

/** The next state; pure, so the rules are tested without a file. */
export function applyJourneyUpdate(state: JourneyState, update: JourneyUpdate): JourneyState {
  let next: JourneyState = { ...state, done: [...state.done] }
  if (update.account !== undefined && update.account !== next.account) {
    // Another account is another journey: what was done for the first one says nothing here.
    next = { ...freshJourney(), account: update.account, finished: false }
  }
  if (update.done !== undefined && !next.done.includes(update.done)) {
    next.done = journeySteps.filter((step) => step === update.done || next.done.includes(step))
  }
  if (update.rootKeyKept === true) next.rootKeyKept = true
  // Deleted: the field goes, as in a journey that never kept a key.
  if (update.rootKeyKept === false) delete next.rootKeyKept
  if (update.current !== undefined) {
    next.current = update.current
    if (order(update.current) > order(next.reached)) next.reached = update.current
  }
  if (next.current === 'profiles' || next.done.includes('profiles')) next.finished = true
  return next
}

/**
 * journey.json in Cairn's data folder. A missing or damaged file means a fresh journey: it
 * holds nothing that cannot be walked again, and Welcome says where the user stands.
 */
export function journeyStore(dataDir: string) {
  const file = path.join(dataDir, JOURNEY_FILE)
  let queue: Promise<unknown> = Promise.resolve()

  async function read(): Promise<JourneyState> {
    try {
      const parsed = journeyState.safeParse(JSON.parse(await readFile(file, 'utf8')))
      return parsed.success ? parsed.data : freshJourney()
    } catch {
      return freshJourney()
    }
  }

  async function write(state: JourneyState): Promise<JourneyState> {
    await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`)
    return state
  }

  /** One change at a time, so two quick clicks cannot lose a step. */
  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  return {
    file,
    get: () => serialised(read),
    update: (update: JourneyUpdate) => serialised(async () => write(applyJourneyUpdate(await read(), update))),
    reset: () => serialised(() => write(freshJourney()))
  }
}

export type JourneyStore = ReturnType<typeof journeyStore>
