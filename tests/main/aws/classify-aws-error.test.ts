import {
  ConcurrentModificationException,
  DeleteConflictException,
  EntityAlreadyExistsException,
  EntityTemporarilyUnmodifiableException,
  IAMServiceException,
  InvalidInputException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PasswordPolicyViolationException,
  ServiceFailureException
} from '@aws-sdk/client-iam'
import { ExpiredTokenException, STSServiceException } from '@aws-sdk/client-sts'
import { connect, createServer, type AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { awsFailure, classifyAwsError, passedOn } from '../../../src/main/aws/classify-aws-error'
import { CairnError } from '../../../src/shared/errors'

const $metadata = (httpStatusCode: number) => ({ httpStatusCode, requestId: 'f1e2d3c4' })

/** An error AWS answered with that the SDK has no class for: how IAM and STS send AccessDenied, Throttling and the signing errors. */
const iamAnswer = (name: string, message: string, httpStatusCode: number) =>
  new IAMServiceException({ name, $fault: 'client', $metadata: $metadata(httpStatusCode), message })
const stsAnswer = (name: string, message: string, httpStatusCode = 403) =>
  new STSServiceException({ name, $fault: 'client', $metadata: $metadata(httpStatusCode), message })

/** A real refused connection: a port that was listening a moment ago and is closed now. */
async function refusedConnection(): Promise<Error> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return new Promise((resolve) => connect(port, '127.0.0.1').on('error', resolve))
}

/** What Node's resolver throws for a host name that does not exist. */
const unknownHost = () =>
  Object.assign(new Error('getaddrinfo ENOTFOUND iam.example.invalid'), {
    code: 'ENOTFOUND',
    errno: -3008,
    syscall: 'getaddrinfo',
    hostname: 'iam.example.invalid'
  })

describe('classifyAwsError', () => {
  it('tells apart what each refusal from IAM means', () => {
    const cases = [
      [new NoSuchEntityException({ message: 'The user with name dev cannot be found.', $metadata: $metadata(404) }), 'not-found', 'NoSuchEntity'],
      [new EntityAlreadyExistsException({ message: 'User with name dev already exists.', $metadata: $metadata(409) }), 'already-exists', 'EntityAlreadyExists'],
      [new LimitExceededException({ message: 'Cannot exceed quota for AccessKeysPerUser: 2', $metadata: $metadata(409) }), 'quota-reached', 'LimitExceeded'],
      [
        new DeleteConflictException({ message: 'Cannot delete entity, must delete login profile first.', $metadata: $metadata(409) }),
        'delete-conflict',
        'DeleteConflict'
      ],
      [new ConcurrentModificationException({ message: 'busy', $metadata: $metadata(409) }), 'busy', 'ConcurrentModification'],
      [new EntityTemporarilyUnmodifiableException({ message: 'busy', $metadata: $metadata(409) }), 'busy', 'EntityTemporarilyUnmodifiable'],
      [
        new PasswordPolicyViolationException({ message: 'Password does not conform to the account password policy.', $metadata: $metadata(400) }),
        'password-policy',
        'PasswordPolicyViolation'
      ],
      [new MalformedPolicyDocumentException({ message: 'Syntax errors in policy.', $metadata: $metadata(400) }), 'invalid-request', 'MalformedPolicyDocument'],
      [new InvalidInputException({ message: 'bad', $metadata: $metadata(400) }), 'invalid-request', 'InvalidInput'],
      [iamAnswer('ValidationError', '1 validation error detected', 400), 'invalid-request', 'ValidationError'],
      [new ServiceFailureException({ message: 'Internal failure', $metadata: $metadata(500) }), 'server-error', 'ServiceFailure'],
      [iamAnswer('Throttling', 'Rate exceeded', 400), 'throttled', 'Throttling'],
      [iamAnswer('ReportInProgress', 'Report is being generated', 404), 'refused', 'ReportInProgress']
    ] as const
    for (const [error, kind, awsCode] of cases) expect(classifyAwsError(error), awsCode).toMatchObject({ kind, awsCode, said: error.message })
  })

  it('gives each refusal of the credentials or permissions its Cairn code', () => {
    expect(classifyAwsError(stsAnswer('InvalidClientTokenId', 'The security token included in the request is invalid.'))).toMatchObject({
      kind: 'unknown-key',
      code: 'INVALID_CREDENTIALS'
    })
    expect(
      classifyAwsError(stsAnswer('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'))
    ).toMatchObject({
      kind: 'wrong-secret',
      code: 'INVALID_CREDENTIALS'
    })
    expect(
      classifyAwsError(new ExpiredTokenException({ message: 'The security token included in the request is expired', $metadata: $metadata(400) }))
    ).toMatchObject({
      kind: 'expired-credentials',
      code: 'INVALID_CREDENTIALS',
      awsCode: 'ExpiredToken'
    })
    const denied = iamAnswer('AccessDenied', 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: iam:CreateUser on resource: x', 403)
    expect(classifyAwsError(denied)).toMatchObject({ kind: 'access-denied', code: 'NO_IAM_PERMISSION' })
    expect(classifyAwsError(denied).suspect).toBeUndefined()
  })

  it('names the managed policy when the policy itself is missing, not the group it was for', () => {
    const arn = 'arn:aws-cn:iam::aws:policy/job-function/Billing'
    const missing = new NoSuchEntityException({ message: `Policy ${arn} does not exist or is not attachable.`, $metadata: $metadata(404) })
    expect(classifyAwsError(missing)).toMatchObject({ kind: 'policy-missing', policyArn: arn, awsCode: 'NoSuchEntity' })
    const group = new NoSuchEntityException({ message: 'The group with name Finance cannot be found.', $metadata: $metadata(404) })
    expect(classifyAwsError(group).policyArn).toBeUndefined()
  })

  it('suspects the MFA code or the clock where AWS says so', () => {
    const wrongCode = stsAnswer('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code.')
    expect(classifyAwsError(wrongCode)).toMatchObject({ kind: 'access-denied', suspect: 'mfa-code' })
    expect(classifyAwsError(stsAnswer('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.'))).toMatchObject({
      kind: 'refused',
      suspect: 'clock'
    })
    expect(classifyAwsError(stsAnswer('SignatureDoesNotMatch', 'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z'))).toMatchObject({
      kind: 'wrong-secret',
      suspect: 'clock'
    })
  })

  it('calls a request AWS never answered unreachable, whatever Node said', async () => {
    const refused = await refusedConnection()
    expect(classifyAwsError(refused)).toMatchObject({
      kind: 'unreachable',
      code: 'ENDPOINT_UNREACHABLE',
      networkCode: 'ECONNREFUSED',
      next: 'Check your connection and try again.'
    })
    expect(classifyAwsError(unknownHost())).toMatchObject({ kind: 'unreachable', networkCode: 'ENOTFOUND' })
    const timedOut = Object.assign(new Error('Socket timed out without establishing a connection within 5000 ms'), { name: 'TimeoutError' })
    expect(classifyAwsError(timedOut)).toMatchObject({ kind: 'unreachable', networkCode: 'ETIMEDOUT' })
    expect(classifyAwsError(new Error('socket hang up'))).toMatchObject({ kind: 'unreachable', networkCode: 'ECONNRESET' })
  })

  it('asks whether the practice account is running when it did not answer', async () => {
    expect(classifyAwsError(await refusedConnection(), { practice: true }).next).toBe(
      'Is the practice account running? Open Cairn or run `cairn practice`, then pass its address with --endpoint.'
    )
  })

  it('passes Cairn’s own errors and bugs on untouched', () => {
    const cairn = new CairnError('KEYCHAIN_UNAVAILABLE', 'The keychain is locked.')
    expect(classifyAwsError(cairn)).toMatchObject({ kind: 'cairn', code: 'KEYCHAIN_UNAVAILABLE' })
    expect(passedOn(cairn, classifyAwsError(cairn))).toBe(cairn)
    const bug = new TypeError('x is undefined')
    expect(classifyAwsError(bug)).toMatchObject({ kind: 'not-aws', code: 'INTERNAL' })
    expect(awsFailure(bug, 'list the MFA devices')).toBe(bug)
    expect(classifyAwsError('a string').kind).toBe('not-aws')
  })
})

describe('awsFailure', () => {
  it('says what Cairn could not do, why, and what to do next', async () => {
    const doing = "list dev's MFA devices"
    expect(awsFailure(await refusedConnection(), doing)).toMatchObject({
      code: 'ENDPOINT_UNREACHABLE',
      message: `Cairn could not ${doing}: AWS did not answer (ECONNREFUSED). Check your connection and try again.`
    })
    expect(awsFailure(stsAnswer('ExpiredToken', 'expired', 400), doing)).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      message: `Cairn could not ${doing}: AWS no longer accepts the credentials Cairn is connected with (ExpiredToken). Connect again.`
    })
    expect(awsFailure(iamAnswer('AccessDenied', 'not authorized', 403), doing)).toMatchObject({
      code: 'NO_IAM_PERMISSION',
      message: `Cairn could not ${doing}: the identity Cairn is connected as is not allowed to (AccessDenied). Connect as an administrator, or with the root user's temporary key.`
    })
    expect(awsFailure(iamAnswer('Throttling', 'Rate exceeded', 400), doing)).toMatchObject({
      code: 'AWS_ERROR',
      message: `Cairn could not ${doing}: AWS asked Cairn to slow down. Wait a few seconds and try again.`
    })
    expect(awsFailure(new NoSuchEntityException({ message: 'The user with name dev cannot be found.', $metadata: $metadata(404) }), doing)).toMatchObject({
      code: 'AWS_ERROR',
      message: `Cairn could not ${doing}: AWS said "The user with name dev cannot be found." (NoSuchEntity).`
    })
  })
})
