import { ListUsersCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsClients } from '../../../src/main/aws/clients'
import { UNANSWERED_ATTEMPTS } from '../../../src/main/aws/read-retry-strategy'
import { startPracticeServer, type PracticeServer } from '../../../src/practice'

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
  // Quick enough for a test, the same shape as the apply engine's policy.
  const quick = { baseDelayMs: 2, maxDelayMs: 10, budgetMs: 10_000, random: Math.random, now: Date.now }

  it('keeps reading through a long run of throttling and server errors while the time budget lasts', async () => {
    const failCalls = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    server.setFaults({ failCalls, failWith: 'Throttling' })
    const read = awsClients(server.rootCredentials!, { endpoint: server.endpoint, readRetry: quick })
    expect((await read.iam.send(new ListUsersCommand({}))).$metadata.attempts).toBe(12)
    server.setFaults({ failCalls, failWith: 'ServiceUnavailable' })
    expect((await read.sts.send(new GetCallerIdentityCommand({}))).$metadata.attempts).toBe(12)
    server.setFaults({})
  })

  it('gives up with AWS’s own error once the budget is spent', async () => {
    server.setFaults({ throttleRate: 1 })
    let clock = 0
    // Each reading of the clock moves it on 1 s: the fifth answer comes at 5 s, and waiting any longer would pass the 5 s budget.
    const readRetry = { ...quick, budgetMs: 5_000, random: () => 0.5, now: () => (clock += 1_000) - 1_000 }
    const read = awsClients(server.rootCredentials!, { endpoint: server.endpoint, readRetry })
    await expect(read.iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ Code: 'Throttling', $metadata: { attempts: 5 } })
    server.setFaults({})
  })

  it('sends a read AWS refused for a reason once', async () => {
    const read = awsClients({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'not-the-secret' }, { endpoint: server.endpoint, readRetry: quick })
    await expect(read.sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ $metadata: { attempts: 1 } })
  })

  it('stops after a few attempts when nobody answers at all', async () => {
    const closed = await startPracticeServer()
    const endpoint = closed.endpoint
    await closed.close()
    const read = awsClients(server.rootCredentials!, { endpoint, readRetry: quick })
    await expect(read.iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ code: 'ECONNREFUSED', $metadata: { attempts: UNANSWERED_ATTEMPTS } })
  })
})
