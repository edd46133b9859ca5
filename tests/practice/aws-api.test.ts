import { connect } from 'node:net'
import { Sha256 } from '@aws-crypto/sha256-js'
import { HttpRequest } from '@smithy/protocol-http'
import { SignatureV4 } from '@smithy/signature-v4'
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeleteGroupCommand,
  DeleteUserCommand,
  EnableMFADeviceCommand,
  GetCredentialReportCommand,
  GetUserCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsManagedPolicies } from '../../src/practice/policy/catalog'
import { errorCode, iamClient, rawRequest, sdkFailure, signedRequest, startServer, stsClient, testClock } from './practice-clients'

describe('bad input gets AWS-shaped answers and never takes the service down', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  it('answers an unknown action with InvalidAction 400 naming the operation and version', async () => {
    const response = await signedRequest(server, server.root, 'Action=Frobnicate&Version=2010-05-08')
    expect(response.status).toBe(400)
    expect(response.headers.get('content-type')).toBe('text/xml')
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(response.text).toMatch(
      /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type><Code>InvalidAction<\/Code><Message>Could not find operation Frobnicate for version 2010-05-08<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/
    )
  })

  it('refuses a wrong or missing Version the way AWS does', async () => {
    const wrong = await signedRequest(server, server.root, 'Action=ListUsers&Version=2011-06-15')
    expect([wrong.status, errorCode(wrong.text)]).toEqual([400, 'InvalidAction'])
    expect(wrong.text).toContain('Could not find operation ListUsers for version 2011-06-15')
    const missing = await signedRequest(server, server.root, 'Action=GetCallerIdentity', { service: 'sts' })
    expect(missing.text).toContain('Could not find operation GetCallerIdentity for version NO_VERSION_SPECIFIED')
    expect(missing.text).toContain('xmlns="https://sts.amazonaws.com/doc/2011-06-15/"')
  })

  it('answers a body without an Action with MissingAction', async () => {
    const response = await signedRequest(server, server.root, 'Version=2010-05-08')
    expect([response.status, errorCode(response.text)]).toEqual([400, 'MissingAction'])
  })

  it('answers a malformed form body with MalformedQueryString', async () => {
    const response = await rawRequest(server, { body: 'Action=ListUsers&Version=2010-05-08&UserName=%E0%A4%A' })
    expect(errorCode(response.text)).toBe('MalformedQueryString')
    expect(response.text).toMatch(/^<ErrorResponse /)
  })

  it('refuses a huge body with 413 and keeps serving', async () => {
    const response = await rawRequest(server, { body: `Action=ListUsers&Version=2010-05-08&Junk=${'x'.repeat(2 * 1024 * 1024)}` })
    expect([response.status, errorCode(response.text)]).toEqual([413, 'RequestEntityTooLarge'])
    expect((await stsClient(server, server.root).send(new GetCallerIdentityCommand({}))).Account).toBe(server.accountId)
  })

  it('answers an unsigned request with MissingAuthenticationToken 403', async () => {
    const response = await rawRequest(server, { body: 'Action=ListUsers&Version=2010-05-08' })
    expect(response.status).toBe(403)
    expect(response.text).toContain('<Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message>')
  })

  it('answers a malformed Authorization header with IncompleteSignature 400', async () => {
    const response = await rawRequest(server, {
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKIAX/20260301/us-east-1/iam/aws4_request' },
      body: 'Action=ListUsers&Version=2010-05-08'
    })
    expect([response.status, errorCode(response.text)]).toEqual([400, 'IncompleteSignature'])
  })

  it('answers an unknown key with InvalidClientTokenId 403, worded per service', async () => {
    const stranger = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }
    expect(await sdkFailure(iamClient(server, stranger).send(new ListUsersCommand({})))).toEqual({
      code: 'InvalidClientTokenId',
      status: 403,
      type: 'Sender',
      message: 'The security token included in the request is invalid'
    })
    expect((await sdkFailure(stsClient(server, stranger).send(new GetCallerIdentityCommand({})))).message).toBe(
      'The security token included in the request is invalid.'
    )
  })

  it('answers a wrong secret with SignatureDoesNotMatch 403', async () => {
    const wrong = { accessKeyId: server.root.accessKeyId, secretAccessKey: 'x'.repeat(40) }
    expect(await sdkFailure(iamClient(server, wrong).send(new ListUsersCommand({})))).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 })
  })

  it('answers a request signed 20 minutes ago with "Signature expired"', async () => {
    const response = await signedRequest(server, server.root, 'Action=ListUsers&Version=2010-05-08', { date: new Date(Date.now() - 20 * 60_000) })
    expect([response.status, errorCode(response.text)]).toEqual([403, 'SignatureDoesNotMatch'])
    expect(response.text).toMatch(/Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)/)
  })

  it('answers STS over GET with the parameters in the query string, signed or presigned', async () => {
    const url = new URL(server.endpoint)
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: server.root, sha256: Sha256 })
    const query = { Action: 'GetCallerIdentity', Version: '2011-06-15' }
    const base = { method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host }, query }
    const signed = await signer.sign(new HttpRequest(base))
    const { host: _host, ...headers } = signed.headers
    const viaHeader = await rawRequest(server, { method: 'GET', path: `/?${new URLSearchParams(query)}`, headers })
    expect(viaHeader.status).toBe(200)
    expect(viaHeader.text).toContain(`<Arn>arn:aws:iam::${server.accountId}:root</Arn>`)
    const presigned = await signer.presign(new HttpRequest(base), { expiresIn: 60 })
    const viaQuery = await rawRequest(server, { method: 'GET', path: `/?${new URLSearchParams(presigned.query as Record<string, string>)}`, headers: {} })
    expect(viaQuery.status).toBe(200)
    expect(viaQuery.text).toMatch(/^<GetCallerIdentityResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><GetCallerIdentityResult>/)
  })

  it('sends its clock in the Date header, so an SDK with a skewed clock corrects itself as against AWS', async () => {
    // The service runs 20 minutes ahead of this machine, as AWS would if the local clock were slow.
    const ahead = await startServer({ clock: testClock(Date.now() + 20 * 60_000).now })
    try {
      const identity = await stsClient(ahead, ahead.root, 3).send(new GetCallerIdentityCommand({}))
      expect(identity.Account).toBe(ahead.accountId)
      expect(identity.$metadata.attempts).toBe(2)
    } finally {
      await ahead.close()
    }
  })

  it('survives garbage on the wire and keeps answering', async () => {
    await new Promise<void>((resolve) => {
      const url = new URL(server.endpoint)
      const socket = connect(Number(url.port), url.hostname, () => socket.end('\x00\x01GARBAGE / HTTP/9.9\r\n\r\n'))
      socket.on('close', () => resolve())
      socket.on('error', () => resolve())
      socket.resume()
    })
    const json = await rawRequest(server, { headers: { 'content-type': 'application/json' }, body: '{"Action":"ListUsers"}' })
    expect(errorCode(json.text)).toBe('MissingAction')
    expect((await rawRequest(server, { method: 'GET', path: '/nowhere' })).status).toBe(404)
    expect((await iamClient(server, server.root).send(new ListUsersCommand({}))).Users).toEqual([])
  })
})

describe('IAM errors reach the SDK with AWS codes, statuses and messages', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let iam: IAMClient
  beforeAll(async () => {
    server = await startServer()
    iam = iamClient(server, server.root)
    await iam.send(new CreateUserCommand({ UserName: 'alice' }))
    await iam.send(new CreateGroupCommand({ GroupName: 'Finance' }))
  })
  afterAll(() => server.close())

  it('EntityAlreadyExists 409, regardless of case', async () => {
    expect(await sdkFailure(iam.send(new CreateUserCommand({ UserName: 'ALICE' })))).toMatchObject({ code: 'EntityAlreadyExists', status: 409 })
  })

  it('NoSuchEntity 404', async () => {
    expect(await sdkFailure(iam.send(new GetUserCommand({ UserName: 'nobody' })))).toEqual({
      code: 'NoSuchEntity',
      status: 404,
      type: 'Sender',
      message: 'The user with name nobody cannot be found.'
    })
  })

  it('ValidationError 400 for a name outside the rules', async () => {
    const failure = await sdkFailure(iam.send(new CreateUserCommand({ UserName: 'not valid!' })))
    expect(failure).toMatchObject({ code: 'ValidationError', status: 400 })
    expect(failure.message).toMatch(/^1 validation error detected: Value 'not valid!' at 'userName' failed to satisfy constraint/)
  })

  it('LimitExceeded 409 for a third access key', async () => {
    await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))
    await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))
    expect(await sdkFailure(iam.send(new CreateAccessKeyCommand({ UserName: 'alice' })))).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for AccessKeysPerUser: 2'
    })
  })

  it('DeleteConflict 409 for a user with keys and a group with members', async () => {
    expect(await sdkFailure(iam.send(new DeleteUserCommand({ UserName: 'alice' })))).toMatchObject({ code: 'DeleteConflict', status: 409 })
    await iam.send(new AddUserToGroupCommand({ UserName: 'alice', GroupName: 'Finance' }))
    expect(await sdkFailure(iam.send(new DeleteGroupCommand({ GroupName: 'Finance' })))).toMatchObject({
      code: 'DeleteConflict',
      message: 'Cannot delete entity, must remove users from group first.'
    })
  })

  it("PasswordPolicyViolation 400 for a weak password under AWS's default policy", async () => {
    expect(await sdkFailure(iam.send(new CreateLoginProfileCommand({ UserName: 'alice', Password: 'short' })))).toMatchObject({
      code: 'PasswordPolicyViolation',
      status: 400
    })
  })

  it('InvalidAuthenticationCode 403 for wrong MFA codes', async () => {
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice' }))).VirtualMFADevice!
    expect(
      await sdkFailure(
        iam.send(
          new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: device.SerialNumber, AuthenticationCode1: '123456', AuthenticationCode2: '654321' })
        )
      )
    ).toMatchObject({ code: 'InvalidAuthenticationCode', status: 403, message: 'Authentication code for device is not valid.' })
  })

  it('MalformedPolicyDocument 400 for a broken inline policy', async () => {
    expect(await sdkFailure(iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'p', PolicyDocument: '{"Version":' })))).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400
    })
  })

  it('ReportNotPresent 410 before any credential report exists', async () => {
    expect(await sdkFailure(iam.send(new GetCredentialReportCommand({})))).toMatchObject({ code: 'ReportNotPresent', status: 410 })
  })

  it('NoSuchEntity for attaching a policy that does not exist, LimitExceeded past 10 per group', async () => {
    expect((await sdkFailure(iam.send(new AttachGroupPolicyCommand({ GroupName: 'Finance', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' })))).code).toBe(
      'NoSuchEntity'
    )
    const arns = awsManagedPolicies.map((p) => p.arn)
    await iam.send(new CreateGroupCommand({ GroupName: 'Crowded' }))
    for (const arn of arns.slice(0, 10)) await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Crowded', PolicyArn: arn }))
    expect(await sdkFailure(iam.send(new AttachGroupPolicyCommand({ GroupName: 'Crowded', PolicyArn: arns[10] })))).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for PoliciesPerGroup: 10'
    })
  })

  it('Throttling 400 and ServiceFailure 500 from the fault knobs', async () => {
    server.setFaults({ failCalls: [1], failWith: 'Throttling' })
    expect(await sdkFailure(iam.send(new ListUsersCommand({})))).toEqual({ code: 'Throttling', status: 400, type: 'Sender', message: 'Rate exceeded' })
    server.setFaults({ failCalls: [1], failWith: 'ServiceFailure' })
    expect(await sdkFailure(iam.send(new ListUsersCommand({})))).toMatchObject({ code: 'ServiceFailure', status: 500, type: 'Receiver' })
    server.setFaults({})
  })

  it('ExpiredToken 403 once session credentials have expired', async () => {
    const clock = testClock()
    const timed = await startServer({ clock: clock.now })
    try {
      const session = (await stsClient(timed, timed.root).send(new GetSessionTokenCommand({ DurationSeconds: 900 }))).Credentials!
      clock.advance(901_000)
      const later = stsClient(timed, { accessKeyId: session.AccessKeyId!, secretAccessKey: session.SecretAccessKey!, sessionToken: session.SessionToken! })
      later.config.systemClockOffset = clock.offsetMs
      expect(await sdkFailure(later.send(new GetCallerIdentityCommand({})))).toEqual({
        code: 'ExpiredToken',
        status: 403,
        type: 'Sender',
        message: 'The security token included in the request is expired'
      })
    } finally {
      await timed.close()
    }
  })
})
