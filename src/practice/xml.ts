import { XmlMap, type XmlValue } from './action'
import type { AwsError } from './errors'

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/'
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#xD;' }

// XML 1.0 cannot carry these even as character references, so an echoed bad input must not
// make the whole response unparseable for the SDK.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNREPRESENTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

export function escapeXml(text: string): string {
  return text.replace(UNREPRESENTABLE, '\uFFFD').replace(/[&<>"'\r]/g, (c) => ESCAPES[c] ?? c)
}

/** AWS writes timestamps without milliseconds: 2012-09-21T23:03:39Z. */
export function awsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function serializeValue(value: XmlValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return escapeXml(value)
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (value instanceof Date) return awsTimestamp(value)
  if (value instanceof XmlMap) {
    let out = ''
    for (const [key, entry] of value.entries) {
      out += `<entry><key>${escapeXml(key)}</key><value>${serializeValue(entry)}</value></entry>`
    }
    return out
  }
  if (Array.isArray(value)) {
    let out = ''
    for (const item of value) out += `<member>${serializeValue(item)}</member>`
    return out
  }
  let out = ''
  for (const [name, child] of Object.entries(value)) {
    if (child === null || child === undefined) continue
    out += `<${name}>${serializeValue(child)}</${name}>`
  }
  return out
}

/** `<{action}Response>` with an optional `<{action}Result>` and the RequestId AWS always sends. */
export function successXml(action: string, namespace: string, result: XmlValue, requestId: string): string {
  const body = result === undefined || result === null ? '' : `<${action}Result>${serializeValue(result)}</${action}Result>`
  return (
    `<${action}Response xmlns="${namespace}">${body}` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  )
}

export function errorXml(error: AwsError, namespace: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${error.type}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  )
}
