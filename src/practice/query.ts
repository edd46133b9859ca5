import type { IncomingMessage } from 'node:http'
import type { QueryParams } from './action'
import { AwsError } from './errors'

/** Far above anything IAM accepts (a policy document is at most 131,072 characters, percent-encoded ~3x). */
export const MAX_BODY_BYTES = 1024 * 1024
const MAX_PARAMETERS = 10_000

export const bodyTooLarge = (limit: number) => new AwsError('RequestEntityTooLarge', `Request body must not exceed ${limit} bytes.`, 413)

// AWS's common-errors table lists MalformedQueryString with HTTP 404; we keep AWS's status.
const malformed = (detail: string) => new AwsError('MalformedQueryString', `The query string contains a syntax error: ${detail}`, 404)

function decodeComponent(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '))
  } catch {
    throw malformed(`invalid percent-encoding in '${raw.slice(0, 64)}'`)
  }
}

/** Parses application/x-www-form-urlencoded text. Keys are kept exactly (X.member.N stays flat). */
export function parseFormEncoded(text: string): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>
  if (text.length === 0) return params
  let count = 0
  for (const pair of text.split('&')) {
    if (pair.length === 0) continue
    if (++count > MAX_PARAMETERS) throw malformed(`more than ${MAX_PARAMETERS} parameters`)
    const eq = pair.indexOf('=')
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq))
    const value = eq === -1 ? '' : decodeComponent(pair.slice(eq + 1))
    if (key.length === 0) throw malformed('empty parameter name')
    params[key] = value
  }
  return params
}

/**
 * The request's parameters: the URL query merged with a form body. A body of any other
 * content type carries no parameters, as on AWS.
 */
export function requestParams(search: string, body: Buffer, contentType: string | undefined): QueryParams {
  const fromUrl = parseFormEncoded(search.startsWith('?') ? search.slice(1) : search)
  const isForm = contentType === undefined || contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')
  if (!isForm || body.length === 0) return fromUrl
  const text = body.toString('utf8')
  if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(body)) throw malformed('the body is not valid UTF-8')
  return Object.assign(fromUrl, parseFormEncoded(text))
}

/** X.member.1, X.member.2, ... in index order; stops at the first gap like AWS. */
export function memberList(params: QueryParams, name: string): string[] {
  const values: string[] = []
  for (let i = 1; ; i++) {
    const value = params[`${name}.member.${i}`]
    if (value === undefined) return values
    values.push(value)
  }
}

/**
 * Reads a request body up to `limit` bytes. Past the limit it stops buffering and drains what
 * the client is still sending (so the client can read our 413 instead of a reset connection).
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      reject(bodyTooLarge(limit))
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return
      size += chunk.length
      if (size > limit) {
        tooLarge = true
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => (tooLarge ? reject(bodyTooLarge(limit)) : resolve(Buffer.concat(chunks, size))))
    req.on('error', reject)
  })
}
