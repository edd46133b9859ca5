/**
 * Removes anything shaped like an AWS credential before text reaches a log or an error
 * report: access key ids, 40-character secrets, session and sign-in tokens, TOTP seeds, the
 * value of any field named like a password, secret or token, and Authorization headers. Text
 * that was percent-encoded (a URL, a form body) is checked as it reads once decoded too.
 *
 * What it cannot see: a secret glued to other base64 characters (`…/SECRET/…`) has no shape
 * to find, and a password outside a named field looks like any other word. Code keeps those out
 * of messages in the first place; this is the net under it.
 *
 * Every pattern is linear in the input: each starts only where a run of its characters
 * starts (a lookbehind), so a megabyte of log text costs a few milliseconds.
 */

const REDACTED = '…redacted…'

// A value: quoted (also \"…\" inside a JSON string), or bare up to white space or the next &name=.
const quoted = String.raw`\\"(?:(?!\\")[^\n])*\\"|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`
const bareToNextParameter = String.raw`(?:(?!&[\w.-]+=)\S)+`
const operator = String.raw`(\\?["']?[ \t]*)([:=])([ \t]*)`

/** A field whose value is secret whatever it looks like: password=…, "SecretAccessKey": "…". */
const secretField = new RegExp(
  String.raw`(?<![\w-])([\w-]*(?:password|passwd|secret|token|secret_?access_?key|session_?key|string_?seed))${operator}(${quoted}|${bareToNextParameter})?`,
  'gi'
)

/** Credentials carried in HTTP headers: `Authorization: AWS4-HMAC-SHA256 …` up to the line's end. */
const credentialHeader = new RegExp(
  String.raw`(?<![\w-])((?:proxy-)?authorization|x-amz-security-token|(?:set-)?cookie)${operator}(${quoted}|(?<==[ \t]*)${bareToNextParameter}|(?<=:[ \t]*)[^\r\n]+)?`,
  'gi'
)

function redactValue(value: string): string {
  if (value.startsWith('\\"')) return `\\"${REDACTED}\\"`
  if (value.startsWith('"') || value.startsWith("'")) return `${value[0]}${REDACTED}${value[0]}`
  return REDACTED
}

const shapes: ReadonlyArray<readonly [RegExp, string]> = [
  // Session tokens, sign-in tokens, encoded blobs: 100+ base64 or base64url characters.
  [/(?<![A-Za-z0-9/+=_-])[A-Za-z0-9/+=_-]{100,}/g, '…redacted-token…'],
  // Access key ids (long-term AKIA, temporary ASIA, …): the prefix stays, it says which kind.
  [/(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16,124}/g, '$1…redacted'],
  // Secret access keys: exactly 40 base64 characters.
  [/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g, '…redacted-secret…'],
  // TOTP seeds: 16+ base32 characters, run together or in the groups of four apps show.
  [/(?<![A-Z2-7])[A-Z2-7]{16,}(?![A-Z2-7])/g, '…redacted-seed…'],
  [/(?<![A-Z2-7])(?:[A-Z2-7]{4} ){3,}[A-Z2-7]{1,4}(?![A-Z2-7])/g, '…redacted-seed…']
]

/** A stretch of URL or form text holding at least one %XX escape. */
const percentEncoded = /(?<![^\s"'<>])[^\s"'<>]*%[0-9A-Fa-f]{2}[^\s"'<>]*/g

function decodePercent(text: string): string {
  // Escape by escape, so one stray % (a password has them) does not stop the rest decoding.
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes)
    } catch {
      return escapes
    }
  })
}

function redactPlain(text: string): string {
  let result = text
    .replace(secretField, (match: string, name: string, quote: string, operator: string, space: string, value: string | undefined) => {
      if (value === undefined) return match
      // "Password: copied to the clipboard" is prose; `password: 'x'` and "password": "x" are data.
      if (operator === ':' && !/^\\?["']/.test(value)) return match
      return `${name}${quote}${operator}${space}${redactValue(value)}`
    })
    .replace(credentialHeader, (match: string, name: string, quote: string, operator: string, space: string, value: string | undefined) =>
      value === undefined ? match : `${name}${quote}${operator}${space}${redactValue(value)}`
    )
  for (const [pattern, replacement] of shapes) result = result.replace(pattern, replacement)
  return result
}

function redactAt(text: string, depth: number): string {
  const plain = redactPlain(text)
  if (depth >= 2 || !plain.includes('%')) return plain
  // A URL inside a URL is encoded twice; two levels cover Cairn's federation sign-in links.
  return plain.replace(percentEncoded, (encoded) => {
    const decoded = decodePercent(encoded)
    const redacted = redactAt(decoded, depth + 1)
    // Decoded text could hold line breaks; they would forge log lines.
    return redacted === decoded ? encoded : redacted.replace(/[\u0000-\u001f\u007f]/g, '?') // eslint-disable-line no-control-regex
  })
}

export function redact(text: string): string {
  return redactAt(text, 0)
}

export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string, error?: unknown): void
}

const MAX_CAUSES = 5

/** What an AWS SDK error adds that helps a bug report: the HTTP status and request id. */
function awsDetails(error: Error): string {
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown; requestId?: unknown } }).$metadata
  if (typeof metadata !== 'object' || metadata === null) return ''
  const parts = [
    typeof metadata.httpStatusCode === 'number' ? `HTTP ${metadata.httpStatusCode}` : null,
    typeof metadata.requestId === 'string' ? `request id ${metadata.requestId}` : null
  ].filter((part) => part !== null)
  return parts.length > 0 ? ` (${parts.join(', ')})` : ''
}

/** Name, message and cause chain only: an error's other fields can hold a whole request. */
function describe(error: unknown, depth = 0): string {
  try {
    if (error instanceof Error) {
      const cause = error.cause !== undefined && depth < MAX_CAUSES ? `; caused by ${describe(error.cause, depth + 1)}` : ''
      return `${error.name}: ${error.message}${awsDetails(error)}${cause}`
    }
    if (typeof error === 'object' && error !== null) {
      const message = (error as { message?: unknown }).message
      return typeof message === 'string' ? message : Object.prototype.toString.call(error)
    }
    return String(error)
  } catch {
    return '(an error Cairn could not describe)'
  }
}

export function createLogger(write: (line: string) => void): Logger {
  const line = (level: string, message: string) => write(redact(`${new Date().toISOString()} ${level} ${message}`))
  return {
    info: (message) => line('info', message),
    warn: (message) => line('warn', message),
    error: (message, error) => line('error', error === undefined ? message : `${message}: ${describe(error)}`)
  }
}
