import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ActionRegistry, Caller, QueryParams } from './action'
import { createActionContext } from './action-context'
import { authorizeIamCall } from './authorize-caller'
import { AwsError } from './errors'
import type { FaultPlan } from './faults'
import { dateHeader } from './http-date'
import { identifyCaller, type ApiService, type KeyDirectory } from './identify-caller'
import type { StateStore } from './persistence'
import { readBody, requestParams } from './query'
import { parseSignatureClaim, scopeService, signatureMismatch, verifySignature } from './sigv4'
import type { PracticeState } from './state'
import { authorizeStsCall } from './sts'
import { errorXml, IAM_NAMESPACE, STS_NAMESPACE, successXml } from './xml'

export interface QueryService {
  name: ApiService
  version: string
  namespace: string
  actions: ActionRegistry
}

/** Everything the AWS API routes share with the rest of the server. */
export interface ApiRuntime {
  state: PracticeState
  store: StateStore
  keys: KeyDirectory
  clock: () => Date
  faults: () => FaultPlan
  consistencyDelayMs: () => number
  services: Record<ApiService, QueryService>
  /** False only for the benchmark's baseline: callers are still resolved from the key id. */
  verifySignatures: boolean
  /** Mutating actions run one at a time, so a handler that awaits never interleaves with another. */
  exclusive: <T>(work: () => Promise<T>) => Promise<T>
  onUnexpectedError: (error: unknown) => void
}

export function createServices(iam: ActionRegistry, sts: ActionRegistry): Record<ApiService, QueryService> {
  return {
    iam: { name: 'iam', version: '2010-05-08', namespace: IAM_NAMESPACE, actions: iam },
    sts: { name: 'sts', version: '2011-06-15', namespace: STS_NAMESPACE, actions: sts }
  }
}

export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work)
    tail = run.catch(() => undefined)
    return run
  }
}

function send(res: ServerResponse, status: number, body: string, requestId: string, now: Date, close = false): void {
  res.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': Buffer.byteLength(body),
    'x-amzn-RequestId': requestId,
    ...dateHeader(now),
    ...(close ? { Connection: 'close' } : {})
  })
  res.end(body)
}

/** Which service a request is for: the SigV4 scope says so; unsigned requests are told apart by Version. */
function serviceFor(req: IncomingMessage, search: string, params: QueryParams | null): ApiService {
  const scoped = scopeService(req.headers, search)
  if (scoped === 'iam' || scoped === 'sts') return scoped
  return params?.['Version'] === '2011-06-15' ? 'sts' : 'iam'
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

function recordKeyUse(
  runtime: ApiRuntime,
  key: { lastUsed: { date: string; region: string; service: string } | null },
  now: Date,
  region: string,
  service: ApiService
): void {
  const previous = key.lastUsed
  // Last-used is only as precise as AWS's own (it lags by hours); a minute keeps writes rare.
  if (previous && previous.service === service && now.getTime() - Date.parse(previous.date) < 60_000) return
  key.lastUsed = { date: now.toISOString(), region, service }
  runtime.store.markDirty()
}

/** POST / and GET /?… : the IAM and STS Query APIs. */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, path: string, search: string, runtime: ApiRuntime): Promise<void> {
  const requestId = randomUUID()
  let service = serviceFor(req, search, null)
  // After a refused body the client may still be sending; the connection cannot be reused.
  let closeConnection = false
  try {
    let body: Buffer
    try {
      body = await readBody(req)
    } catch (error) {
      closeConnection = true
      throw error
    }
    const params = requestParams(search, body, req.headers['content-type'])
    service = serviceFor(req, search, params)
    const api = runtime.services[service]
    const action = params['Action']
    if (action === undefined || action === '') throw new AwsError('MissingAction', 'Missing Action', 400)
    const version = params['Version'] || 'NO_VERSION_SPECIFIED'
    const spec = Object.hasOwn(api.actions, action) ? api.actions[action] : undefined
    if (!spec || version !== api.version) {
      throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`, 400)
    }

    const fault = runtime.faults().next(action)
    if (fault.delayMs > 0) await delay(fault.delayMs)

    const now = runtime.clock()
    const signed = { method: req.method ?? 'POST', path, search, headers: req.headers, body }
    const claim = parseSignatureClaim(signed, now)
    if (claim.service !== service) throw signatureMismatch(`Credential should be scoped to correct service: '${service}'. `)
    const identified = identifyCaller(runtime.state, runtime.keys, claim.accessKeyId, claim.securityToken, now, runtime.consistencyDelayMs(), service)
    if (runtime.verifySignatures) {
      await verifySignature(signed, claim, {
        accessKeyId: claim.accessKeyId,
        secretAccessKey: identified.secretAccessKey,
        ...(identified.sessionToken ? { sessionToken: identified.sessionToken } : {})
      })
    }
    if (identified.key) recordKeyUse(runtime, identified.key, now, claim.region, service)
    if (fault.error) throw fault.error

    const run = async () => {
      const result = await invoke(runtime, service, action, params, identified.caller, requestId)
      send(res, 200, successXml(action, api.namespace, result, requestId), requestId, runtime.clock())
    }
    await (spec.mutates ? runtime.exclusive(run) : run())
  } catch (error) {
    let awsError: AwsError
    if (error instanceof AwsError) awsError = error
    else {
      runtime.onUnexpectedError(error)
      awsError = new AwsError('ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500, 'Receiver')
    }
    if (!res.headersSent)
      send(res, awsError.status, errorXml(awsError, runtime.services[service].namespace, requestId), requestId, runtime.clock(), closeConnection)
    else res.destroy()
  }
}

async function invoke(runtime: ApiRuntime, service: ApiService, action: string, params: QueryParams, caller: Caller, requestId: string) {
  const spec = runtime.services[service].actions[action]!
  const now = runtime.clock()
  const ctx = createActionContext({
    state: runtime.state,
    caller,
    params,
    now,
    requestId,
    consistencyDelayMs: runtime.consistencyDelayMs(),
    markDirty: () => runtime.store.markDirty()
  })
  if (service === 'iam') authorizeIamCall(runtime.state, caller, action, spec.resource?.(ctx) ?? '*', now)
  else authorizeStsCall(caller, action)
  try {
    return await spec.handler(ctx)
  } finally {
    if (spec.mutates) {
      runtime.keys.invalidate()
      runtime.store.markDirty()
    }
  }
}
