import { describe, expect, it } from 'vitest'
import { AwsError } from '../../src/practice/errors'
import { memberList, parseFormEncoded, requestParams } from '../../src/practice/query'

describe('query', () => {
  it('decodes form bodies the way the SDKs encode them, keeping X.member.N keys flat', () => {
    const params = parseFormEncoded('Action=AddUserToGroup&Version=2010-05-08&UserName=a%2Bb&Path=%2Fteam%2F&Tags.member.1.Key=k+1')
    expect(params).toEqual({ Action: 'AddUserToGroup', Version: '2010-05-08', UserName: 'a+b', Path: '/team/', 'Tags.member.1.Key': 'k 1' })
  })

  it('reads member lists in index order and stops at the first gap', () => {
    const params = parseFormEncoded('L.member.2=b&L.member.1=a&L.member.4=d')
    expect(memberList(params, 'L')).toEqual(['a', 'b'])
  })

  it('refuses broken percent-encoding with an AWS-shaped error', () => {
    expect(() => parseFormEncoded('Action=%E0%A4%A')).toThrow(AwsError)
    try {
      parseFormEncoded('UserName=%ZZ')
    } catch (error) {
      expect((error as AwsError).code).toBe('MalformedQueryString')
    }
  })

  it('merges the URL query with a form body, and ignores bodies of other content types', () => {
    expect(requestParams('Action=GetCallerIdentity', Buffer.from('Version=2011-06-15'), 'application/x-www-form-urlencoded; charset=utf-8')).toEqual({
      Action: 'GetCallerIdentity',
      Version: '2011-06-15'
    })
    expect(requestParams('', Buffer.from('{"Action":"x"}'), 'application/json')).toEqual({})
  })
})
