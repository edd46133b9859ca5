import { describe, expect, it } from 'vitest'
import { arnMatch, literalTokens, tokensMatch, wildcardMatch } from '../../../src/practice/policy/wildcard'

describe('wildcardMatch', () => {
  it('matches literal text exactly', () => {
    expect(wildcardMatch('abc', 'abc')).toBe(true)
    expect(wildcardMatch('abc', 'abcd')).toBe(false)
    expect(wildcardMatch('', '')).toBe(true)
  })

  it('lets * match any run, including none', () => {
    expect(wildcardMatch('*', '')).toBe(true)
    expect(wildcardMatch('a*c', 'ac')).toBe(true)
    expect(wildcardMatch('a*c', 'abbbc')).toBe(true)
    expect(wildcardMatch('a*c*e', 'abcdce')).toBe(true)
    expect(wildcardMatch('a*c', 'abcd')).toBe(false)
    expect(wildcardMatch('**b', 'ab')).toBe(true)
  })

  it('lets ? match exactly one character', () => {
    expect(wildcardMatch('a?c', 'abc')).toBe(true)
    expect(wildcardMatch('a?c', 'ac')).toBe(false)
    expect(wildcardMatch('a?', 'a')).toBe(false)
  })

  it('ignores case only when asked', () => {
    expect(wildcardMatch('IAM:Get*', 'iam:getuser')).toBe(false)
    expect(wildcardMatch('IAM:Get*', 'iam:getuser', true)).toBe(true)
  })

  it('backtracks without blowing up on long inputs', () => {
    const text = 'a'.repeat(5000) + 'b'
    expect(wildcardMatch('*a*a*a*a*c', text)).toBe(false)
    expect(wildcardMatch('*a*a*a*a*b', text)).toBe(true)
  })

  it('treats literal tokens as text even when they are * or ?', () => {
    expect(tokensMatch(literalTokens('a*'), 'a*')).toBe(true)
    expect(tokensMatch(literalTokens('a*'), 'ab')).toBe(false)
  })
})

describe('arnMatch', () => {
  it('matches the six ARN parts separately', () => {
    expect(arnMatch('arn:aws:iam::*:user/*', 'arn:aws:iam::123456789012:user/a/b')).toBe(true)
    expect(arnMatch('arn:aws:iam::*:user/*', 'arn:aws:iam::123456789012:group/a')).toBe(false)
    expect(arnMatch('arn:aws:s3:::*', 'arn:aws:s3:::bucket/key:with:colons')).toBe(true)
  })

  it('is case-insensitive in the service part and case-sensitive in the resource part', () => {
    expect(arnMatch('arn:aws:IAM::*:user/alice', 'arn:aws:iam::123456789012:user/alice')).toBe(true)
    expect(arnMatch('arn:aws:iam::*:user/Alice', 'arn:aws:iam::123456789012:user/alice')).toBe(false)
  })

  it('matches "*" against anything and plain text only literally', () => {
    expect(arnMatch('*', 'anything')).toBe(true)
    expect(arnMatch('arn:aws:iam::*:user/*', '*')).toBe(false)
  })
})
