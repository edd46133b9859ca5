import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awsClients } from '../../../src/main/aws/clients'
import { scanAccount } from '../../../src/main/audit/scan-account'
import { startPracticeServer, type PracticeServer } from '../../../src/practice'

const aws = (name: string) => `arn:aws:iam::aws:policy/${name}`

/**
 * Cairn's security scan against a practice account whose users and groups hold AWS managed
 * policies beyond the ones Cairn offers, attached as a user would attach them.
 */
describe('scanning a practice account with AWS managed policies attached', () => {
  let server: PracticeServer
  let root: IAMClient

  beforeAll(async () => {
    server = await startPracticeServer()
    root = awsClients(server.rootCredentials!, { endpoint: server.endpoint, maxAttempts: 1 }).iam
    await root.send(new CreateUserCommand({ UserName: 'reader' }))
    for (const name of ['AmazonS3ReadOnlyAccess', 'IAMReadOnlyAccess'])
      await root.send(new AttachUserPolicyCommand({ UserName: 'reader', PolicyArn: aws(name) }))
    await root.send(new CreateGroupCommand({ GroupName: 'Auditors' }))
    await root.send(new AttachGroupPolicyCommand({ GroupName: 'Auditors', PolicyArn: aws('SecurityAudit') }))
    await root.send(new CreateUserCommand({ UserName: 'auditor' }))
    await root.send(new AddUserToGroupCommand({ UserName: 'auditor', GroupName: 'Auditors' }))
  })
  afterAll(() => server.close())

  const scan = (credentials = server.rootCredentials!) => scanAccount(awsClients(credentials, { endpoint: server.endpoint }), { pollIntervalMs: 50 })
  const adminCheck = (results: Awaited<ReturnType<typeof scan>>) => results.find((r) => r.id === 'no-admin-outside-admin-role')

  it('completes and passes the administrator check when only read-only policies are attached', async () => {
    const results = await scan()
    expect(results).toHaveLength(12)
    expect(adminCheck(results)).toMatchObject({ status: 'pass', evidence: 'No user or group has full access to everything.' })
  })

  it('runs as a user whose only IAM permissions come from IAMReadOnlyAccess', async () => {
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'reader' }))).AccessKey!
    const results = await scan({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! })
    expect(results).toHaveLength(12)
    // Every check could read what it needs; billing access is unknown to any caller (no API reads it).
    expect(results.filter((r) => r.status === 'unknown').map((r) => r.id)).toEqual(['billing-access'])
    expect(adminCheck(results)?.status).toBe('pass')
  })

  it('still fails it for AdministratorAccess attached to a user directly', async () => {
    await root.send(new CreateUserCommand({ UserName: 'ops' }))
    await root.send(new AttachUserPolicyCommand({ UserName: 'ops', PolicyArn: aws('AdministratorAccess') }))
    const check = adminCheck(await scan())
    expect(check?.status).toBe('fail')
    expect(check?.evidence).toMatch(/^ops has AdministratorAccess attached directly: full access to everything\./)
  })
})
