import { randomInt } from 'node:crypto'
import type { PasswordPolicy } from '@aws-sdk/client-iam'

/** Every symbol IAM's password policy counts as one. */
export const awsPasswordSymbols = "!@#$%^&*()_+-=[]{}|'"

// Characters that read alike (I l 1 | O 0 o) or that a shell or font mangles (') are left
// out: no policy requires any one of them, and people copy these passwords by eye.
export const passwordAlphabet = {
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  lower: 'abcdefghijkmnpqrstuvwxyz',
  digits: '23456789',
  symbols: '!@#$%^&*()_+-=[]{}'
} as const

/** Uniform integer in [0, max): crypto.randomInt by default, which rejects rather than biases. */
export type RandomInt = (max: number) => number

const MIN_LENGTH = 20
const MAX_LENGTH = 128

function pick(characters: string, random: RandomInt): string {
  return characters[random(characters.length)] ?? ''
}

/**
 * A console password for a new user. It meets the account's policy, or AWS's default when
 * there is none (8 characters, 3 of the 4 kinds), by always having all four kinds and at
 * least 20 characters — nobody types it from memory; it lives in the keychain.
 */
export function generatePassword(policy: PasswordPolicy | null, random: RandomInt = randomInt): string {
  const length = Math.min(MAX_LENGTH, Math.max(MIN_LENGTH, policy?.MinimumPasswordLength ?? 0))
  const kinds = Object.values(passwordAlphabet)
  const everything = kinds.join('')
  const characters = kinds.map((kind) => pick(kind, random))
  while (characters.length < length) characters.push(pick(everything, random))
  // Fisher-Yates, so the one-of-each characters are not always the first four.
  for (let i = characters.length - 1; i > 0; i--) {
    const j = random(i + 1)
    const swap = characters[i] ?? ''
    characters[i] = characters[j] ?? ''
    characters[j] = swap
  }
  return characters.join('')
}
