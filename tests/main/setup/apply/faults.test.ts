import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { applySetup } from '../../../../src/main/setup/apply/apply-setup'
import type { StepProgress } from '../../../../src/main/setup/apply/progress'
import { defaultRoles } from '../../../../src/main/setup/roles'
import { defaultIamRoles } from '../../../../src/main/setup/roles-layout'
import type { SetupSpec } from '../../../../src/main/setup/setup-layout'
import { defaultShape } from './default-shape'
import { accountShape, answersTo, practiceSetup, vaultProblems, type PracticeSetup } from './practice-setup'

const roles = defaultRoles({ includeAdmin: false })
let setup: PracticeSetup | undefined
afterEach(async () => {
  await setup?.close()
  setup = undefined
})

/** Until AWS accepts a key made moments ago. */
async function identityOnceValid(setupNow: PracticeSetup, role: 'dev' | 'ops'): Promise<string | undefined> {
  const key = (await setupNow.vault.get({ accountId: setupNow.connection.info.accountId, role }))!.accessKey!
  const sts = new STSClient({
    endpoint: setupNow.server.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
    maxAttempts: 1
  })
  for (let i = 0; ; i++) {
    try {
      return (await sts.send(new GetCallerIdentityCommand({}))).Arn
    } catch (error) {
      if ((error as { Code?: string }).Code !== 'InvalidClientTokenId' || i > 100) throw error
      await new Promise((r) => setTimeout(r, 100))
    }
  }
}

const rolesLayout: SetupSpec = { layout: 'roles', signIn: { userName: 'me' }, roles: defaultIamRoles({ includeAdmin: true }) }

/** The roles layout as the account holds it: the roles with their policies and trust, and the sign-in user. */
function rolesLayoutShape(current: PracticeSetup) {
  const roles = Object.values(current.server.state.roles).map((r) => [
    r.roleName,
    r.attachedPolicyArns,
    JSON.stringify(r.assumeRolePolicyDocument).includes(':user/me')
  ])
  return { ...accountShape(current.server), roles: roles.sort() }
}

describe('the roles layout under the practice account’s faults', () => {
  let clean: ReturnType<typeof rolesLayoutShape>
  beforeAll(async () => {
    const fresh = await practiceSetup()
    expect((await applySetup(fresh.options(rolesLayout))).outcome).toBe('done')
    clean = rolesLayoutShape(fresh)
    await fresh.close()
  })

  it('ends like a clean run with 20% throttling and 10% server errors', async () => {
    for (const seed of [4, 5]) {
      setup = await practiceSetup({ faults: { seed, throttleRate: 0.2, serverErrorRate: 0.1 } })
      const events: StepProgress[] = []
      const report = await applySetup(setup.options(rolesLayout, { onProgress: (p) => events.push(p) }))
      expect(report.failures).toEqual([])
      expect(report.outcome).toBe('done')
      expect(events.some((e) => e.state === 'retrying')).toBe(true)
      expect(rolesLayoutShape(setup)).toEqual(clean)
      await setup.close()
    }
    setup = undefined
  })

  it('ends like a clean run with 300 ms of eventual consistency, and applying again at once converges', async () => {
    setup = await practiceSetup({ consistencyDelayMs: 300 })
    const options = setup.options(rolesLayout, { newKeyVisibleAfterMs: 1000 })
    const first = await applySetup(options)
    expect(first.failures).toEqual([])
    const again = await applySetup(options)
    expect(again.failures).toEqual([])
    expect(rolesLayoutShape(setup)).toEqual(clean)
  })
})

describe('apply under the practice account’s faults', () => {
  for (const seed of [1, 2, 3]) {
    it(`ends like a clean run with 20% throttling and 10% server errors (seed ${seed})`, async () => {
      setup = await practiceSetup({ faults: { seed, throttleRate: 0.2, serverErrorRate: 0.1 } })
      const events: StepProgress[] = []
      const report = await applySetup(setup.options(roles, { onProgress: (p) => events.push(p) }))
      expect(report.failures).toEqual([])
      expect(report.outcome).toBe('done')
      expect(events.some((e) => e.state === 'retrying')).toBe(true)
      expect(accountShape(setup.server)).toEqual(defaultShape)
      expect(await vaultProblems(setup, roles)).toEqual([])
    })
  }

  it('ends like a clean run with 300 ms of eventual consistency, and applying again at once converges', async () => {
    setup = await practiceSetup({ consistencyDelayMs: 300 })
    const options = setup.options(roles, { newKeyVisibleAfterMs: 1000 })
    expect((await applySetup(options)).outcome).toBe('done')
    // Nothing new is visible yet: the plan says "create" for all of it, and apply must converge.
    const again = await applySetup(options)
    expect(again.failures).toEqual([])
    expect(accountShape(setup.server)).toEqual(defaultShape)
    expect(await vaultProblems(setup, roles)).toEqual([])
    expect(await identityOnceValid(setup, 'dev')).toMatch(/:user\/dev$/)
  })

  it('ends like a clean run with 3 s of eventual consistency (new users and keys invisible that long)', async () => {
    setup = await practiceSetup({ consistencyDelayMs: 3000 })
    const options = setup.options(roles, { newKeyVisibleAfterMs: 4000 })
    expect((await applySetup(options)).outcome).toBe('done')
    const again = await applySetup(options)
    expect(again.failures).toEqual([])
    expect(accountShape(setup.server)).toEqual(defaultShape)
    expect(await vaultProblems(setup, roles)).toEqual([])
    expect(await identityOnceValid(setup, 'ops')).toMatch(/:user\/ops$/)
  }, 60_000)

  it('retries attaching a policy to a group IAM does not see yet, then attaches it', async () => {
    setup = await practiceSetup({ consistencyDelayMs: 1000 })
    const events: StepProgress[] = []
    const report = await applySetup(setup.options(roles, { newKeyVisibleAfterMs: 1500, onProgress: (p) => events.push(p) }))
    expect(report.failures).toEqual([])
    const retried = events.filter((e) => e.state === 'retrying' && e.stepId.startsWith('attach:'))
    const attachments = Object.entries(defaultShape.groups).map(([group, { policies }]) => `attach:${group}:${policies[0]}`)
    expect(new Set(retried.map((e) => e.stepId))).toEqual(new Set(attachments))
    for (const event of retried) expect(event.message).toMatch(/does not see the latest change yet/)
    expect(accountShape(setup.server)).toEqual(defaultShape)
  })

  it('waits for a group IAM does not see yet, then fails at once on a policy the account does not have', async () => {
    setup = await practiceSetup({ consistencyDelayMs: 1000 })
    const missing = 'arn:aws-cn:iam::aws:policy/job-function/Billing'
    const answers = answersTo(setup.connection.clients('apply').iam, 'AttachGroupPolicyCommand', { GroupName: 'Finance' })
    const withMissing = roles.map((spec) => (spec.role === 'billing' ? { ...spec, policyArns: [missing] } : spec))
    const report = await applySetup(setup.options(withMissing, { newKeyVisibleAfterMs: 1500 }))
    const named = expect.stringContaining(`The managed policy ${missing} does not exist`)
    expect(report.failures).toEqual([{ stepId: `attach:Finance:${missing}`, code: 'NoSuchEntity', message: named }])
    // Sent again while Finance was not visible, and not once more after AWS named the policy.
    expect(answers.length).toBeGreaterThan(1)
    expect(answers.slice(0, -1)).toEqual(Array(answers.length - 1).fill('The group with name Finance cannot be found.'))
    expect(answers.at(-1)).toBe(`Policy ${missing} does not exist or is not attachable.`)
  })

  it('ends like a clean run with everything at once: throttling, server errors and 300 ms of lag', async () => {
    setup = await practiceSetup({ faults: { seed: 7, throttleRate: 0.2, serverErrorRate: 0.1, consistencyDelayMs: 300 } })
    const report = await applySetup(setup.options(roles, { newKeyVisibleAfterMs: 1000 }))
    expect(report.failures).toEqual([])
    expect(accountShape(setup.server)).toEqual(defaultShape)
    expect(await vaultProblems(setup, roles)).toEqual([])
  })
})
