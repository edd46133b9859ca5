import { describe, expect, it } from 'vitest'
import { doWords, stepTitle, subjectFromId, undoWords, type StepSubject } from '../../../../src/renderer/src/screens/apply/step-words'

describe('step words', () => {
  it('reads what a step is about from its id, when the plan is gone', () => {
    expect(subjectFromId('group:Developers')).toEqual({ action: 'CreateGroup', target: { groupName: 'Developers' } })
    expect(subjectFromId('attach:Developers:arn:aws:iam::aws:policy/PowerUserAccess')).toEqual({
      action: 'AttachGroupPolicy',
      target: { groupName: 'Developers', policyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }
    })
    expect(subjectFromId('inline-policy:Developers:CairnRequireMFA')).toEqual({
      action: 'PutGroupPolicy',
      target: { groupName: 'Developers', policyName: 'CairnRequireMFA' }
    })
    expect(subjectFromId('user:dev')).toEqual({ action: 'CreateUser', target: { userName: 'dev' } })
    expect(subjectFromId('membership:dev:Developers')).toEqual({ action: 'AddUserToGroup', target: { userName: 'dev', groupName: 'Developers' } })
    expect(subjectFromId('login-profile:dev')).toEqual({ action: 'CreateLoginProfile', target: { userName: 'dev' } })
    expect(subjectFromId('access-key:dev')).toEqual({ action: 'CreateAccessKey', target: { userName: 'dev' } })
    expect(subjectFromId('something-new:dev')).toBeNull()
  })

  it('says what each step does, and what a rollback does to take it back', () => {
    const cases: Array<[string, string, string]> = [
      ['group:Developers', 'Create the group Developers', 'Delete the group Developers'],
      ['attach:Developers:arn:aws:iam::aws:policy/PowerUserAccess', 'Attach PowerUserAccess to Developers', 'Detach PowerUserAccess from Developers'],
      ['inline-policy:Developers:CairnRequireMFA', 'Put CairnRequireMFA on Developers (API calls need MFA)', 'Remove CairnRequireMFA from Developers'],
      ['user:dev', 'Create the user dev', 'Delete the user dev'],
      ['membership:dev:Developers', 'Add dev to Developers', 'Remove dev from Developers'],
      ['login-profile:dev', 'Give dev a console password (into your keychain)', "Delete dev's console password (and its keychain copy)"],
      ['access-key:dev', 'Create an access key for dev (into your keychain)', "Delete dev's access key (and its keychain copy)"]
    ]
    for (const [id, done, undone] of cases) {
      const subject = subjectFromId(id) as StepSubject
      expect(doWords(subject)).toBe(done)
      expect(undoWords(subject)).toBe(undone)
    }
  })

  it('names a row from the plan first, then from its id, and falls back to the id itself', () => {
    const known = new Map<string, StepSubject>([['user:dev', { action: 'CreateUser', target: { userName: 'developer' } }]])
    expect(stepTitle('user:dev', known, doWords)).toBe('Create the user developer')
    expect(stepTitle('user:ops', known, doWords)).toBe('Create the user ops')
    expect(stepTitle('mystery', known, doWords)).toBe('mystery')
  })
})
