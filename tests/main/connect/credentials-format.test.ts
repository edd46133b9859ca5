import { describe, expect, it } from 'vitest'
import { checkedCredentials, credentialsProblems } from '../../../src/main/connect/credentials-format'

const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

describe('credentialsProblems', () => {
  it('accepts a long-term key and a temporary key with its token', () => {
    expect(credentialsProblems({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret })).toEqual([])
    expect(credentialsProblems({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: secret, sessionToken: 'FwoG…' })).toEqual([])
  })

  it('names each wrong field without repeating what was typed', () => {
    const problems = credentialsProblems({ accessKeyId: 'AKIA-short', secretAccessKey: 'not-a-secret' })
    expect(problems.map((p) => p.path)).toEqual(['accessKeyId', 'secretAccessKey'])
    expect(JSON.stringify(problems)).not.toContain('not-a-secret')
    expect(problems[0]?.message).toMatch(/20 characters starting with AKIA/)
  })

  it('notices the two fields swapped', () => {
    expect(credentialsProblems({ accessKeyId: secret, secretAccessKey: 'AKIAIOSFODNN7EXAMPLE' })[0]?.message).toMatch(/swapped/)
  })

  it('asks for the session token of a temporary key, and refuses one with a long-term key', () => {
    expect(credentialsProblems({ accessKeyId: 'ASIAIOSFODNN7EXAMPLE', secretAccessKey: secret })).toEqual([
      { path: 'sessionToken', message: expect.stringMatching(/session token/) }
    ])
    expect(credentialsProblems({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret, sessionToken: 'x' })[0]?.path).toBe('sessionToken')
  })

  it('wants an http(s) endpoint URL', () => {
    expect(credentialsProblems({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret, endpoint: 'localhost:4566' })[0]?.path).toBe('endpoint')
  })
})

describe('checkedCredentials', () => {
  it('trims what was pasted and drops empty optional fields', () => {
    expect(checkedCredentials({ accessKeyId: ' AKIAIOSFODNN7EXAMPLE\n', secretAccessKey: `${secret} `, sessionToken: '', endpoint: '' })).toEqual({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: secret
    })
  })

  it('throws INVALID_REQUEST with the fields as issues', () => {
    expect(() => checkedCredentials({ accessKeyId: 'x', secretAccessKey: secret })).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST', issues: [expect.objectContaining({ path: 'accessKeyId' })] })
    )
  })
})
