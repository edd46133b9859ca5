/**
 * Every secret a run produced, by kind, and the byte patterns each could sit on disk as: the
 * text itself, percent-encoded, hex, and base64/base64url at each of the three byte alignments
 * it can have inside a longer encoded blob. MFA seeds also as the grouped key apps show and as
 * the raw key bytes they encode.
 */

export const secretKinds = [
  'access key secret',
  'session secret',
  'session token',
  'console password',
  'practice root password',
  'MFA seed',
  'sign-in token'
] as const

export type SecretKind = (typeof secretKinds)[number]

export interface Needle {
  kind: SecretKind
  encoding: string
  bytes: Buffer
}

/** Shorter patterns could turn up by chance in a few megabytes; every secret here is far longer. */
const MIN_NEEDLE_BYTES = 12

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function base32Bytes(seed: string): Buffer {
  const bytes: number[] = []
  let value = 0
  let bits = 0
  for (const char of seed) {
    value = (value << 5) | base32Alphabet.indexOf(char)
    bits += 5
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  return Buffer.from(bytes)
}

/**
 * The part of base64(prefix + secret) that only the secret decides, for a prefix of 0-2
 * bytes: what must appear wherever the secret was base64-encoded inside a longer value.
 */
function base64Cores(secret: Buffer): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), secret])
      .toString('base64')
      .replace(/=+$/, '')
    return encoded.slice(offset === 0 ? 0 : 4, -4)
  })
}

function encodingsOf(kind: SecretKind, secret: string): Array<[string, Buffer]> {
  const text = Buffer.from(secret, 'utf8')
  const forms: Array<[string, Buffer]> = [
    ['text', text],
    ['percent-encoded', Buffer.from(encodeURIComponent(secret))],
    ['form-encoded', Buffer.from(encodeURIComponent(secret).replace(/%20/g, '+'))],
    ['JSON string', Buffer.from(JSON.stringify(secret).slice(1, -1))],
    ['hex', Buffer.from(text.toString('hex'))],
    ['HEX', Buffer.from(text.toString('hex').toUpperCase())],
    ...base64Cores(text).flatMap((core, offset): Array<[string, Buffer]> => [
      [`base64 (+${offset})`, Buffer.from(core)],
      [`base64url (+${offset})`, Buffer.from(core.replace(/\+/g, '-').replace(/\//g, '_'))]
    ])
  ]
  if (kind === 'MFA seed') {
    forms.push(['grouped', Buffer.from(secret.match(/.{1,4}/g)!.join(' '))], ['key bytes', base32Bytes(secret)])
    forms.push(['lower case', Buffer.from(secret.toLowerCase())])
  }
  return forms
}

export class SecretLedger {
  private readonly byValue = new Map<string, SecretKind>()

  add(kind: SecretKind, value: string | null | undefined): void {
    if (typeof value !== 'string' || value === '') return
    if (Buffer.byteLength(value) < MIN_NEEDLE_BYTES) throw new Error(`a ${kind} of ${value.length} characters is too short to scan for without chance matches`)
    if (!this.byValue.has(value)) this.byValue.set(value, kind)
  }

  get size(): number {
    return this.byValue.size
  }

  values(): string[] {
    return [...this.byValue.keys()]
  }

  countByKind(): Record<SecretKind, number> {
    const counts = Object.fromEntries(secretKinds.map((kind) => [kind, 0])) as Record<SecretKind, number>
    for (const kind of this.byValue.values()) counts[kind] += 1
    return counts
  }

  /** One pattern per secret and encoding; identical patterns (text = percent-encoded, …) once. */
  needles(): Needle[] {
    const needles: Needle[] = []
    for (const [value, kind] of this.byValue) {
      const seen = new Set<string>()
      for (const [encoding, bytes] of encodingsOf(kind, value)) {
        const key = bytes.toString('latin1')
        if (bytes.length < MIN_NEEDLE_BYTES || seen.has(key)) continue
        seen.add(key)
        needles.push({ kind, encoding, bytes })
      }
    }
    return needles
  }
}
