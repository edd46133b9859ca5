import { describe, expect, it } from 'vitest'
import { describeStep, policyNameOf, roleDuty, roleLabel, statusWords, type PlanStep } from '../../../../src/renderer/src/screens/plan/role-words'

const step = (action: PlanStep['action'], target: PlanStep['target']): PlanStep => ({ id: 'x', role: 'dev', action, target, dependsOn: [], status: 'create' })

describe('role words', () => {
  it('names every role and what it is for', () => {
    expect(roleLabel).toEqual({ billing: 'Billing', dev: 'Development', ops: 'Operations', admin: 'Administrator' })
    for (const duty of Object.values(roleDuty)) expect(duty).toMatch(/\.$/)
  })

  it('names an AWS managed policy by the end of its ARN', () => {
    expect(policyNameOf('arn:aws:iam::aws:policy/job-function/Billing')).toBe('Billing')
    expect(policyNameOf('PowerUserAccess')).toBe('PowerUserAccess')
  })

  it('describes each planned step in the user’s words', () => {
    expect(describeStep(step('CreateGroup', { groupName: 'Developers' }))).toBe('Group Developers')
    expect(describeStep(step('AttachGroupPolicy', { groupName: 'Developers', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }))).toBe(
      'PowerUserAccess attached to Developers'
    )
    expect(describeStep(step('PutGroupPolicy', { groupName: 'Developers', policyName: 'CairnRequireMFA' }))).toBe(
      'CairnRequireMFA on Developers: API calls need MFA'
    )
    expect(describeStep(step('CreateUser', { userName: 'dev' }))).toBe('User dev')
    expect(describeStep(step('AddUserToGroup', { userName: 'dev', groupName: 'Developers' }))).toBe('dev in Developers')
    expect(describeStep(step('CreateLoginProfile', { userName: 'dev' }))).toBe('Console password for dev')
    expect(describeStep(step('CreateAccessKey', { userName: 'dev' }))).toBe('Access key for dev')
  })

  it('says what the plan will do with each step', () => {
    expect(statusWords).toEqual({ exists: 'Exists', create: 'Will create', update: 'Will update', conflict: 'Conflict' })
  })
})
