import { CreateAccessKeyCommand, CreateUserCommand, GetPolicyCommand, ListPoliciesCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Connection, ConnectionHolder } from '../../../src/main/connect/connection'
import { createPoliciesService } from '../../../src/main/policies/policies-service'
import type { AwsCredentials } from '../../../src/main/aws/clients'
import { awsManagedPolicies } from '../../../src/practice'
import { CairnError } from '../../../src/shared/errors'
import { iamClient, startServer } from '../../practice/practice-clients'

type Server = Awaited<ReturnType<typeof startServer>>
let server: Server

// The practice account knows AWS's whole catalogue, as a real account sees it.
const jobFunctionNames = awsManagedPolicies
  .filter((p) => p.path === '/job-function/')
  .map((p) => p.policyName)
  .sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }))
const classicJobFunctions = [
  'Billing',
  'DatabaseAdministrator',
  'DataScientist',
  'NetworkAdministrator',
  'SupportUser',
  'SystemAdministrator',
  'ViewOnlyAccess'
]

function connectionAs(credentials: AwsCredentials, arn = `arn:aws:iam::${server.accountId}:root`): Connection {
  return new Connection({ accountId: server.accountId, arn, isRoot: arn.endsWith(':root'), practice: true }, credentials, server.endpoint)
}

/** Counts the ListPolicies and GetPolicy calls a connection's read client sends. */
function countCalls(connection: Connection) {
  const send = vi.spyOn(connection.clients('read').iam, 'send')
  const count = (type: new (...args: never[]) => unknown) => send.mock.calls.filter(([command]) => command instanceof type).length
  return { list: () => count(ListPoliciesCommand), get: () => count(GetPolicyCommand) }
}

beforeAll(async () => {
  server = await startServer()
})

afterAll(async () => {
  await server.close()
})

describe('the AWS managed policies the Plan screen offers', () => {
  it('lists every AWS managed policy, the job-function ones first and flagged', async () => {
    const holder = new ConnectionHolder()
    holder.set(connectionAs(server.root))
    const started = performance.now()
    const policies = await createPoliciesService({ connection: holder }).list()
    console.log(`The Plan screen's policy list from the practice account: ${policies.length} policies in ${(performance.now() - started).toFixed(0)} ms`)

    const jobs = jobFunctionNames.length
    expect(policies).toHaveLength(awsManagedPolicies.length)
    expect(policies.slice(0, jobs).map((p) => p.name)).toEqual(jobFunctionNames)
    expect(jobFunctionNames).toEqual(expect.arrayContaining(classicJobFunctions))
    expect(policies.slice(0, jobs).every((p) => p.jobFunction && p.path === '/job-function/')).toBe(true)
    expect(policies.slice(jobs).every((p) => !p.jobFunction)).toBe(true)
    const powerUser = policies.find((p) => p.name === 'PowerUserAccess')
    expect(powerUser).toMatchObject({ arn: 'arn:aws:iam::aws:policy/PowerUserAccess', path: '/', jobFunction: false })
    // Descriptions come from GetPolicy, for the job-function policies and the defaults' own.
    expect(policies.find((p) => p.name === 'Billing')?.description).toMatch(/billing and cost management/)
    expect(powerUser?.description).toMatch(/does not allow management of Users and groups/)
    expect(policies.find((p) => p.name === 'SecurityAudit')?.description).toBeUndefined()
  })

  it('follows the Marker through every page', async () => {
    const holder = new ConnectionHolder()
    const connection = connectionAs(server.root)
    holder.set(connection)
    const calls = countCalls(connection)
    const policies = await createPoliciesService({ connection: holder, pageSize: 500 }).list()

    expect(calls.list()).toBe(Math.ceil(awsManagedPolicies.length / 500))
    expect(policies).toHaveLength(awsManagedPolicies.length)
    expect(new Set(policies.map((p) => p.arn)).size).toBe(awsManagedPolicies.length)
  })

  it('reads the policies once per connection, again on refresh or after connecting again', async () => {
    const holder = new ConnectionHolder()
    const first = connectionAs(server.root)
    holder.set(first)
    const calls = countCalls(first)
    const service = createPoliciesService({ connection: holder })

    // One listing is every page of 1000 (IAM's largest), over 1,400 policies.
    const pages = Math.ceil(awsManagedPolicies.length / 1000)
    const [a, b] = await Promise.all([service.list(), service.list()])
    await service.list()
    expect(b).toBe(a)
    expect(calls.list()).toBe(pages)
    // GetPolicy for each job-function policy and the two defaults outside /job-function/.
    expect(calls.get()).toBe(jobFunctionNames.length + 2)

    await service.list({ refresh: true })
    expect(calls.list()).toBe(2 * pages)

    const second = connectionAs(server.root)
    holder.set(second)
    const secondCalls = countCalls(second)
    await service.list()
    expect(secondCalls.list()).toBe(pages)
    expect(calls.list()).toBe(2 * pages)
  })

  it('says what is missing when the identity may not list policies, and tries again next time', async () => {
    const root = iamClient(server, server.root)
    await root.send(new CreateUserCommand({ UserName: 'auditor' }))
    const key = (await root.send(new CreateAccessKeyCommand({ UserName: 'auditor' }))).AccessKey
    const allow = (actions: string[]) =>
      root.send(
        new PutUserPolicyCommand({
          UserName: 'auditor',
          PolicyName: 'Allowed',
          PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] })
        })
      )
    await allow(['iam:GetAccountSummary'])
    const holder = new ConnectionHolder()
    holder.set(connectionAs({ accessKeyId: key!.AccessKeyId!, secretAccessKey: key!.SecretAccessKey! }, `arn:aws:iam::${server.accountId}:user/auditor`))
    const service = createPoliciesService({ connection: holder })

    const refused = await service.list().catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(CairnError)
    expect(refused).toMatchObject({ code: 'NO_IAM_PERMISSION', message: expect.stringMatching(/list the AWS managed policies/) })

    // Allowed to list but not to read each policy: the list comes, without descriptions.
    await allow(['iam:GetAccountSummary', 'iam:ListPolicies'])
    const policies = await service.list()
    expect(policies).toHaveLength(awsManagedPolicies.length)
    expect(policies.every((p) => p.description === undefined)).toBe(true)
  })

  it('needs a connection', async () => {
    await expect(createPoliciesService({ connection: new ConnectionHolder() }).list()).rejects.toMatchObject({ code: 'NOT_CONNECTED' })
  })
})
