/**
 * A pattern as IAM matches it: literal characters, `*` (any run) and `?` (any one
 * character). Values substituted from policy variables are literal even when they
 * contain * or ?, so patterns are token lists rather than strings.
 */
export type PatternToken = { literal: string } | { any: 'run' | 'one' }

export function tokensOf(pattern: string): PatternToken[] {
  return [...pattern].map((ch) => (ch === '*' ? { any: 'run' } : ch === '?' ? { any: 'one' } : { literal: ch }))
}

export function literalTokens(text: string): PatternToken[] {
  return [...text].map((ch) => ({ literal: ch }))
}

/** Greedy matching with backtracking to the last `*`: linear in practice, no regex compilation. */
export function tokensMatch(pattern: readonly PatternToken[], text: string, ignoreCase = false): boolean {
  const chars = [...(ignoreCase ? text.toLowerCase() : text)]
  const same = (token: { literal: string }, ch: string): boolean => (ignoreCase ? token.literal.toLowerCase() : token.literal) === ch
  let p = 0
  let t = 0
  let starAt = -1
  let starText = 0
  while (t < chars.length) {
    const token = pattern[p]
    if (token && 'any' in token && token.any === 'run') {
      starAt = p++
      starText = t
    } else if (token && ('any' in token || same(token, chars[t]!))) {
      p++
      t++
    } else if (starAt >= 0) {
      p = starAt + 1
      t = ++starText
    } else {
      return false
    }
  }
  while (p < pattern.length) {
    const token = pattern[p]!
    if (!('any' in token && token.any === 'run')) return false
    p++
  }
  return true
}

/** The same matching on plain strings, without allocating: policies like ReadOnlyAccess list thousands of actions. */
export function wildcardMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const pat = ignoreCase ? pattern.toLowerCase() : pattern
  const str = ignoreCase ? text.toLowerCase() : text
  if (!pat.includes('*') && !pat.includes('?')) return pat === str
  let p = 0
  let t = 0
  let starAt = -1
  let starText = 0
  while (t < str.length) {
    const ch = pat[p]
    if (ch === '*') {
      starAt = p++
      starText = t
    } else if (ch !== undefined && (ch === '?' || ch === str[t])) {
      p++
      t++
    } else if (starAt >= 0) {
      p = starAt + 1
      t = ++starText
    } else {
      return false
    }
  }
  while (pat[p] === '*') p++
  return p === pat.length
}

function splitTokens(tokens: readonly PatternToken[], max: number): PatternToken[][] {
  const parts: PatternToken[][] = [[]]
  for (const token of tokens) {
    if ('literal' in token && token.literal === ':' && parts.length < max) parts.push([])
    else parts[parts.length - 1]!.push(token)
  }
  return parts
}

/**
 * ARN matching as in Resource elements and ArnLike: each of the six colon-separated
 * parts is matched on its own, so a wildcard in the account part cannot swallow the
 * resource. The resource part (and the account) compare case-sensitively.
 */
export function arnTokensMatch(pattern: readonly PatternToken[], arn: string): boolean {
  const patternParts = splitTokens(pattern, 6)
  const arnParts = arn.split(':')
  if (patternParts.length < 6 || arnParts.length < 6) return tokensMatch(pattern, arn)
  const arnSix = [...arnParts.slice(0, 5), arnParts.slice(5).join(':')]
  return patternParts.every((part, i) => tokensMatch(part, arnSix[i]!, i < 4))
}

export function arnMatch(pattern: string, arn: string): boolean {
  return pattern === '*' || arnTokensMatch(tokensOf(pattern), arn)
}
