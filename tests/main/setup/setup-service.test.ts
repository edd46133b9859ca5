import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Connection, ConnectionHolder } from '../../../src/main/connect/connection'
import { createSetupService, type SetupService } from '../../../src/main/setup/setup-service'
import { defaultRoles } from '../../../src/main/setup/roles'
import { countCalls, fastRetry, practiceSetup, type PracticeSetup } from './apply/practice-setup'

/**
 * The setup service connected as if the caller were in AWS China: the practice account
 * (partition aws) behind it, so what the plan and apply send is what an aws-cn account gets.
 */
let setup: PracticeSetup
let china: Connection
let service: SetupService
beforeEach(async () => {
  setup = await practiceSetup()
  const { accountId } = setup.connection.info
  china = new Connection({ ...setup.connection.info, arn: `arn:aws-cn:iam::${accountId}:root` }, setup.server.rootCredentials!, setup.server.endpoint)
  const holder = new ConnectionHolder()
  holder.set(china)
  service = createSetupService({ connection: holder, dataDir: setup.dataDir, vault: async () => setup.vault, tuning: { retry: fastRetry } })
})
afterEach(() => setup.close())

describe('the setup service in the caller’s partition', () => {
  it('offers the default roles with the partition’s AWS managed policies', () => {
    expect(service.defaults({}).map((role) => role.policyArns)).toEqual([
      ['arn:aws-cn:iam::aws:policy/job-function/Billing'],
      ['arn:aws-cn:iam::aws:policy/PowerUserAccess'],
      ['arn:aws-cn:iam::aws:policy/job-function/SystemAdministrator']
    ])
  })

  it('plans roles chosen with arn:aws: policies with the partition’s ARNs', async () => {
    const plan = await service.plan({ roles: defaultRoles({ includeAdmin: false }) })
    expect(plan.steps.filter((step) => step.action === 'AttachGroupPolicy').map((step) => step.target.policyArn)).toEqual([
      'arn:aws-cn:iam::aws:policy/job-function/Billing',
      'arn:aws-cn:iam::aws:policy/PowerUserAccess',
      'arn:aws-cn:iam::aws:policy/job-function/SystemAdministrator'
    ])
  })

  it('applies the partition’s ARNs, so an account without them fails each attachment once, naming the policy', async () => {
    const calls = countCalls(china.clients('apply').iam)
    const { summary } = await service.apply({ roles: defaultRoles({ includeAdmin: false }) })
    expect(summary.failures.map((failure) => failure.message.split(' does not exist')[0])).toEqual([
      'The managed policy arn:aws-cn:iam::aws:policy/job-function/Billing',
      'The managed policy arn:aws-cn:iam::aws:policy/PowerUserAccess',
      'The managed policy arn:aws-cn:iam::aws:policy/job-function/SystemAdministrator'
    ])
    expect(calls.filter((call) => call === 'AttachGroupPolicyCommand')).toHaveLength(3)
  })
})
