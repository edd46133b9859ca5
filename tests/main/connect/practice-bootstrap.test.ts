import { DeleteAccessKeyCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectPractice, practiceBillingAccess } from '../../../src/main/connect/practice-bootstrap'
import { startPracticeServer, type PracticeServer } from '../../../src/practice'

let server: PracticeServer
beforeAll(async () => {
  server = await startPracticeServer()
})
afterAll(() => server.close())

describe('connectPractice', () => {
  it('connects as the practice account’s root user with no typing', async () => {
    const connection = await connectPractice(server)
    expect(connection.info).toEqual({ accountId: server.accountId, arn: `arn:aws:iam::${server.accountId}:root`, isRoot: true, practice: true })
    expect(connection.accessKeyId).toBe(server.rootCredentials?.accessKeyId)
  })

  it('after setup deleted root’s key, makes a new one as the console would', async () => {
    const first = await connectPractice(server)
    await first.clients('apply').iam.send(new DeleteAccessKeyCommand({ AccessKeyId: first.accessKeyId }))
    const again = await connectPractice(server)
    expect(again.info.isRoot).toBe(true)
    expect(again.accessKeyId).not.toBe(first.accessKeyId)
    expect(server.state.root.accessKeys.map((k) => k.accessKeyId)).toEqual([again.accessKeyId])
  })

  it('reads the root-only billing access setting from the practice console', async () => {
    expect(await practiceBillingAccess(server)).toBe(server.state.console.iamUserAccessToBilling ? 'on' : 'off')
  })
})
