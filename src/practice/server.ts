import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ActionRegistry } from './action'
import { createServices, handleApiRequest, serialQueue, type ApiRuntime } from './aws-api'
import { handleConsole } from './console-page'
import { FaultPlan, type FaultOptions } from './faults'
import { ConsoleSignIn, handleFederation } from './federation'
import { dateHeader } from './http-date'
import { iamActions } from './iam'
import { KeyDirectory } from './identify-caller'
import { newPracticeState } from './new-account'
import { fileStore, loadStateFile, memoryStore, type StateStore } from './persistence'
import { handleRootConsole } from './root-console'
import type { PracticeState } from './state'
import { lockStateFile, type StateFileLock } from './state-lock'
import { stsActions } from './sts'

export type { FaultOptions } from './faults'
export { StateFileInUseError } from './state-lock'

export interface PracticeServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number
  host?: '127.0.0.1'
  /**
   * Persist to this JSON file (atomic writes); without it the account lives in memory. The file
   * is locked (`FILE.lock`) while the server runs: starting a second server on it rejects with
   * StateFileInUseError.
   */
  stateFile?: string
  faults?: FaultOptions
  clock?: () => Date
  /** New entities are invisible and new keys unusable for this long; a FaultOptions value overrides it. */
  consistencyDelayMs?: number
  /** For a fresh account only; a loaded state keeps its own id. */
  accountId?: string
  /** Unexpected errors (bugs) answered as 500 ServiceFailure; default: console.error. */
  onUnexpectedError?: (error: unknown) => void
  /**
   * Benchmark only: resolve callers from the key id without checking the signature, to measure
   * what SigV4 verification costs. Never exposed on the command line.
   */
  skipSignatureVerificationForBenchmark?: boolean
}

export interface RootCredentials {
  accessKeyId: string
  secretAccessKey: string
}

export interface PracticeServer {
  /** http://127.0.0.1:PORT — the endpoint for IAM, STS, /federation, /console and /_practice. */
  endpoint: string
  accountId: string
  /** Root's first active access key when the server started; null once root has none. */
  rootCredentials: RootCredentials | null
  /** Root's sign-in for the /_practice root console (HTTP Basic email:password). */
  rootConsole: { email: string; password: string }
  /** Live state, for reading in tests. */
  readonly state: PracticeState
  /** Replaces the fault knobs; the seeded sequence starts again. */
  setFaults(faults: FaultOptions): void
  /** Stops accepting requests, writes any pending change and releases the state file's lock. */
  close(): Promise<void>
}

const SESSION_RETENTION_MS = 24 * 60 * 60 * 1000

/** Expired sessions are kept a day (so they answer ExpiredToken rather than "invalid"), then dropped. */
function dropOldSessions(state: PracticeState, now: Date): boolean {
  let dropped = false
  for (const [id, session] of Object.entries(state.sessions)) {
    if (Date.parse(session.expiration) + SESSION_RETENTION_MS < now.getTime()) {
      delete state.sessions[id]
      dropped = true
    }
  }
  return dropped
}

/** `unsaved`: the state is new, came from the backup, or was upgraded, so the file needs writing. */
function loadOrCreate(options: PracticeServerOptions, now: Date): { state: PracticeState; store: StateStore; unsaved: boolean } {
  const create = () => newPracticeState({ ...(options.accountId ? { accountId: options.accountId } : {}), now })
  if (!options.stateFile) return { state: create(), store: memoryStore(), unsaved: true }
  const loaded = loadStateFile(options.stateFile, now)
  for (const aside of loaded.setAside) process.emitWarning(`Practice state file was corrupt; kept it as ${aside}`)
  const state = loaded.state ?? create()
  return { state, store: fileStore(options.stateFile, state), unsaved: loaded.source !== 'file' || loaded.upgraded }
}

function notFound(res: ServerResponse, now: Date): void {
  const body = 'Not found. This practice service answers POST / (IAM, STS), /federation, /console and /_practice/.'
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...dateHeader(now) })
  res.end(body)
}

export async function startPracticeServer(options: PracticeServerOptions = {}): Promise<PracticeServer> {
  // Before the file is read: a second service on it would overwrite this one's writes.
  const lock = options.stateFile ? await lockStateFile(options.stateFile) : null
  try {
    return await serve(options, lock)
  } catch (error) {
    lock?.release()
    throw error
  }
}

async function serve(options: PracticeServerOptions, lock: StateFileLock | null): Promise<PracticeServer> {
  const clock = options.clock ?? (() => new Date())
  const { state, store, unsaved } = loadOrCreate(options, clock())
  if (!state.root.consolePassword) state.root.consolePassword = randomBytes(18).toString('base64url')
  if (dropOldSessions(state, clock()) || unsaved) store.markDirty()
  await store.flush()

  const keys = new KeyDirectory()
  let faults = new FaultPlan(options.faults)
  const registries: [ActionRegistry, ActionRegistry] = [iamActions, stsActions]
  const onUnexpectedError = options.onUnexpectedError ?? ((error: unknown) => console.error('practice service error:', error))
  const changed = () => {
    keys.invalidate()
    store.markDirty()
  }
  const api: ApiRuntime = {
    state,
    store,
    keys,
    clock,
    faults: () => faults,
    consistencyDelayMs: () => faults.consistencyDelayMs ?? options.consistencyDelayMs ?? 0,
    services: createServices(...registries),
    verifySignatures: !options.skipSignatureVerificationForBenchmark,
    exclusive: serialQueue(),
    onUnexpectedError
  }
  const signIn = new ConsoleSignIn()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/'
    const q = target.indexOf('?')
    const path = q < 0 ? target : target.slice(0, q)
    const search = q < 0 ? '' : target.slice(q + 1)
    if (path === '/') {
      await handleApiRequest(req, res, path, search, api)
      return
    }
    if (path === '/federation') {
      await handleFederation(req, res, search, state, signIn, clock())
      return
    }
    if (path === '/console' || path.startsWith('/console/')) {
      req.resume()
      handleConsole(req, res, path, state, signIn, clock())
      return
    }
    if (path.startsWith('/_practice/')) {
      await api.exclusive(() => handleRootConsole(req, res, path, { state, clock, changed }))
      return
    }
    req.resume()
    notFound(res, clock())
  }

  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      onUnexpectedError(error)
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain', Connection: 'close', ...dateHeader(clock()) })
        res.end('Internal error')
      } else res.destroy()
    })
  })
  // Malformed HTTP never reaches a handler; answer it like a front end would and keep serving.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    else socket.destroy()
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const rootKey = state.root.accessKeys.find((k) => k.status === 'Active')
  let closing: Promise<void> | null = null

  return {
    endpoint: `http://127.0.0.1:${port}`,
    accountId: state.accountId,
    rootCredentials: rootKey ? { accessKeyId: rootKey.accessKeyId, secretAccessKey: rootKey.secretAccessKey } : null,
    rootConsole: { email: state.root.email, password: state.root.consolePassword },
    state,
    setFaults(next) {
      faults = new FaultPlan(next)
    },
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeIdleConnections()
          // A keep-alive client that never hangs up must not hold close() open.
          setTimeout(() => server.closeAllConnections(), 1000).unref()
        })
        // Requests still running were started before close; let mutations among them land first.
        await api.exclusive(async () => undefined)
        try {
          await store.close()
        } finally {
          lock?.release()
        }
      })()
      return closing
    }
  }
}
