import { inspect } from 'node:util'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createLogger, redact } from '../../../src/main/log/redact'
import { groupSecret, otpauthUri } from '../../../src/main/mfa/authenticator-entry'
import { awsPasswordSymbols, passwordAlphabet } from '../../../src/main/setup/password'

/**
 * Generated credentials in the places they turn up in real log lines and error messages: none
 * may come out of the redactor, in any encoding the line carried it in. The runs are seeded
 * per property by fast-check; a failure prints the seed and the shrunk counterexample.
 */

const RUNS = 300
const chars = (alphabet: string, minLength: number, maxLength: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength })

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const base64Alphabet = `${upper}abcdefghijklmnopqrstuvwxyz0123456789+/`
const base64UrlAlphabet = `${upper}abcdefghijklmnopqrstuvwxyz0123456789-_`
const base32Alphabet = `${upper}234567`

const keyId = fc.tuple(fc.constantFrom('AKIA', 'ASIA'), chars(`${upper}0123456789`, 16, 16)).map(([prefix, rest]) => prefix + rest)
const secretAccessKey = chars(base64Alphabet, 40, 40)
const sessionToken = fc
  .tuple(fc.constantFrom('IQoJb3JpZ2luX2VjE', 'FwoGZXIvYXdzE', ''), chars(base64Alphabet, 100, 1200), fc.constantFrom('', '=', '=='))
  .map(([prefix, body, padding]) => prefix + body + padding)
const signinToken = chars(base64UrlAlphabet, 20, 900)
const mfaSeed = chars(base32Alphabet, 16, 64)
/** What an IAM password policy accepts: all four kinds, AWS's symbols included. */
const password = fc
  .tuple(
    chars(passwordAlphabet.upper, 1, 3),
    chars(passwordAlphabet.lower, 1, 3),
    chars(passwordAlphabet.digits, 1, 3),
    chars(awsPasswordSymbols, 1, 3),
    chars(passwordAlphabet.upper + passwordAlphabet.lower + passwordAlphabet.digits + awsPasswordSymbols, 4, 120)
  )
  .map((parts) => parts.join(''))

/** Text around a value that carries no field name: only the value's shape can give it away. */
const around = fc.constantFrom(
  (s: string) => s,
  (s: string) => `failed for ${s} just now`,
  (s: string) => `value "${s}" refused`,
  (s: string) => `(${s})`,
  (s: string) => `got: ${s}\nnext line`,
  (s: string) => `\t${s}\t`,
  (s: string) => JSON.stringify({ value: s, retry: true }),
  (s: string) => inspect({ nested: { list: [s] } })
)

/** Text that names the value's field, as configs, query strings, JSON and util.inspect print it. */
const fieldContext = fc.constantFrom(
  (name: string, s: string) => `${name}=${s}`,
  (name: string, s: string) => `${name} = ${s}`,
  (name: string, s: string) => `Action=Do&${name}=${encodeURIComponent(s)}&Version=2010-05-08`,
  (name: string, s: string) => JSON.stringify({ [name]: s, UserName: 'dev' }),
  (name: string, s: string) => JSON.stringify({ message: JSON.stringify({ [name]: s }) }),
  (name: string, s: string) => inspect({ [name]: s, userName: 'dev' }),
  (name: string, s: string) => `${name}: '${s.replace(/'/g, "\\'")}'`
)

/** The secret, and the encodings it may travel in; none of them may come out. */
function forms(secret: string): string[] {
  return [...new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')])].filter((form) => form.length >= 8)
}

function expectNoneOf(output: string, secrets: string[]): void {
  for (const secret of secrets) for (const form of forms(secret)) expect(output, `leaked ${form}`).not.toContain(form)
}

describe('redact (property-based)', () => {
  it('removes access key ids, 40-character secrets, session tokens and MFA seeds wherever they sit', () => {
    fc.assert(
      fc.property(fc.oneof(keyId, secretAccessKey, sessionToken, mfaSeed), around, (secret, place) => {
        const output = redact(place(secret))
        expect(output, output).not.toContain(secret)
      }),
      { numRuns: RUNS * 4 }
    )
  })

  it('keeps the kind of an access key id (AKIA or ASIA) and drops the rest', () => {
    fc.assert(
      fc.property(keyId, (id) => {
        expect(redact(`key ${id} used`)).toBe(`key ${id.slice(0, 4)}…redacted used`)
      }),
      { numRuns: RUNS }
    )
  })

  it('removes passwords, secrets and tokens given in a named field, whatever their shape', () => {
    const named = fc.oneof(
      fc.tuple(fc.constantFrom('password', 'Password', 'NewPassword', 'OldPassword', 'consolePassword', 'rootPassword'), password),
      fc.tuple(fc.constantFrom('SecretAccessKey', 'secretAccessKey', 'aws_secret_access_key', 'sessionKey'), secretAccessKey),
      fc.tuple(fc.constantFrom('SessionToken', 'sessionToken', 'aws_session_token', 'X-Amz-Security-Token'), sessionToken),
      fc.tuple(fc.constantFrom('SigninToken', 'signinToken'), signinToken),
      fc.tuple(fc.constantFrom('secret', 'Base32StringSeed'), mfaSeed)
    )
    fc.assert(
      fc.property(named, fieldContext, ([name, secret], place) => {
        const output = redact(place(name, secret))
        expectNoneOf(output, [secret])
        // The field's name stays, so the line still says what was there.
        expect(output).toContain(name)
      }),
      { numRuns: RUNS * 4 }
    )
  })

  it('removes the seed from an otpauth URI, from the grouped key apps show, and from IAM base64 blobs', () => {
    fc.assert(
      fc.property(mfaSeed, fc.constantFrom('dev@123456789012', 'root@practice 123456789012', 'ops (ops-user)@my-alias 123456789012'), (seed, label) => {
        const uri = otpauthUri(label, seed)
        const lines = [
          `QR code for ${uri}`,
          `Type this key: ${groupSecret(seed)}`,
          `Type this key: ${groupSecret(seed)}.`,
          JSON.stringify({ VirtualMFADevice: { SerialNumber: 'arn:aws:iam::123456789012:mfa/dev', Base32StringSeed: Buffer.from(seed).toString('base64') } })
        ]
        for (const line of lines) {
          const output = redact(line)
          expectNoneOf(output, [seed, groupSecret(seed)])
        }
      }),
      { numRuns: RUNS }
    )
  })

  it('removes the sign-in token and the session inside federation URLs, plain or encoded twice', () => {
    fc.assert(
      fc.property(keyId, secretAccessKey, sessionToken, signinToken, (sessionId, sessionKey, token, signin) => {
        const session = JSON.stringify({ sessionId, sessionKey, sessionToken: token })
        const getSigninToken = `https://signin.aws.amazon.com/federation?Action=getSigninToken&SessionDuration=43200&Session=${encodeURIComponent(session)}`
        const login = `https://signin.aws.amazon.com/federation?Action=login&Issuer=cairn&Destination=${encodeURIComponent('https://console.aws.amazon.com/')}&SigninToken=${signin}`
        const lines = [
          `GET ${getSigninToken} failed`,
          `opening ${login}`,
          `redirect to https://example.com/?next=${encodeURIComponent(login)}`,
          JSON.stringify({ SigninToken: signin }),
          `fetch failed: ${inspect({ url: getSigninToken })}`
        ]
        for (const line of lines) expectNoneOf(redact(line), [sessionId, sessionKey, token, signin])
      }),
      { numRuns: RUNS }
    )
  })

  it('removes Authorization headers (SigV4, Basic, Bearer) and security-token headers, in dumps and objects', () => {
    const hex = chars('0123456789abcdef', 64, 64)
    fc.assert(
      fc.property(keyId, hex, password, sessionToken, fc.emailAddress(), (id, signature, pw, token, email) => {
        const sigv4 = `AWS4-HMAC-SHA256 Credential=${id}/20250101/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=${signature}`
        const basic = `Basic ${Buffer.from(`${email}:${pw}`).toString('base64')}`
        const lines = [
          `POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\nAuthorization: ${sigv4}\r\nX-Amz-Security-Token: ${token}\r\n\r\n`,
          `request headers: ${inspect({ host: 'localhost', authorization: basic, 'x-amz-security-token': token })}`,
          JSON.stringify({ headers: { Authorization: `Bearer ${token}` } }),
          `Authorization: ${basic}`
        ]
        for (const line of lines) {
          const output = redact(line)
          expectNoneOf(output, [id, signature, pw, token, basic.slice('Basic '.length)])
        }
      }),
      { numRuns: RUNS }
    )
  })

  it('leaves ordinary log lines as they are', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[a-z]{1,12}$/),
      fc.stringMatching(/^[A-Z][a-z]{1,11}$/),
      fc.constantFrom('MFA', 'IAM', 'AWS', 'CLI', 'OK', 'password', 'token', 'secret', 'Password:', 'token:'),
      fc.integer({ min: 0, max: 999_999_999_999 }).map(String),
      fc.uuid(),
      fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom(
        'arn:aws:iam::123456789012:user/dev',
        'arn:aws:iam::123456789012:mfa/ops',
        'arn:aws:iam::aws:policy/job-function/Billing',
        'user:dev',
        'group:Developers'
      )
    )
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.constantFrom(' ', ', ', '; '), (words, separator) => {
        const line = words.join(separator)
        expect(redact(line)).toBe(line)
      }),
      { numRuns: RUNS * 2 }
    )
    for (const line of [
      'The console password: copied to the clipboard for 30 seconds.',
      'Created virtual MFA device arn:aws:iam::123456789012:mfa/dev for dev; waiting for two codes.',
      'IPC setup.apply failed: ThrottlingException: Rate exceeded (HTTP 400, request id 7a62c49f-347e-4fc4-9331-6e8eEXAMPLE)',
      'GET https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08 took 120 ms (100% of budget)'
    ]) {
      expect(redact(line)).toBe(line)
    }
  })

  it('stays fast on long and hostile input', () => {
    const hostile = [
      'a'.repeat(200_000),
      '&a'.repeat(100_000),
      '%41'.repeat(60_000),
      'password='.repeat(20_000),
      'A-'.repeat(100_000),
      'ABCD '.repeat(40_000),
      `${'x'.repeat(100_000)}%2F`,
      'Authorization: '.repeat(10_000)
    ]
    for (const text of hostile) {
      const started = performance.now()
      redact(text)
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(1000)
    }
  })
})

describe('the logger (property-based)', () => {
  const anySecret = fc.oneof(keyId, secretAccessKey, sessionToken, mfaSeed)

  it('writes no secret from an error, its cause chain or AWS SDK error fields, and keeps the useful detail', () => {
    fc.assert(
      fc.property(keyId, fc.array(anySecret, { minLength: 1, maxLength: 5 }), password, fc.uuid(), (id, secrets, pw, requestId) => {
        // The innermost failure is an AWS SDK error with everything an SDK error can carry.
        let error: unknown = Object.assign(
          new Error(`The request signature we calculated does not match. Credential=${id}/20250101 secret ${secrets[0]}, password=${pw}`),
          {
            name: 'SignatureDoesNotMatch',
            $fault: 'client',
            $metadata: { httpStatusCode: 403, requestId, attempts: 1 },
            $response: { statusCode: 403, body: `<Error><Message>${secrets.join(' ')}</Message></Error>`, headers: { authorization: pw } },
            Credentials: { AccessKeyId: id, SecretAccessKey: secrets[1 % secrets.length], SessionToken: pw }
          }
        )
        for (const [index, secret] of secrets.entries()) error = new Error(`step ${index} failed with ${secret}`, { cause: error })
        const lines: string[] = []
        createLogger((line) => lines.push(line)).error('apply failed', error)
        expect(lines).toHaveLength(1)
        const output = lines[0]!
        expectNoneOf(output, [id, ...secrets, pw])
        expect(output).toContain('SignatureDoesNotMatch')
        expect(output).toContain(`HTTP 403, request id ${requestId}`)
        expect(output.match(/caused by/g)).toHaveLength(Math.min(secrets.length, 5))
      }),
      { numRuns: RUNS }
    )
  })

  it('writes no secret from a thrown string or plain object, and never throws on odd values', () => {
    fc.assert(
      fc.property(anySecret, (secret) => {
        const lines: string[] = []
        const log = createLogger((line) => lines.push(line))
        log.error('failed', `plain ${secret}`)
        log.error('failed', { message: `object ${secret}`, secret })
        log.error('failed', Object.create(null))
        log.error('failed', {
          get message(): string {
            throw new Error(secret)
          }
        })
        log.warn(`warned about ${secret}`)
        log.info(`told about ${secret}`)
        expect(lines).toHaveLength(6)
        for (const line of lines) expect(line).not.toContain(secret)
      }),
      { numRuns: RUNS }
    )
  })
})
