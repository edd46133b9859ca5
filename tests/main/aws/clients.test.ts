import { ListUsersCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsClients } from '../../../src/main/aws/clients'
import { startPracticeServer, type PracticeServer } from '../../../src/main/practice/server'

let server: PracticeServer
beforeAll(async () => {
  server = await startPracticeServer()
})
afterAll(() => server.close())

describe('awsClients', () => {
  it('signs IAM and STS calls for the given endpoint', async () => {
    const { iam, sts } = awsClients(server.rootCredentials!, { endpoint: server.endpoint })
    expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(server.accountId)
    expect((await iam.send(new ListUsersCommand({}))).Users).toEqual([])
  })

  it('leaves the caller’s credentials object as it was', () => {
    const credentials = { ...server.rootCredentials! }
    awsClients(credentials, { endpoint: server.endpoint })
    expect(Object.keys(credentials)).toEqual(['accessKeyId', 'secretAccessKey'])
  })

  it('retries reads through throttling, and sends apply calls once', async () => {
    server.setFaults({ failCalls: [1], failWith: 'Throttling' })
    const read = awsClients(server.rootCredentials!, { endpoint: server.endpoint })
    expect((await read.iam.send(new ListUsersCommand({}))).Users).toEqual([])
    server.setFaults({ failCalls: [1], failWith: 'Throttling' })
    const apply = awsClients(server.rootCredentials!, { endpoint: server.endpoint, purpose: 'apply' })
    await expect(apply.iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ Code: 'Throttling', $metadata: { attempts: 1 } })
    server.setFaults({})
  })
})
