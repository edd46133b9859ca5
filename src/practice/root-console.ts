import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AwsError, awsErrors } from './errors'
import { dateHeader } from './http-date'
import { newAccessKeyId, newSecretAccessKey } from './iam/access-key-material'
import { readBody } from './query'
import { createRootDevice, deleteUnassignedRootDevice, enableRootDevice, removeRootDevice, resyncRootDevice, rootMfaView } from './root-mfa'
import { quotas } from './rules/quotas'
import type { PracticeState } from './state'

/**
 * The root user's console-only settings, which no AWS API can change, played over JSON under
 * /_practice/ (never mistaken for the AWS API, which lives at / and speaks XML).
 *
 * Authentication: HTTP Basic with either an active root access key (user = key id,
 * password = secret) or root's email and console password, so the console still opens after
 * the last root access key is deleted — as the real console does.
 *
 *   GET    /_practice/account                   account id, email, phone, billing access
 *   PUT    /_practice/account/billing-access    {"enabled": bool}
 *   GET    /_practice/root                      MFA devices and access keys of root
 *   POST   /_practice/root/mfa                  {"deviceName"?} -> seed, otpauth URI, QR PNG
 *                                               (replaces this console's never-enabled device
 *                                               of that name: starting the wizard over)
 *   POST   /_practice/root/mfa/enable           {"serialNumber","code1","code2"} (up to 8 devices)
 *   POST   /_practice/root/mfa/resync           {"serialNumber","code1","code2"}
 *   POST   /_practice/root/mfa/deactivate       {"serialNumber"}  (deactivates and removes it)
 *   POST   /_practice/root/mfa/delete           {"serialNumber"}  (a device never enabled)
 *   POST   /_practice/root/access-keys          create a root access key (the secret is shown once)
 *   DELETE /_practice/root/access-keys/KEYID
 */

/** What the root console asks an unsigned request to sign in to; Cairn knows its practice service by it. */
export const ROOT_CONSOLE_REALM = 'Basic realm="Cairn practice root console"'

/** Practice contact details: the account has no real phone number. */
const PRACTICE_PHONE = '+1 555 0100'

export interface RootConsoleRuntime {
  state: PracticeState
  /** The service's clock: MFA checks and the Date header of every reply. */
  clock: () => Date
  /** After a change: persist it and let the key directory see new or deleted keys. */
  changed: () => void
}

function json(res: ServerResponse, status: number, value: unknown, now: Date, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(value)
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...dateHeader(now),
    ...extra
  })
  res.end(text)
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function isRootConsoleAuthorized(req: IncomingMessage, state: PracticeState): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  if (!match) return false
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return false
  const user = decoded.slice(0, colon)
  const password = decoded.slice(colon + 1)
  const key = state.root.accessKeys.find((k) => k.accessKeyId === user && k.status === 'Active')
  if (key) return sameText(key.secretAccessKey, password)
  const rootPassword = state.root.consolePassword
  return user.toLowerCase() === state.root.email.toLowerCase() && rootPassword !== undefined && sameText(rootPassword, password)
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, 64 * 1024)
  if (body.length === 0) return {}
  try {
    const value: unknown = JSON.parse(body.toString('utf8'))
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // answered below
  }
  throw new AwsError('MalformedInput', 'The request body must be a JSON object.', 400)
}

function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value.length === 0) throw new AwsError('ValidationError', `"${name}" must be a non-empty string.`, 400)
  return value
}

function rootView(state: PracticeState) {
  return {
    arn: state.root.arn,
    mfa: rootMfaView(state),
    accessKeys: state.root.accessKeys.map((k) => ({ accessKeyId: k.accessKeyId, status: k.status, createDate: k.createDate }))
  }
}

function accountView(state: PracticeState) {
  return {
    accountId: state.accountId,
    email: state.root.email,
    phone: PRACTICE_PHONE,
    billingAccessForIamUsers: state.console.iamUserAccessToBilling
  }
}

async function route(req: IncomingMessage, path: string, runtime: RootConsoleRuntime): Promise<[number, unknown]> {
  const { state } = runtime
  const now = runtime.clock()
  const method = req.method ?? 'GET'
  const key = `${method} ${path}`

  if (key === 'GET /_practice/account') return [200, accountView(state)]
  if (key === 'PUT /_practice/account/billing-access' || key === 'POST /_practice/account/billing-access') {
    const enabled = (await jsonBody(req))['enabled']
    if (typeof enabled !== 'boolean') throw new AwsError('ValidationError', '"enabled" must be true or false.', 400)
    state.console.iamUserAccessToBilling = enabled
    runtime.changed()
    return [200, accountView(state)]
  }
  if (key === 'GET /_practice/root') return [200, rootView(state)]

  if (key === 'POST /_practice/root/mfa') {
    const deviceName = (await jsonBody(req))['deviceName']
    const created = await createRootDevice(state, typeof deviceName === 'string' ? deviceName : undefined, now)
    runtime.changed()
    return [201, created]
  }
  const mfaStep = /^POST \/_practice\/root\/mfa\/(enable|resync|deactivate|delete)$/.exec(key)?.[1]
  if (mfaStep) {
    const body = await jsonBody(req)
    const serialNumber = stringField(body, 'serialNumber')
    const codes = () => ({ code1: stringField(body, 'code1'), code2: stringField(body, 'code2') })
    if (mfaStep === 'enable') enableRootDevice(state, serialNumber, codes(), now)
    else if (mfaStep === 'resync') resyncRootDevice(state, serialNumber, codes(), now)
    else if (mfaStep === 'deactivate') removeRootDevice(state, serialNumber)
    else deleteUnassignedRootDevice(state, serialNumber)
    runtime.changed()
    return [200, rootView(state)]
  }
  if (key === 'POST /_practice/root/access-keys') {
    if (state.root.accessKeys.length >= quotas.AccessKeysPerUser) {
      throw awsErrors.limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${quotas.AccessKeysPerUser}`)
    }
    const created = {
      accessKeyId: newAccessKeyId('AKIA'),
      secretAccessKey: newSecretAccessKey(),
      status: 'Active' as const,
      createDate: now.toISOString(),
      lastUsed: null
    }
    state.root.accessKeys.push(created)
    runtime.changed()
    return [201, { accessKeyId: created.accessKeyId, secretAccessKey: created.secretAccessKey, status: created.status, createDate: created.createDate }]
  }
  const deleteKey = /^DELETE \/_practice\/root\/access-keys\/([A-Z0-9]+)$/.exec(key)
  if (deleteKey) {
    const index = state.root.accessKeys.findIndex((k) => k.accessKeyId === deleteKey[1])
    if (index < 0) throw awsErrors.noSuchEntity(`The Access Key with id ${deleteKey[1]} cannot be found.`)
    state.root.accessKeys.splice(index, 1)
    runtime.changed()
    return [200, rootView(state)]
  }
  throw new AwsError('NotFound', `No practice console endpoint ${method} ${path}.`, 404)
}

export async function handleRootConsole(req: IncomingMessage, res: ServerResponse, path: string, runtime: RootConsoleRuntime): Promise<void> {
  if (!isRootConsoleAuthorized(req, runtime.state)) {
    req.resume()
    const message = "Sign in as root: HTTP Basic with a root access key (id:secret) or root's email and console password."
    json(res, 401, { error: { code: 'Unauthorized', message } }, runtime.clock(), { 'WWW-Authenticate': ROOT_CONSOLE_REALM })
    return
  }
  try {
    const [status, value] = await route(req, path, runtime)
    json(res, status, value, runtime.clock())
  } catch (error) {
    if (!(error instanceof AwsError)) throw error
    json(res, error.status, { error: { code: error.code, message: error.message } }, runtime.clock())
  }
}
