import { createServer } from 'node:net'
import { inspect } from 'node:util'
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsClients } from '../../../src/main/aws/clients'
import { connect } from '../../../src/main/connect/connect'
import { startPracticeServer, type PracticeServer } from '../../../src/practice'
import { CairnError } from '../../../src/shared/errors'

let server: PracticeServer
let root: { accessKeyId: string; secretAccessKey: string }
beforeAll(async () => {
  server = await startPracticeServer()
  root = { ...server.rootCredentials! }
})
afterAll(() => server.close())

async function userKey(userName: string, policyArn?: string) {
  const { iam } = awsClients(root, { endpoint: server.endpoint })
  await iam.send(new CreateUserCommand({ UserName: userName }))
  if (policyArn) await iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policyArn }))
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: userName }))
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }
}

async function refusal(call: Promise<unknown>): Promise<CairnError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e
  )
  if (!(error instanceof CairnError)) throw new Error(`expected a CairnError, got ${String(error)}`)
  return error
}

const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

describe('connect', () => {
  it('tells the account and that a root key is root', async () => {
    const connection = await connect({ ...root, endpoint: server.endpoint })
    expect(connection.info).toEqual({ accountId: server.accountId, arn: `arn:aws:iam::${server.accountId}:root`, isRoot: true, practice: false })
  })

  it('tells the user name of an administrator’s key', async () => {
    const key = await userKey('bootstrap-admin', 'arn:aws:iam::aws:policy/AdministratorAccess')
    const connection = await connect({ ...key, endpoint: server.endpoint })
    expect(connection.info).toMatchObject({ isRoot: false, userName: 'bootstrap-admin', arn: `arn:aws:iam::${server.accountId}:user/bootstrap-admin` })
  })

  it('says when the key’s user may not use IAM', async () => {
    const key = await userKey('no-iam', 'arn:aws:iam::aws:policy/PowerUserAccess')
    const error = await refusal(connect({ ...key, endpoint: server.endpoint }))
    expect(error.code).toBe('NO_IAM_PERMISSION')
    expect(error.message).toMatch(/user\/no-iam, which may not use IAM/)
  })

  it('says when AWS does not know the key', async () => {
    const error = await refusal(connect({ accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: root.secretAccessKey, endpoint: server.endpoint }))
    expect(error.code).toBe('INVALID_CREDENTIALS')
    expect(error.message).toMatch(/does not know this access key ID/)
  })

  it('says when a deactivated key is used', async () => {
    const key = await userKey('deactivated', 'arn:aws:iam::aws:policy/AdministratorAccess')
    await awsClients(root, { endpoint: server.endpoint }).iam.send(
      new UpdateAccessKeyCommand({ UserName: 'deactivated', AccessKeyId: key.accessKeyId, Status: 'Inactive' })
    )
    expect((await refusal(connect({ ...key, endpoint: server.endpoint }))).message).toMatch(/deleted or deactivated/)
  })

  it('says when the secret does not match the key', async () => {
    const error = await refusal(connect({ accessKeyId: root.accessKeyId, secretAccessKey: 'A'.repeat(40), endpoint: server.endpoint }))
    expect(error.code).toBe('INVALID_CREDENTIALS')
    expect(error.message).toMatch(/secret access key does not belong/)
  })

  it('says when the endpoint cannot be reached: nothing listening, or no such host', async () => {
    const refused = await refusal(connect({ ...root, endpoint: `http://127.0.0.1:${await closedPort()}` }))
    expect(refused.code).toBe('ENDPOINT_UNREACHABLE')
    expect(refused.message).toMatch(/nothing is listening there/)
    const unknownHost = await refusal(connect({ ...root, endpoint: 'http://cairn-no-such-host.invalid' }))
    expect(unknownHost.code).toBe('ENDPOINT_UNREACHABLE')
    expect(unknownHost.message).toMatch(/does not resolve|could not be looked up/)
  })

  it('refuses a malformed key before sending anything', async () => {
    const error = await refusal(connect({ accessKeyId: 'AKIA123', secretAccessKey: 'short', endpoint: 'http://127.0.0.1:1' }))
    expect(error.code).toBe('INVALID_REQUEST')
    expect(error.issues?.map((i) => i.path)).toEqual(['accessKeyId', 'secretAccessKey'])
  })

  it('each failure has its own message', async () => {
    const messages = await Promise.all([
      refusal(connect({ accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: root.secretAccessKey, endpoint: server.endpoint })),
      refusal(connect({ accessKeyId: root.accessKeyId, secretAccessKey: 'A'.repeat(40), endpoint: server.endpoint })),
      refusal(connect({ ...root, endpoint: `http://127.0.0.1:${await closedPort()}` })),
      refusal(connect({ accessKeyId: 'AKIA123', secretAccessKey: 'short' }))
    ])
    expect(new Set(messages.map((m) => m.message)).size).toBe(4)
  })

  it('keeps the secret out of everything a connection can be turned into', async () => {
    const connection = await connect({ ...root, endpoint: server.endpoint })
    for (const text of [JSON.stringify(connection), inspect(connection, { showHidden: true, depth: 5 }), JSON.stringify(structuredClone(connection.info))]) {
      expect(text).not.toContain(root.secretAccessKey)
    }
    expect(JSON.parse(JSON.stringify(connection))).toEqual(connection.info)
  })
})
