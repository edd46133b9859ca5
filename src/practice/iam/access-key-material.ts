import { randomInt } from 'node:crypto'

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** A source of uniform numbers in [0, 1); seeded in tests, crypto-strong otherwise. */
export type RandomSource = () => number

export const cryptoRandom: RandomSource = () => randomInt(0, 2 ** 48 - 1) / 2 ** 48

function pick(alphabet: string, length: number, random: RandomSource): string {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)]
  return out
}

/** AKIA (long-term) or ASIA (temporary) followed by 16 uppercase letters and digits. */
export function newAccessKeyId(prefix: 'AKIA' | 'ASIA', random: RandomSource = cryptoRandom): string {
  return prefix + pick(UPPER_ALNUM, 16, random)
}

/** 40 characters of [A-Za-z0-9+/], like AWS's secret access keys. */
export function newSecretAccessKey(random: RandomSource = cryptoRandom): string {
  return pick(SECRET_ALPHABET, 40, random)
}

export function newAccountId(random: RandomSource = cryptoRandom): string {
  // No leading zero, so the id survives any tool that reads it as a number.
  return String(1 + Math.floor(random() * 9)) + pick('0123456789', 11, random)
}
