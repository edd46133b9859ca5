import { NoSuchEntityException } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { awsErrorCode, isServerError, isThrottling, networkFailure } from '../../../src/main/aws/aws-error'

describe('AWS errors', () => {
  it('reads the code AWS answered with, modelled or not', () => {
    expect(awsErrorCode(new NoSuchEntityException({ message: 'gone', $metadata: { httpStatusCode: 404 } }))).toBe('NoSuchEntity')
    expect(awsErrorCode(Object.assign(new Error('Rate exceeded'), { name: 'Throttling', Code: 'Throttling', $metadata: { httpStatusCode: 400 } }))).toBe(
      'Throttling'
    )
    expect(awsErrorCode(new Error('plain'))).toBeUndefined()
  })

  it('tells throttling, server errors and network failures apart', () => {
    expect(isThrottling({ Code: 'Throttling', $metadata: { httpStatusCode: 400 } })).toBe(true)
    expect(isServerError({ Code: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } })).toBe(true)
    expect(isServerError({ Code: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false)
    expect(networkFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', $metadata: {} }))).toBe('ECONNREFUSED')
    expect(networkFailure(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe('ETIMEDOUT')
    expect(networkFailure({ Code: 'Throttling', $metadata: { httpStatusCode: 400 } })).toBeUndefined()
  })
})
