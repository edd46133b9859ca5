import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import { describe, expect, it } from 'vitest'
import { AwsError } from '../../src/practice/errors'
import { parseSignatureClaim, scopeService, verifySignature, type IncomingSignedRequest } from '../../src/practice/sigv4'

const credentials = { accessKeyId: 'AKIAEXAMPLEKEY000001', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
const NOW = new Date('2026-03-01T12:00:00Z')
const BODY = 'Action=ListUsers&Version=2010-05-08'

async function signed(
  options: { body?: string; service?: string; date?: Date; creds?: typeof credentials & { sessionToken?: string } } = {}
): Promise<IncomingSignedRequest> {
  const signer = new SignatureV4({ service: options.service ?? 'iam', region: 'us-east-1', credentials: options.creds ?? credentials, sha256: Sha256 })
  const body = options.body ?? BODY
  const request = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4566,
      path: '/',
      headers: { host: '127.0.0.1:4566', 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body
    }),
    { signingDate: options.date ?? NOW }
  )
  return { method: 'POST', path: '/', search: '', headers: request.headers, body: Buffer.from(body) }
}

async function rejection(promise: Promise<unknown> | (() => unknown)): Promise<AwsError> {
  try {
    await (typeof promise === 'function' ? promise() : promise)
  } catch (error) {
    expect(error).toBeInstanceOf(AwsError)
    return error as AwsError
  }
  throw new Error('expected a rejection')
}

describe('sigv4', () => {
  it('accepts a request signed by the real SDK signer with the issued secret', async () => {
    const request = await signed()
    const claim = parseSignatureClaim(request, NOW)
    expect(claim).toMatchObject({ accessKeyId: credentials.accessKeyId, region: 'us-east-1', service: 'iam' })
    await expect(verifySignature(request, claim, credentials)).resolves.toBeUndefined()
  })

  it('refuses a wrong secret and a tampered body with SignatureDoesNotMatch 403', async () => {
    const request = await signed()
    const claim = parseSignatureClaim(request, NOW)
    const wrongSecret = await rejection(verifySignature(request, claim, { ...credentials, secretAccessKey: 'x'.repeat(40) }))
    expect(wrongSecret).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 })
    expect(wrongSecret.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'
    )
    const tampered = { ...request, body: Buffer.from('Action=CreateUser&Version=2010-05-08&UserName=evil') }
    expect((await rejection(verifySignature(tampered, claim, credentials))).code).toBe('SignatureDoesNotMatch')
  })

  it('verifies session credentials including their signed security token', async () => {
    const session = { ...credentials, accessKeyId: 'ASIAEXAMPLEKEY000001', sessionToken: 'token-123' }
    const request = await signed({ creds: session, service: 'sts' })
    const claim = parseSignatureClaim(request, NOW)
    expect(claim.securityToken).toBe('token-123')
    await expect(verifySignature(request, claim, session)).resolves.toBeUndefined()
  })

  it("answers requests signed more than 15 minutes off with AWS's clock-skew messages", async () => {
    const old = await signed({ date: new Date(NOW.getTime() - 16 * 60_000) })
    const expired = await rejection(() => parseSignatureClaim(old, NOW))
    expect(expired.code).toBe('SignatureDoesNotMatch')
    expect(expired.message).toBe('Signature expired: 20260301T114400Z is now earlier than 20260301T114500Z (20260301T120000Z - 15 min.)')
    const future = await signed({ date: new Date(NOW.getTime() + 16 * 60_000) })
    expect((await rejection(() => parseSignatureClaim(future, NOW))).message).toBe(
      'Signature not yet current: 20260301T121600Z is still later than 20260301T121500Z (20260301T120000Z + 15 min.)'
    )
    const close = await signed({ date: new Date(NOW.getTime() - 14 * 60_000) })
    expect(() => parseSignatureClaim(close, NOW)).not.toThrow()
  })

  it('tells a request without any authentication apart from a malformed one', async () => {
    const missing = await rejection(() => parseSignatureClaim({ method: 'POST', path: '/', search: '', headers: {}, body: Buffer.from(BODY) }, NOW))
    expect(missing).toMatchObject({ code: 'MissingAuthenticationToken', status: 403, message: 'Request is missing Authentication Token' })
    const partial = await rejection(() =>
      parseSignatureClaim(
        {
          method: 'POST',
          path: '/',
          search: '',
          headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAX/20260301/us-east-1/iam/aws4_request' },
          body: Buffer.alloc(0)
        },
        NOW
      )
    )
    expect(partial.code).toBe('IncompleteSignature')
    expect(partial.status).toBe(400)
    expect(partial.message).toContain("Authorization header requires 'Signature' parameter.")
  })

  it('reads the credential scope service to route a request', async () => {
    const request = await signed({ service: 'sts' })
    expect(scopeService(request.headers, '')).toBe('sts')
  })

  it('accepts presigned (query-string) requests such as GET GetCallerIdentity URLs', async () => {
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials, sha256: Sha256 })
    const presigned = await signer.presign(
      new HttpRequest({
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: '/',
        headers: { host: '127.0.0.1:4566' },
        query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }
      }),
      { signingDate: NOW, expiresIn: 60 }
    )
    const search = new URLSearchParams(presigned.query as Record<string, string>).toString()
    const request: IncomingSignedRequest = { method: 'GET', path: '/', search, headers: { host: '127.0.0.1:4566' }, body: Buffer.alloc(0) }
    const claim = parseSignatureClaim(request, NOW)
    await expect(verifySignature(request, claim, credentials)).resolves.toBeUndefined()
    expect((await rejection(() => parseSignatureClaim(request, new Date(NOW.getTime() + 120_000)))).code).toBe('RequestExpired')
  })
})
