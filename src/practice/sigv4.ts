import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { AwsError } from './errors'

/**
 * SigV4 verification: parse what the client claims (key, scope, signed headers), then let
 * @smithy/signature-v4 — the signer the JS SDK itself uses — recompute the signature over the
 * canonical form of the request exactly as it arrived, and compare.
 */

const ALGORITHM = 'AWS4-HMAC-SHA256'
const MAX_SKEW_MS = 15 * 60 * 1000
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

type SourceData = string | ArrayBuffer | ArrayBufferView

/** Node's native SHA-256/HMAC behind smithy's Checksum interface: several times faster than sha256-js. */
export class NodeSha256 {
  private hash: Hash | Hmac
  constructor(private readonly secret?: SourceData) {
    this.hash = this.create()
  }
  private create(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256')
    const secret = this.secret
    const key =
      typeof secret === 'string' ? secret : ArrayBuffer.isView(secret) ? Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength) : Buffer.from(secret)
    return createHmac('sha256', key)
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk)
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(this.hash.digest())
  }
  reset(): void {
    this.hash = this.create()
  }
}

export interface IncomingSignedRequest {
  method: string
  /** Raw path without the query, e.g. '/'. */
  path: string
  /** Raw query string without '?'. */
  search: string
  headers: IncomingHttpHeaders
  body: Buffer
}

export interface SignatureClaim {
  accessKeyId: string
  region: string
  service: string
  signedHeaders: string[]
  signature: string
  /** 20240101T120000Z as sent. */
  amzDate: string
  signingDate: Date
  securityToken: string | undefined
  /** Set for query-string (presigned) authentication. */
  expiresSeconds: number | null
}

const incomplete = (message: string) => new AwsError('IncompleteSignature', message, 400)
export const signatureMismatch = (
  message = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
) => new AwsError('SignatureDoesNotMatch', message, 403)
export const missingAuthentication = () => new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403)

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

function searchParam(search: string, name: string): string | undefined {
  if (!search.includes(name)) return undefined
  return new URLSearchParams(search).get(name) ?? undefined
}

/** The credential scope's service ('iam', 'sts', ...) without validating anything, for routing. */
export function scopeService(headers: IncomingHttpHeaders, search: string): string | undefined {
  const credential = /Credential=([^,\s]+)/.exec(header(headers, 'authorization') ?? '')?.[1] ?? searchParam(search, 'X-Amz-Credential')
  return credential?.split('/')[3]
}

function parseAmzDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!m) return null
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!))
  return Number.isNaN(date.getTime()) ? null : date
}

function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function parseCredential(credential: string): Pick<SignatureClaim, 'accessKeyId' | 'region' | 'service'> & { day: string } {
  const parts = credential.split('/')
  if (parts.length !== 5) {
    throw incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`)
  }
  const [accessKeyId, day, region, service, terminator] = parts as [string, string, string, string, string]
  if (terminator !== 'aws4_request') {
    throw signatureMismatch(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`)
  }
  if (!/^[a-z0-9-]+$/.test(region)) throw signatureMismatch(`Credential should be scoped to a valid region, not '${region}'.`)
  return { accessKeyId, day, region, service }
}

/** Reads the Authorization header (or presigned query parameters) and checks its structure and clock. */
export function parseSignatureClaim(request: IncomingSignedRequest, now: Date): SignatureClaim {
  const authorization = header(request.headers, 'authorization')
  const queryAlgorithm = authorization === undefined ? searchParam(request.search, 'X-Amz-Algorithm') : undefined
  let credential: string | undefined
  let signedHeaders: string | undefined
  let signature: string | undefined
  let amzDate: string | undefined
  let securityToken: string | undefined
  let expiresSeconds: number | null = null

  if (authorization !== undefined) {
    const algorithm = authorization.trim().split(/\s+/, 1)[0] ?? ''
    const fields = new Map<string, string>()
    for (const part of authorization.trim().slice(algorithm.length).split(',')) {
      const eq = part.indexOf('=')
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
    }
    credential = fields.get('Credential')
    signedHeaders = fields.get('SignedHeaders')
    signature = fields.get('Signature')
    amzDate = header(request.headers, 'x-amz-date')
    const httpDate = header(request.headers, 'date')
    if (amzDate === undefined && httpDate !== undefined) {
      const parsed = new Date(httpDate)
      if (!Number.isNaN(parsed.getTime())) amzDate = formatAmzDate(parsed)
    }
    securityToken = header(request.headers, 'x-amz-security-token')
    const missing: string[] = []
    if (algorithm !== ALGORITHM && fields.size > 0) {
      throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}'`)
    }
    if (!credential) missing.push("Authorization header requires 'Credential' parameter.")
    if (!signature) missing.push("Authorization header requires 'Signature' parameter.")
    if (!signedHeaders) missing.push("Authorization header requires 'SignedHeaders' parameter.")
    if (!amzDate) missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.")
    if (missing.length > 0) throw incomplete(`${missing.join(' ')} Authorization=${authorization}`)
  } else if (queryAlgorithm !== undefined) {
    const query = new URLSearchParams(request.search)
    if (queryAlgorithm !== ALGORITHM) throw incomplete(`Unsupported AWS 'algorithm': '${queryAlgorithm}'`)
    credential = query.get('X-Amz-Credential') ?? undefined
    signedHeaders = query.get('X-Amz-SignedHeaders') ?? undefined
    signature = query.get('X-Amz-Signature') ?? undefined
    amzDate = query.get('X-Amz-Date') ?? undefined
    securityToken = query.get('X-Amz-Security-Token') ?? undefined
    const expires = Number(query.get('X-Amz-Expires') ?? '900')
    const missing = ['X-Amz-Credential', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Date'].filter((name) => !query.get(name))
    if (missing.length > 0)
      throw incomplete(`AWS query-string parameters must include ${missing.map((m) => `'${m}'`).join(', ')}. Re-examine the query-string parameters.`)
    if (!Number.isInteger(expires) || expires < 1 || expires > 604800) throw incomplete('X-Amz-Expires must be an integer between 1 and 604800.')
    expiresSeconds = expires
  } else {
    throw missingAuthentication()
  }

  const scope = parseCredential(credential!)
  const signingDate = parseAmzDate(amzDate!)
  if (!signingDate) {
    throw incomplete(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`)
  }
  if (amzDate!.slice(0, 8) !== scope.day) {
    throw signatureMismatch(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.day}' != '${amzDate!.slice(0, 8)}', from '${amzDate}'.`
    )
  }
  const headerList = signedHeaders!.split(';')
  if (!headerList.includes('host')) throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")

  const nowText = formatAmzDate(now)
  if (expiresSeconds !== null) {
    if (now.getTime() > signingDate.getTime() + expiresSeconds * 1000) throw new AwsError('RequestExpired', 'Request has expired.', 400)
    if (signingDate.getTime() - now.getTime() > MAX_SKEW_MS) {
      throw signatureMismatch(
        `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now.getTime() + MAX_SKEW_MS))} (${nowText} + 15 min.)`
      )
    }
  } else if (now.getTime() - signingDate.getTime() > MAX_SKEW_MS) {
    throw signatureMismatch(`Signature expired: ${amzDate} is now earlier than ${formatAmzDate(new Date(now.getTime() - MAX_SKEW_MS))} (${nowText} - 15 min.)`)
  } else if (signingDate.getTime() - now.getTime() > MAX_SKEW_MS) {
    throw signatureMismatch(
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(new Date(now.getTime() + MAX_SKEW_MS))} (${nowText} + 15 min.)`
    )
  }

  return {
    accessKeyId: scope.accessKeyId,
    region: scope.region,
    service: scope.service,
    signedHeaders: headerList,
    signature: signature!,
    amzDate: amzDate!,
    signingDate,
    securityToken,
    expiresSeconds
  }
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {}
  if (search.length === 0) return query
  for (const [key, value] of new URLSearchParams(search)) {
    const existing = query[key]
    if (existing === undefined) query[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else query[key] = [existing, value]
  }
  return query
}

function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a), Buffer.from(b))
}

/** Recomputes the signature with the secret the service issued; throws SignatureDoesNotMatch when it differs. */
export async function verifySignature(
  request: IncomingSignedRequest,
  claim: SignatureClaim,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
): Promise<void> {
  const declaredHash = header(request.headers, 'x-amz-content-sha256')
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD') {
    const actual = request.body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(request.body).digest('hex')
    if (!sameHex(declaredHash, actual)) throw signatureMismatch()
  }

  const signed = new Set(claim.signedHeaders)
  const headers: Record<string, string> = {}
  for (const name of claim.signedHeaders) {
    const value = header(request.headers, name)
    if (value !== undefined) headers[name] = value
  }
  const query = parseQuery(request.search)
  const signer = new SignatureV4({
    service: claim.service,
    region: claim.region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      // Smithy adds the token itself when it is part of the signature; only pass it when the client sent it.
      ...(claim.securityToken !== undefined && credentials.sessionToken !== undefined ? { sessionToken: credentials.sessionToken } : {})
    },
    sha256: NodeSha256,
    applyChecksum: false,
    uriEscapePath: true
  })
  const hostHeader = headers['host'] ?? ''
  const base = {
    method: request.method,
    protocol: 'http:',
    hostname: hostHeader.replace(/:\d+$/, ''),
    path: request.path,
    headers,
    body: request.body.length === 0 ? undefined : request.body
  }

  let computed: string | undefined
  if (claim.expiresSeconds === null) {
    const result = await signer.sign(new HttpRequest({ ...base, query }), {
      signingDate: claim.signingDate,
      signingRegion: claim.region,
      signingService: claim.service,
      signableHeaders: signed
    })
    const authorization = result.headers['authorization'] ?? ''
    const computedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]
    if (computedHeaders !== claim.signedHeaders.join(';')) throw signatureMismatch()
    computed = /Signature=([0-9a-f]+)/.exec(authorization)?.[1]
  } else {
    for (const name of [
      'X-Amz-Algorithm',
      'X-Amz-Credential',
      'X-Amz-Date',
      'X-Amz-Expires',
      'X-Amz-SignedHeaders',
      'X-Amz-Signature',
      'X-Amz-Security-Token'
    ]) {
      delete query[name]
    }
    const result = await signer.presign(new HttpRequest({ ...base, query }), {
      signingDate: claim.signingDate,
      signingRegion: claim.region,
      signingService: claim.service,
      expiresIn: claim.expiresSeconds,
      signableHeaders: signed,
      unhoistableHeaders: new Set(Object.keys(headers))
    })
    const value = result.query?.['X-Amz-Signature']
    computed = typeof value === 'string' ? value : undefined
    if (result.query?.['X-Amz-SignedHeaders'] !== claim.signedHeaders.join(';')) throw signatureMismatch()
  }
  if (computed === undefined || !sameHex(computed, claim.signature)) throw signatureMismatch()
}
