import { CreateRoleCommand, CreateUserCommand, IAMClient, GetRoleCommand } from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient } from '@aws-sdk/client-sts'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { totpAt } from '../../../../src/practice'
import { applySetup } from '../../../../src/main/setup/apply/apply-setup'
import { readJournal, setupOfRun } from '../../../../src/main/setup/apply/journal'
import { rollbackSetup } from '../../../../src/main/setup/apply/rollback'
import { defaultRoles } from '../../../../src/main/setup/roles'
import { defaultIamRoles, signInGroupName, signInPolicyName, trustPolicy } from '../../../../src/main/setup/roles-layout'
import type { SetupSpec } from '../../../../src/main/setup/setup-layout'
import { enableDeviceInConsole } from '../../../support/console-mfa-device'
import { accountShape, countCalls, practiceSetup, type PracticeSetup } from './practice-setup'

let setup: PracticeSetup
beforeEach(async () => {
  setup = await practiceSetup()
})
afterEach(async () => {
  await setup.close()
})

const rolesLayout: SetupSpec = { layout: 'roles', signIn: { userName: 'me' }, roles: defaultIamRoles({ includeAdmin: false }) }

function rootIam(): IAMClient {
  return setup.connection.clients('read').iam
}

function stsWith(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: setup.server.endpoint, credentials, maxAttempts: 1 })
}

describe('the roles layout on a new account', () => {
  it('makes one sign-in user in People and three roles that trust only it, with MFA', async () => {
    const calls = countCalls(setup.connection.clients('apply').iam)
    const report = await applySetup(setup.options(rolesLayout))

    expect(report.outcome).toBe('done')
    expect(report.failures).toEqual([])
    expect(calls.sort()).toEqual(
      [
        'CreateGroupCommand',
        'PutGroupPolicyCommand',
        'CreateUserCommand',
        'AddUserToGroupCommand',
        'CreateLoginProfileCommand',
        'CreateAccessKeyCommand',
        ...Array(3).fill('CreateRoleCommand'),
        ...Array(3).fill('AttachRolePolicyCommand')
      ].sort()
    )
    expect(report.counts).toEqual({ created: 12, existed: 0, updated: 0, failed: 0, skipped: 0, deferred: 0 })
    expect(accountShape(setup.server)).toEqual({
      groups: { [signInGroupName]: { policies: [], inline: [signInPolicyName] } },
      users: { me: { groups: [signInGroupName], loginProfile: true, keys: 1 } }
    })

    const accountId = setup.connection.info.accountId
    const userArn = `arn:aws:iam::${accountId}:user/me`
    for (const spec of rolesLayout.roles) {
      const { Role } = await rootIam().send(new GetRoleCommand({ RoleName: spec.roleName }))
      expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual(trustPolicy(userArn))
      expect(Role!.MaxSessionDuration).toBe(3600)
      expect(Object.values(setup.server.state.roles).find((r) => r.roleName === spec.roleName)?.attachedPolicyArns).toEqual(spec.policyArns)
    }
    // The person's secrets sit in the sign-in's keychain entry, none in a role's.
    const secrets = await setup.vault.get({ accountId, role: 'sign-in' })
    expect(secrets?.accessKey?.accessKeyId).toBe(setup.server.state.users['me']?.accessKeys[0]?.accessKeyId)
    expect(secrets?.consolePassword).toBe(setup.server.state.users['me']?.loginProfile?.password)
    for (const role of ['billing', 'dev', 'ops']) expect(await setup.vault.get({ accountId, role })).toBeNull()

    const run = await readJournal(setup.journalPath)
    expect(run && setupOfRun(run)).toEqual(rolesLayout)
  })

  it('lets the sign-in assume each role only with MFA, and a role session is that role', async () => {
    await applySetup(setup.options(rolesLayout))
    const accountId = setup.connection.info.accountId
    const key = (await setup.vault.get({ accountId, role: 'sign-in' }))!.accessKey!
    const user = stsWith(key)
    const devArn = `arn:aws:iam::${accountId}:role/dev`
    await expect(user.send(new AssumeRoleCommand({ RoleArn: devArn, RoleSessionName: 'me' }))).rejects.toMatchObject({ name: 'AccessDenied' })

    const device = await enableDeviceInConsole(rootIam(), 'me')
    // The code after the one that enabled the device: AWS refuses a code used once already, and accepts the next.
    const day = await user.send(
      new GetSessionTokenCommand({ SerialNumber: device.serial, TokenCode: totpAt(device.seed, Date.now() + 30_000), DurationSeconds: 43_200 })
    )
    const dayCredentials = {
      accessKeyId: day.Credentials!.AccessKeyId!,
      secretAccessKey: day.Credentials!.SecretAccessKey!,
      sessionToken: day.Credentials!.SessionToken!
    }
    const dev = await stsWith(dayCredentials).send(new AssumeRoleCommand({ RoleArn: devArn, RoleSessionName: 'me', DurationSeconds: 3600 }))
    const identity = await stsWith({
      accessKeyId: dev.Credentials!.AccessKeyId!,
      secretAccessKey: dev.Credentials!.SecretAccessKey!,
      sessionToken: dev.Credentials!.SessionToken!
    }).send(new GetCallerIdentityCommand({}))
    expect(identity.Arn).toBe(`arn:aws:sts::${accountId}:assumed-role/dev/me`)
  })

  it('has nothing to do when applied again, and resumes as the same layout', async () => {
    await applySetup(setup.options(rolesLayout))
    const again = await applySetup(setup.options(rolesLayout))
    expect(again.runId).toBeNull()
    expect(again.counts).toMatchObject({ created: 0, existed: 12, failed: 0 })
  })

  it('rolls back exactly what it made, the sign-in keychain entry included', async () => {
    await applySetup(setup.options(rolesLayout))
    const report = await rollbackSetup({ ...setup.options(rolesLayout), journalPath: setup.journalPath })
    expect(report.outcome).toBe('done')
    expect(report.steps.map((step) => step.undo).sort()).toEqual(
      [
        'DeleteGroup',
        'DeleteGroupPolicy',
        'DeleteUser',
        'RemoveUserFromGroup',
        'DeleteLoginProfile',
        'DeleteAccessKey',
        ...Array(3).fill('DeleteRole'),
        ...Array(3).fill('DetachRolePolicy')
      ].sort()
    )
    expect(accountShape(setup.server)).toEqual({ groups: {}, users: {} })
    expect(Object.keys(setup.server.state.roles)).toEqual([])
    expect(await setup.vault.get({ accountId: setup.connection.info.accountId, role: 'sign-in' })).toBeNull()
  })

  it('will not take over a role someone else made, and says what to do', async () => {
    const foreign = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }
    await rootIam().send(new CreateRoleCommand({ RoleName: 'dev', AssumeRolePolicyDocument: JSON.stringify(foreign) }))
    const report = await applySetup(setup.options(rolesLayout))

    expect(report.outcome).toBe('blocked')
    const conflict = report.conflicts.find((c) => c.kind === 'role-trust-differs')
    expect(conflict).toMatchObject({ role: 'dev', blocking: true })
    expect(conflict?.message).toMatch(/Choose another role name/)
    expect(setup.server.state.roles['dev']?.assumeRolePolicyDocument).toEqual(foreign)
    // Everything else was set up.
    expect(Object.keys(setup.server.state.roles).sort()).toEqual(['billing', 'dev', 'ops'])
    expect(setup.server.state.roles['billing']?.attachedPolicyArns.length).toBe(1)
  })

  it('records an MFA device the sign-in user already had, in either layout, so its sessions need no MFA step', async () => {
    await rootIam().send(new CreateUserCommand({ UserName: 'me' }))
    const device = await enableDeviceInConsole(rootIam(), 'me')
    const report = await applySetup(setup.options(rolesLayout))
    expect(report.conflicts.find((c) => c.kind === 'mfa-device-found')?.message).toMatch(/Apply records it/)
    const accountId = setup.connection.info.accountId
    expect((await setup.vault.get({ accountId, role: 'sign-in' }))?.mfaSerial).toBe(device.serial)

    await rootIam().send(new CreateUserCommand({ UserName: 'dev' }))
    const devDevice = await enableDeviceInConsole(rootIam(), 'dev')
    await applySetup(setup.options(defaultRoles({ includeAdmin: false })))
    expect((await setup.vault.get({ accountId, role: 'dev' }))?.mfaSerial).toBe(devDevice.serial)
    // With a device, dev's CairnRequireMFA goes on at once rather than waiting for the MFA step.
    expect(Object.keys(setup.server.state.groups['developers']?.inlinePolicies ?? {})).toEqual(['CairnRequireMFA'])
  })

  it('sits beside the guide’s three users without touching them', async () => {
    const guide = defaultRoles({ includeAdmin: false })
    await applySetup(setup.options(guide))
    const before = accountShape(setup.server)
    const report = await applySetup(setup.options(rolesLayout))

    expect(report.outcome).toBe('done')
    expect(report.conflicts.find((c) => c.kind === 'moving-from-users')?.message).toMatch(/billing, dev and ops/)
    const after = accountShape(setup.server)
    for (const name of ['billing', 'dev', 'ops']) expect(after.users[name]).toEqual(before.users[name])
    for (const name of ['Finance', 'Developers', 'Operations']) expect(after.groups[name]).toEqual(before.groups[name])
    expect(after.users['me']).toEqual({ groups: [signInGroupName], loginProfile: true, keys: 1 })
  })
})
