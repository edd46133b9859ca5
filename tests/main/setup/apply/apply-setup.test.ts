import { CreateGroupCommand, CreateUserCommand, IAMClient, AddUserToGroupCommand, CreateAccessKeyCommand } from '@aws-sdk/client-iam'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applySetup } from '../../../../src/main/setup/apply/apply-setup'
import type { StepProgress } from '../../../../src/main/setup/apply/progress'
import { readJournal } from '../../../../src/main/setup/apply/journal'
import { defaultRoles } from '../../../../src/main/setup/roles'
import { defaultShape } from './default-shape'
import { accountShape, countCalls, practiceSetup, vaultProblems, type PracticeSetup } from './practice-setup'

let setup: PracticeSetup
beforeEach(async () => {
  setup = await practiceSetup()
})
afterEach(async () => {
  await setup.close()
})

const roles = defaultRoles({ includeAdmin: false })

describe('applying the default plan to a new account', () => {
  it('creates exactly the groups, attachments, users, memberships, passwords and keys', async () => {
    const calls = countCalls(setup.connection.clients('apply').iam)
    const report = await applySetup(setup.options(roles))

    expect(report.outcome).toBe('done')
    expect(report.failures).toEqual([])
    expect(accountShape(setup.server)).toEqual(defaultShape)
    expect(calls.sort()).toEqual(
      [
        ...Array(3).fill('CreateGroupCommand'),
        ...Array(3).fill('AttachGroupPolicyCommand'),
        ...Array(3).fill('CreateUserCommand'),
        ...Array(3).fill('AddUserToGroupCommand'),
        ...Array(3).fill('CreateLoginProfileCommand'),
        ...Array(2).fill('CreateAccessKeyCommand')
      ].sort()
    )
    expect(report.counts).toEqual({ created: 17, existed: 0, updated: 0, failed: 0, skipped: 0, deferred: 2 })
    expect(await vaultProblems(setup, roles)).toEqual([])
  })

  it('leaves the MFA-only policies for enrolment and says why', async () => {
    const report = await applySetup(setup.options(roles))
    const deferred = report.steps.filter((s) => s.action === 'PutGroupPolicy')
    expect(deferred.map((s) => s.id).sort()).toEqual(['inline-policy:Developers:CairnRequireMFA', 'inline-policy:Operations:CairnRequireMFA'])
    for (const step of deferred) {
      expect(step.outcome).toBe('skipped')
      expect(step.message).toMatch(/once (dev|ops) has an MFA device/)
    }
  })

  it('gives each user with a key a key from the keychain that signs as that user, and no more than its policy allows', async () => {
    await applySetup(setup.options(roles))
    const accountId = setup.connection.info.accountId
    for (const role of ['dev', 'ops'] as const) {
      const key = (await setup.vault.get({ accountId, role }))?.accessKey
      expect(key?.accessKeyId).toMatch(/^AKIA/)
      const config = {
        endpoint: setup.server.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: key!.accessKeyId, secretAccessKey: key!.secretAccessKey },
        maxAttempts: 1
      }
      const identity = await new STSClient(config).send(new GetCallerIdentityCommand({}))
      expect(identity.Arn).toBe(`arn:aws:iam::${accountId}:user/${role}`)
      // PowerUserAccess and SystemAdministrator do not include creating IAM users.
      const refused = await new IAMClient(config).send(new CreateUserCommand({ UserName: `${role}-was-here` })).catch((e: { Code?: string }) => e.Code)
      expect(refused).toBe('AccessDenied')
    }
  })

  it('puts billing’s console password in the keychain, and no key', async () => {
    await applySetup(setup.options(roles))
    const billing = await setup.vault.get({ accountId: setup.connection.info.accountId, role: 'billing' })
    expect(billing?.consolePassword).toBe(setup.server.state.users['billing']?.loginProfile?.password)
    expect(billing?.accessKey).toBeUndefined()
  })

  it('streams each step: waiting, running, then done', async () => {
    const events: StepProgress[] = []
    await applySetup(setup.options(roles, { onProgress: (p) => events.push(p) }))
    const of = (id: string) => events.filter((e) => e.stepId === id).map((e) => e.state)
    expect(of('user:dev')).toEqual(['waiting', 'running', 'done'])
    expect(of('access-key:dev')).toEqual(['waiting', 'running', 'done'])
    expect(of('inline-policy:Developers:CairnRequireMFA')).toEqual(['skipped'])
    // A step starts only after what it depends on is done.
    const index = (id: string, state: string) => events.findIndex((e) => e.stepId === id && e.state === state)
    expect(index('membership:dev:Developers', 'running')).toBeGreaterThan(index('user:dev', 'done'))
    expect(index('membership:dev:Developers', 'running')).toBeGreaterThan(index('group:Developers', 'done'))
  })

  it('records the run in a journal with ids and names, never a secret', async () => {
    const report = await applySetup(setup.options(roles))
    const run = await readJournal(setup.journalPath)
    expect(run).toMatchObject({ runId: report.runId, state: 'finished', accountId: setup.connection.info.accountId })
    expect(Object.values(run!.steps).every((s) => s.state === 'done' && s.created)).toBe(true)
    const text = JSON.stringify(run)
    const accountId = setup.connection.info.accountId
    for (const role of ['dev', 'ops'] as const) {
      const secrets = await setup.vault.get({ accountId, role })
      expect(text).toContain(secrets!.accessKey!.accessKeyId)
      expect(text).not.toContain(secrets!.accessKey!.secretAccessKey)
      expect(text).not.toContain(secrets!.consolePassword)
    }
  })
})

describe('applying again', () => {
  it('creates nothing: zero create calls, same account, same keychain', async () => {
    await applySetup(setup.options(roles))
    const shape = accountShape(setup.server)
    const vaultBefore = await Promise.all(roles.map((r) => setup.vault.get({ accountId: setup.connection.info.accountId, role: r.role })))
    const idsBefore = setup.server.state.idCounter
    const calls = countCalls(setup.connection.clients('apply').iam)

    const again = await applySetup(setup.options(roles))

    expect(calls).toEqual([])
    expect(setup.server.state.idCounter).toBe(idsBefore)
    expect(again.runId).toBeNull()
    expect(again.outcome).toBe('done')
    expect(again.counts).toMatchObject({ created: 0, existed: 17, deferred: 2 })
    expect(accountShape(setup.server)).toEqual(shape)
    expect(await Promise.all(roles.map((r) => setup.vault.get({ accountId: setup.connection.info.accountId, role: r.role })))).toEqual(vaultBefore)
  })

  it('makes only what is missing when part of the setup is already there', async () => {
    const { iam } = setup.connection.clients('read')
    await iam.send(new CreateGroupCommand({ GroupName: 'Developers' }))
    await iam.send(new CreateUserCommand({ UserName: 'dev' }))
    const calls = countCalls(setup.connection.clients('apply').iam)
    const report = await applySetup(setup.options(roles))
    expect(report.outcome).toBe('done')
    expect(calls.filter((c) => c === 'CreateGroupCommand')).toHaveLength(2)
    expect(calls.filter((c) => c === 'CreateUserCommand')).toHaveLength(2)
    expect(accountShape(setup.server)).toEqual(defaultShape)
    // Found in place, so not this run's: rollback must leave them.
    expect(report.steps.find((s) => s.id === 'group:Developers')).toMatchObject({ outcome: 'done', created: false })
  })
})

describe('conflicts', () => {
  it('are reported, and only the conflicting steps and what waits on them are held back', async () => {
    const { iam } = setup.connection.clients('read')
    // "DEV" is the same IAM user as "dev": the plan cannot create dev.
    await iam.send(new CreateUserCommand({ UserName: 'DEV' }))
    await iam.send(new CreateGroupCommand({ GroupName: 'Legacy' }))
    await iam.send(new AddUserToGroupCommand({ UserName: 'DEV', GroupName: 'Legacy' }))
    // ops has two keys already, none in the keychain: IAM's quota.
    await iam.send(new CreateUserCommand({ UserName: 'ops' }))
    await iam.send(new CreateAccessKeyCommand({ UserName: 'ops' }))
    await iam.send(new CreateAccessKeyCommand({ UserName: 'ops' }))

    const report = await applySetup(setup.options(roles))

    expect(report.outcome).toBe('blocked')
    expect(report.conflicts.map((c) => c.kind).sort()).toEqual(['access-key-quota', 'name-differs-by-case'])
    const outcome = (id: string) => report.steps.find((s) => s.id === id)?.outcome
    expect(outcome('user:dev')).toBe('skipped')
    expect(outcome('membership:dev:Developers')).toBe('skipped')
    expect(outcome('access-key:ops')).toBe('skipped')
    expect(outcome('group:Developers')).toBe('done')
    expect(outcome('login-profile:ops')).toBe('done')
    expect(accountShape(setup.server).users['ops']).toEqual({ groups: ['Operations'], loginProfile: true, keys: 2 })
    expect(accountShape(setup.server).users['billing']).toEqual(defaultShape.users.billing)
  })
})

describe('eventual consistency on writes', () => {
  // The practice account hides new entities from reads and policy attachments only; IAM can
  // also answer other writes about a user made a moment ago with NoSuchEntity. Injected here,
  // once, on dev's AddUserToGroup.
  function lagOnce(command: string, userName: string) {
    let injected = false
    setup.connection.clients('apply').iam.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { UserName?: string }
        if (!injected && context.commandName === command && input.UserName === userName) {
          injected = true
          throw Object.assign(new Error(`The user with name ${userName} cannot be found.`), {
            name: 'NoSuchEntityException',
            Code: 'NoSuchEntity',
            $fault: 'client',
            $metadata: { httpStatusCode: 404 }
          })
        }
        return next(args)
      },
      { step: 'initialize', name: 'lag-once' }
    )
  }

  it('retries "not found" about a user this run just created', async () => {
    lagOnce('AddUserToGroupCommand', 'dev')
    const events: StepProgress[] = []
    const report = await applySetup(setup.options(roles, { onProgress: (p) => events.push(p) }))
    expect(report.outcome).toBe('done')
    expect(events.find((e) => e.stepId === 'membership:dev:Developers' && e.state === 'retrying')?.message).toMatch(/does not see the latest change yet/)
    expect(accountShape(setup.server)).toEqual(defaultShape)
  })

  it('fails at once on "not found" about a user it did not create, and says what it means', async () => {
    const { iam } = setup.connection.clients('read')
    await iam.send(new CreateUserCommand({ UserName: 'dev' }))
    lagOnce('AddUserToGroupCommand', 'dev')
    const report = await applySetup(setup.options(roles))
    expect(report.outcome).toBe('failed')
    expect(report.failures).toEqual([
      { stepId: 'membership:dev:Developers', code: 'NoSuchEntity', message: expect.stringMatching(/dev does not exist .* Plan again\./) }
    ])
    expect(report.steps.find((s) => s.id === 'login-profile:dev')?.outcome).toBe('done')
  })
})

describe('a managed policy the account does not have', () => {
  const withBillingPolicy = (policyArn: string) => roles.map((spec) => (spec.role === 'billing' ? { ...spec, policyArns: [policyArn] } : spec))

  // AWS China's ARN (the practice account, like an account of partition aws, has no such
  // policy), and a name AWS has in no partition.
  for (const policyArn of ['arn:aws-cn:iam::aws:policy/job-function/Billing', 'arn:aws:iam::aws:policy/job-function/NoSuchJobFunction']) {
    it(`fails the attachment on the first answer, naming ${policyArn}, and sets the rest up`, async () => {
      const calls = countCalls(setup.connection.clients('apply').iam)
      const events: StepProgress[] = []
      const report = await applySetup(setup.options(withBillingPolicy(policyArn), { onProgress: (p) => events.push(p) }))

      expect(report.outcome).toBe('failed')
      const named = expect.stringContaining(`The managed policy ${policyArn} does not exist in this account`)
      expect(report.failures).toEqual([{ stepId: `attach:Finance:${policyArn}`, code: 'NoSuchEntity', message: named }])
      expect(report.failures[0]?.message).not.toMatch(/Finance does not exist/)
      // One AttachGroupPolicy per group: nothing was sent again, nothing waited.
      expect(calls.filter((call) => call === 'AttachGroupPolicyCommand')).toHaveLength(3)
      expect(events.filter((event) => event.state === 'retrying')).toEqual([])
      expect(report.counts).toMatchObject({ created: 16, failed: 1, skipped: 0 })
      expect(accountShape(setup.server).groups['Finance']).toEqual({ policies: [], inline: [] })
      expect(accountShape(setup.server).users['billing']).toEqual(defaultShape.users.billing)
    }, 60_000)
  }
})
