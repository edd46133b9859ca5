import { describe, expect, it } from 'vitest'
import { accessKeyProblems } from '../../../src/shared/rules/access-key-format'

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

describe('the access key format, one rule for the key form, the contract and main', () => {
  it('says nothing about fields not typed yet while the user types, and everything once sent', () => {
    expect(accessKeyProblems({ accessKeyId: '', secretAccessKey: '' }, { asTyped: true })).toEqual([])
    expect(accessKeyProblems({ accessKeyId: '', secretAccessKey: '' }).map((p) => p.path)).toEqual(['accessKeyId', 'secretAccessKey'])
  })

  it('counts characters without repeating them, and notices the two fields swapped', () => {
    expect(accessKeyProblems({ accessKeyId: 'AKIA123', secretAccessKey: '' }, { asTyped: true })).toEqual([
      { path: 'accessKeyId', message: 'An access key ID is 20 characters starting with AKIA (or ASIA for temporary keys); this one has 7 characters.' }
    ])
    expect(accessKeyProblems({ accessKeyId: secret, secretAccessKey: 'AKIAIOSFODNN7EXAMPLE' })[0]?.message).toBe(
      'This looks like a secret access key: the two fields may be swapped.'
    )
    expect(JSON.stringify(accessKeyProblems({ accessKeyId: secret, secretAccessKey: 'AKIAIOSFODNN7EXAMPLE' }))).not.toContain(secret)
  })

  it('wants a session token with a temporary key and none with a long-term key', () => {
    expect(accessKeyProblems({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: secret }, { asTyped: true }).map((p) => p.path)).toEqual(['sessionToken'])
    expect(accessKeyProblems({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: secret, sessionToken: 'FwoG' })).toEqual([])
    expect(accessKeyProblems({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret, sessionToken: 'FwoG' }).map((p) => p.path)).toEqual([
      'sessionToken'
    ])
  })

  it('takes an http(s) endpoint, with spaces around it, or none', () => {
    expect(accessKeyProblems({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret, endpoint: ' http://127.0.0.1:4566 ' })).toEqual([])
    expect(accessKeyProblems({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret, endpoint: 'localhost:4566' }).map((p) => p.path)).toEqual([
      'endpoint'
    ])
  })
})
