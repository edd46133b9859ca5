import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { dateHeader } from './http-date'
import { parseFormEncoded, readBody } from './query'
import type { PracticeState, TemporarySession } from './state'

/** A sign-in token must be used within 15 minutes, as on signin.aws.amazon.com. */
const SIGNIN_TOKEN_TTL_MS = 15 * 60 * 1000
export const CONSOLE_COOKIE = 'cairn-practice-console'

export interface ConsoleSession {
  accessKeyId: string
  /** GetFederationToken's Name; '' for a role session. */
  federatedName: string
  /** '<root>' or the IAM user who called GetFederationToken (or assumed the role). */
  principal: string
  /** For a role session: the role and RoleSessionName, and whether the session carries MFA. */
  role?: { roleName: string; sessionName: string; mfa: boolean }
  expiresAt: number
}

/** Sign-in tokens handed out by getSigninToken, and the console sessions they open. */
export class ConsoleSignIn {
  private tokens = new Map<string, { accessKeyId: string; expiresAt: number; consoleSeconds?: number }>()
  private sessions = new Map<string, ConsoleSession>()

  /** `consoleSeconds`: getSigninToken's SessionDuration, for a role session. */
  issueToken(session: TemporarySession, now: number, consoleSeconds?: number): string {
    this.sweep(now)
    const token = randomBytes(192).toString('base64url')
    this.tokens.set(token, {
      accessKeyId: session.accessKeyId,
      expiresAt: now + SIGNIN_TOKEN_TTL_MS,
      ...(consoleSeconds === undefined ? {} : { consoleSeconds })
    })
    return token
  }

  redeem(token: string, state: PracticeState, now: number): string | null {
    const entry = this.tokens.get(token)
    if (!entry || entry.expiresAt <= now) return null
    const session = state.sessions[entry.accessKeyId]
    if (!session || Date.parse(session.expiration) <= now) return null
    const id = randomBytes(24).toString('base64url')
    // A role session's console lasts SessionDuration when one was asked for, else as long as the credentials.
    const expiresAt = entry.consoleSeconds === undefined ? Date.parse(session.expiration) : now + entry.consoleSeconds * 1000
    this.sessions.set(id, {
      accessKeyId: session.accessKeyId,
      federatedName: session.federatedName ?? '',
      principal: session.principal,
      ...(session.kind === 'role'
        ? { role: { roleName: session.roleName ?? '', sessionName: session.roleSessionName ?? '', mfa: session.mfaAuthenticated } }
        : {}),
      expiresAt
    })
    return id
  }

  consoleSession(id: string | undefined, now: number): ConsoleSession | null {
    if (id === undefined) return null
    const session = this.sessions.get(id)
    if (!session || session.expiresAt <= now) return null
    return session
  }

  signOut(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id)
  }

  private sweep(now: number): void {
    for (const [token, entry] of this.tokens) if (entry.expiresAt <= now) this.tokens.delete(token)
    for (const [id, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(id)
  }
}

export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

function plain(res: ServerResponse, status: number, text: string, now: Date): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...dateHeader(now) })
  res.end(text)
}

/**
 * Where login sends the browser. The real AWS console is played by this server's /console,
 * so a Destination on *.aws.amazon.com lands there; anything else off this host is refused.
 */
function localDestination(destination: string, host: string | undefined): string | null {
  let url: URL
  try {
    url = new URL(destination)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.hostname === 'aws.amazon.com' || url.hostname.endsWith('.aws.amazon.com')) return '/console'
  if (host !== undefined && url.host === host && (url.pathname === '/console' || url.pathname.startsWith('/console/'))) {
    return url.pathname + url.search
  }
  return null
}

interface SessionJson {
  sessionId?: unknown
  sessionKey?: unknown
  sessionToken?: unknown
}

/**
 * GET|POST /federation, as https://signin.aws.amazon.com/federation:
 * Action=getSigninToken&Session={"sessionId","sessionKey","sessionToken"} -> {"SigninToken"};
 * Action=login&Issuer&Destination&SigninToken -> console session cookie + redirect.
 */
export async function handleFederation(
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
  state: PracticeState,
  signIn: ConsoleSignIn,
  now: Date
): Promise<void> {
  const body = req.method === 'POST' ? await readBody(req, 64 * 1024) : Buffer.alloc(0)
  const params = { ...parseFormEncoded(search.replace(/^\?/, '')), ...parseFormEncoded(body.toString('utf8')) }
  const action = params['Action']

  if (action === 'getSigninToken') {
    let session: SessionJson
    try {
      session = JSON.parse(params['Session'] ?? '') as SessionJson
    } catch {
      plain(res, 400, 'Session must be JSON: {"sessionId","sessionKey","sessionToken"}.', now)
      return
    }
    const duration = params['SessionDuration']
    if (duration !== undefined && !(/^\d+$/.test(duration) && +duration >= 900 && +duration <= 43200)) {
      plain(res, 400, 'SessionDuration must be between 900 and 43200 seconds.', now)
      return
    }
    const stored = typeof session?.sessionId === 'string' ? state.sessions[session.sessionId] : undefined
    const valid =
      stored !== undefined &&
      stored.secretAccessKey === session.sessionKey &&
      stored.sessionToken === session.sessionToken &&
      Date.parse(stored.expiration) > now.getTime()
    // The console accepts federation and role credentials only; GetSessionToken's are refused.
    if (!valid || (stored.kind !== 'federation' && stored.kind !== 'role')) {
      plain(res, 400, 'The credentials in Session are invalid, expired, or cannot be used to sign in to the console.', now)
      return
    }
    // SessionDuration sets how long a role session's console lasts. For a session of a role assumed
    // by role chaining (with another role's or GetSessionToken's credentials) AWS refuses the
    // request with HTTP 400 "Invalid credentials parameter" rather than ignore it (knowledge-center
    // article invalid-credentials-parameter); without SessionDuration its console lasts as long as
    // the credentials.
    if (duration !== undefined && stored.kind === 'role' && stored.chained) {
      plain(res, 400, 'Invalid credentials parameter: SessionDuration cannot be used with a role session from role chaining.', now)
      return
    }
    const consoleSeconds = duration !== undefined && stored.kind === 'role' ? Number(duration) : undefined
    const json = JSON.stringify({ SigninToken: signIn.issueToken(stored, now.getTime(), consoleSeconds) })
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json), ...dateHeader(now) })
    res.end(json)
    return
  }

  if (action === 'login') {
    const destination = localDestination(params['Destination'] ?? '', req.headers.host)
    if (destination === null) {
      plain(res, 400, 'Destination must be an AWS console URL or this practice console.', now)
      return
    }
    const id = signIn.redeem(params['SigninToken'] ?? '', state, now.getTime())
    if (id === null) {
      plain(res, 400, 'The sign-in token is invalid or has expired (tokens last 15 minutes).', now)
      return
    }
    res.writeHead(302, {
      Location: destination,
      'Set-Cookie': `${CONSOLE_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`,
      'Content-Length': 0,
      ...dateHeader(now)
    })
    res.end()
    return
  }

  plain(res, 400, 'Action must be getSigninToken or login.', now)
}
