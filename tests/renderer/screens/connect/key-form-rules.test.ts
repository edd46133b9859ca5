import { describe, expect, it } from 'vitest'
import { keyFormComplete, keyFormFields, keyFormProblems, type KeyForm } from '../../../../src/renderer/src/screens/connect/key-form-rules'

// The rule itself (messages, patterns) is src/shared/rules/access-key-format.ts, tested in tests/shared/rules.
const keyId = 'AKIAIOSFODNN7EXAMPLE'
const temporaryId = 'ASIAIOSFODNN7EXAMPLE'
const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const form = (over: Partial<KeyForm> = {}): KeyForm => ({ accessKeyId: keyId, secretAccessKey: secret, sessionToken: '', endpoint: '', ...over })

describe('the bootstrap key form', () => {
  it('sends a session token only with a temporary key, the one kind its field shows for', () => {
    expect(keyFormFields(form({ sessionToken: 'left over' })).sessionToken).toBe('')
    expect(keyFormFields(form({ accessKeyId: temporaryId, sessionToken: 'token' })).sessionToken).toBe('token')
  })

  it('says nothing about fields not typed yet, but is not complete without both halves of the key', () => {
    expect(keyFormProblems(form({ accessKeyId: '', secretAccessKey: '' }))).toEqual({})
    expect(keyFormComplete(form({ secretAccessKey: '' }))).toBe(false)
    expect(keyFormComplete(form())).toBe(true)
  })

  it('shows one problem under each field that has one, and never the value typed', () => {
    const problems = keyFormProblems(form({ accessKeyId: 'AKIA-not-a-key', secretAccessKey: 'short-secret-value', endpoint: 'ftp://127.0.0.1' }))
    expect(Object.keys(problems).sort()).toEqual(['accessKeyId', 'endpoint', 'secretAccessKey'])
    expect(Object.values(problems).join(' ')).not.toMatch(/not-a-key|short-secret-value/)
  })

  it('a temporary key is complete only with its session token', () => {
    expect(keyFormProblems(form({ accessKeyId: temporaryId })).sessionToken).toBeDefined()
    expect(keyFormComplete(form({ accessKeyId: temporaryId }))).toBe(false)
    expect(keyFormComplete(form({ accessKeyId: temporaryId, sessionToken: 'token' }))).toBe(true)
  })

  it('a token left in the hidden field does not hold a long-term key back', () => {
    expect(keyFormProblems(form({ sessionToken: 'left over' }))).toEqual({})
    expect(keyFormComplete(form({ sessionToken: 'left over' }))).toBe(true)
  })
})
