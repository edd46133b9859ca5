import { ROOT_CONSOLE_REALM } from './root-console'

/**
 * The one client of the practice root console (/_practice/…), the console pages AWS offers no
 * API for, played over HTTP Basic with root's console sign-in. Cairn's connect, MFA rehearsal
 * and billing steps all talk to it through here.
 */
export interface RootConsoleAccess {
  endpoint: string
  /** Root's console sign-in, sent as HTTP Basic. */
  rootConsole: { email: string; password: string }
}

export interface RootConsoleAnswer {
  status: number
  body: Record<string, unknown>
  /** The Date header: the practice account's clock. */
  date: string | undefined
}

/** The console answered, and refused: its own error code (LimitExceeded, …) and message. */
export class RootConsoleRefused extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'RootConsoleRefused'
  }
}

/** Nothing answered at the endpoint (the practice account is not running there). */
export class RootConsoleUnreachable extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.name = 'RootConsoleUnreachable'
  }
}

export async function callRootConsole(access: RootConsoleAccess, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<RootConsoleAnswer> {
  const { email, password } = access.rootConsole
  let response: Response
  try {
    response = await fetch(`${access.endpoint}${path}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' })
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
  } catch (error) {
    throw new RootConsoleUnreachable(error)
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (!response.ok) {
    const failure = (answer['error'] ?? {}) as { code?: string; message?: string }
    throw new RootConsoleRefused(failure.code ?? String(response.status), failure.message ?? `HTTP ${response.status}`)
  }
  return { status: response.status, body: answer, date: response.headers.get('date') ?? undefined }
}

const loopback = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/

/**
 * Whether `endpoint` is a Cairn practice service (the app's, or `cairn practice` in a terminal),
 * known by the sign-in its root console asks for. Only a bare GET is sent, with no key or
 * secret, and only to a loopback address (the only place a practice service listens); any
 * other answer, or none within `timeoutMs`, means no.
 */
export async function isPracticeService(endpoint: string | undefined, options: { timeoutMs?: number } = {}): Promise<boolean> {
  if (endpoint === undefined || !loopback.test(endpoint)) return false
  try {
    const response = await fetch(new URL('/_practice/account', endpoint), { redirect: 'manual', signal: AbortSignal.timeout(options.timeoutMs ?? 2000) })
    await response.body?.cancel()
    return response.status === 401 && response.headers.get('www-authenticate') === ROOT_CONSOLE_REALM
  } catch {
    return false
  }
}
