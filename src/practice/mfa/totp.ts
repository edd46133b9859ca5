import { randomBytes } from 'node:crypto'
import { authenticator } from 'otplib'
import QRCode from 'qrcode'

/** RFC 6238 as authenticator apps and AWS use it: SHA-1, 30-second steps, 6 digits. */
export const TOTP_STEP_MS = 30_000

const base32Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function base32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += base32Alphabet[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += base32Alphabet[(value << (5 - bits)) & 31]
  return out
}

/** 40 random bytes: the 64-character Base32StringSeed AWS returns from CreateVirtualMFADevice. */
export function generateBase32Seed(): string {
  return base32(randomBytes(40))
}

export function stepAt(epochMs: number): number {
  return Math.floor(epochMs / TOTP_STEP_MS)
}

/** The code for the step containing epochMs. A clone per call: no shared otplib options. */
export function totpAt(seedBase32: string, epochMs: number): string {
  return authenticator.clone({ epoch: epochMs, step: TOTP_STEP_MS / 1000, digits: 6 }).generate(seedBase32)
}

function codeForStep(seedBase32: string, step: number): string {
  return totpAt(seedBase32, step * TOTP_STEP_MS)
}

const sixDigits = /^\d{6}$/

/** The step, within `window` steps either side of now, whose code is `code`; undefined if none. */
export function findCodeStep(seedBase32: string, code: string, nowMs: number, window = 1): number | undefined {
  if (!sixDigits.test(code)) return undefined
  const now = stepAt(nowMs)
  // Nearest steps first, so a code valid at two steps (vanishingly rare) resolves to now.
  for (let distance = 0; distance <= window; distance++) {
    for (const step of distance === 0 ? [now] : [now - distance, now + distance]) {
      if (codeForStep(seedBase32, step) === code) return step
    }
  }
  return undefined
}

export function verifyCode(seedBase32: string, code: string, nowMs: number, window = 1): boolean {
  return findCodeStep(seedBase32, code, nowMs, window) !== undefined
}

export type ConsecutiveCodesResult = { ok: true; step: number } | { ok: false; reason: 'same-code' | 'not-consecutive' | 'not-valid' }

/**
 * EnableMFADevice's check: code2 is valid within `window` steps of now and code1 is the
 * code of the step just before it. `step` is code2's step: remember it to refuse
 * replays of codes at or before it.
 */
export function verifyConsecutiveCodes(seedBase32: string, code1: string, code2: string, nowMs: number, window = 1): ConsecutiveCodesResult {
  if (!sixDigits.test(code1) || !sixDigits.test(code2)) return { ok: false, reason: 'not-valid' }
  if (code1 === code2) return { ok: false, reason: 'same-code' }
  const now = stepAt(nowMs)
  for (let step = now - window; step <= now + window; step++) {
    if (codeForStep(seedBase32, step) === code2 && codeForStep(seedBase32, step - 1) === code1) {
      return { ok: true, step }
    }
  }
  // Both codes belong to the seed near now, but not as a pair in order.
  const wider = window + 1
  const bothValid = findCodeStep(seedBase32, code1, nowMs, wider) !== undefined && findCodeStep(seedBase32, code2, nowMs, wider) !== undefined
  return { ok: false, reason: bothValid ? 'not-consecutive' : 'not-valid' }
}

function encodeLabel(label: string): string {
  // '@' and ':' are legal in a URI path and authenticator apps show them as typed.
  return encodeURIComponent(label).replace(/%40/g, '@').replace(/%3A/gi, ':')
}

/**
 * The Key URI authenticator apps read. AWS's own QR code for CreateVirtualMFADevice
 * encodes otpauth://totp/NAME@ACCOUNT?secret=BASE32 with no issuer: pass `issuer: null`.
 */
export function otpauthUri(label: string, seedBase32: string, issuer: string | null = 'AWS'): string {
  const uri = `otpauth://totp/${encodeLabel(label)}?secret=${seedBase32}`
  return issuer ? `${uri}&issuer=${encodeURIComponent(issuer)}` : uri
}

export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4 })
}
