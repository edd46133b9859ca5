import { describe, expect, it } from 'vitest'
import { sessionFailure } from '../../../src/main/sessions/get-session-token'

const request = { role: 'dev', userName: 'dev', endpoint: 'https://sts.amazonaws.com' }
const awsError = (code: string, message: string, status = 403) =>
  Object.assign(new Error(message), { name: code, Code: code, $metadata: { httpStatusCode: status } })

describe('a refused GetSessionToken, said for the user', () => {
  it('calls an MFA failure a wrong code, with a clock note only when the clocks differ', () => {
    const refused = awsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.')
    expect(sessionFailure(refused, request, 0)).toMatchObject({
      code: 'MFA_CODE_WRONG',
      message: 'That code was not accepted. Wait for the next code in your authenticator app and try again.'
    })
    expect(sessionFailure(refused, request, -90_000).message).toMatch(/this computer's clock is 90 seconds ahead of AWS's/)
  })

  it('blames the clock for signatures AWS calls expired or too skewed', () => {
    expect(sessionFailure(awsError('SignatureDoesNotMatch', 'Signature expired: 20260101T000000Z is now earlier than ...'), request, 1_200_000)).toMatchObject({
      code: 'CLOCK_OFF'
    })
    expect(
      sessionFailure(awsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'), request, 600_000).message
    ).toMatch(/10 minutes behind AWS's/)
  })

  it('says the key is no longer accepted for InvalidClientTokenId', () => {
    expect(sessionFailure(awsError('InvalidClientTokenId', 'The security token included in the request is invalid.'), request, 0)).toMatchObject({
      code: 'INVALID_CREDENTIALS'
    })
  })

  it('says AWS was unreachable for network failures', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    expect(sessionFailure(refused, request, 0)).toMatchObject({ code: 'ENDPOINT_UNREACHABLE' })
  })

  it('passes bugs through untouched', () => {
    const bug = new TypeError('x is undefined')
    expect(sessionFailure(bug, request, 0)).toBe(bug)
  })
})
