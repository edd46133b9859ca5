/** The two consecutive codes an authenticator app shows, as typed into the two boxes. */
export interface Codes {
  code1: string
  code2: string
}

export type CodeProblems = Partial<Record<keyof Codes, string>>

export const noCodes: Codes = { code1: '', code2: '' }

const sixDigits = /^\d{6}$/

const digitsOf = (text: string) => text.replace(/\D/g, '')

/** What is wrong with the codes before anything is sent: nothing (an empty object), or a message per box. */
export function codeProblems(codes: Codes): CodeProblems {
  const problems: CodeProblems = {}
  if (!sixDigits.test(codes.code1)) problems.code1 = 'Enter the 6 digits your app shows now.'
  if (!sixDigits.test(codes.code2)) problems.code2 = 'Enter the 6 digits your app shows next.'
  return problems
}

export const hasProblems = (problems: CodeProblems): boolean => Boolean(problems.code1 || problems.code2)

/**
 * The boxes after text lands in one of them, and where focus goes next: six digits in the
 * first move on to the second, and more than six (both codes, typed on or pasted) fill both.
 */
export function typeCodes(codes: Codes, text: string, box: 1 | 2): { codes: Codes; focus: 'second' | 'after' | null } {
  const digits = digitsOf(text)
  if (box === 1 || digits.length > 6) {
    const next = box === 1 && digits.length <= 6 ? { code1: digits, code2: codes.code2 } : { code1: digits.slice(0, 6), code2: digits.slice(6, 12) }
    const focus = next.code2.length === 6 && digits.length > 6 ? 'after' : next.code1.length === 6 ? 'second' : null
    return { codes: next, focus }
  }
  return { codes: { code1: codes.code1, code2: digits.slice(0, 6) }, focus: digits.length === 6 ? 'after' : null }
}

/** A paste that holds both codes (twelve digits or more) fills both boxes; anything shorter pastes as usual. */
export const pastesBoth = (text: string): boolean => digitsOf(text).length >= 12
