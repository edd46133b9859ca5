import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  AttachRolePolicyCommand,
  PutUserPolicyCommand
} from '@aws-sdk/client-iam'
import { AssumeRoleCommand, GetFederationTokenCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { totpAt } from '../../src/practice/mfa/totp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asCredentials, consecutiveCodes, iamClient, rawRequest, startServer, stsClient, testClock, type Credentials } from './practice-clients'

const billingSessionPolicy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['aws-portal:*', 'ce:*'], Resource: '*' }] })

async function signinToken(server: Awaited<ReturnType<typeof startServer>>, creds: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }) {
  const session = JSON.stringify({ sessionId: creds.AccessKeyId, sessionKey: creds.SecretAccessKey, sessionToken: creds.SessionToken })
  return rawRequest(server, { method: 'GET', path: `/federation?Action=getSigninToken&Session=${encodeURIComponent(session)}` })
}

describe('console sign-in through the federation endpoint', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  let billing: Credentials

  beforeAll(async () => {
    server = await startServer()
    const iam = iamClient(server, server.root)
    await iam.send(new CreateUserCommand({ UserName: 'billing' }))
    await iam.send(new CreateGroupCommand({ GroupName: 'Finance' }))
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'Finance', PolicyArn: 'arn:aws:iam::aws:policy/job-function/Billing' }))
    await iam.send(new AddUserToGroupCommand({ UserName: 'billing', GroupName: 'Finance' }))
    // Billing alone cannot federate (see sts.test.ts); Cairn adds this grant for console sign-in.
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'billing',
        PolicyName: 'console-sign-in',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'sts:GetFederationToken', Resource: 'arn:aws:sts::*:federated-user/cairn-billing' }]
        })
      })
    )
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'billing' }))).AccessKey!
    billing = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
  })
  afterAll(() => server.close())

  it('signs a federated user in: getSigninToken, login, then the console page shows who it is', async () => {
    const token = await stsClient(server, billing).send(new GetFederationTokenCommand({ Name: 'cairn-billing', Policy: billingSessionPolicy }))
    const tokenResponse = await signinToken(server, token.Credentials!)
    expect(tokenResponse.status).toBe(200)
    const { SigninToken } = JSON.parse(tokenResponse.text) as { SigninToken: string }
    expect(SigninToken.length).toBeGreaterThan(100)

    const login = await rawRequest(server, {
      method: 'GET',
      path: `/federation?Action=login&Issuer=${encodeURIComponent('https://cairn.local')}&Destination=${encodeURIComponent('https://console.aws.amazon.com/')}&SigninToken=${SigninToken}`
    })
    expect(login.status).toBe(302)
    expect(login.headers.get('location')).toBe('/console')
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    expect(login.headers.get('set-cookie')).toContain('HttpOnly')

    const page = await rawRequest(server, { method: 'GET', path: '/console', headers: { cookie } })
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.text).toContain(`<dd id="account">${server.accountId}</dd>`)
    expect(page.text).toContain('<dd id="federated-user">cairn-billing</dd>')
    expect(page.text).toContain('<dd id="principal">IAM user billing</dd>')
    expect(page.text).not.toContain('<script')
  })

  it('shows billing as blocked until root activates IAM access to billing information', async () => {
    const token = await stsClient(server, billing).send(new GetFederationTokenCommand({ Name: 'cairn-billing', Policy: billingSessionPolicy }))
    const { SigninToken } = JSON.parse((await signinToken(server, token.Credentials!)).text) as { SigninToken: string }
    const login = await rawRequest(server, {
      method: 'GET',
      path: `/federation?Action=login&Destination=${encodeURIComponent(`${server.endpoint}/console`)}&SigninToken=${SigninToken}`
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    const before = await rawRequest(server, { method: 'GET', path: '/console', headers: { cookie } })
    expect(before.text).toContain('IAM user and role access to Billing information is not activated')
    server.state.console.iamUserAccessToBilling = true
    const after = await rawRequest(server, { method: 'GET', path: '/console', headers: { cookie } })
    expect(after.text).toContain('<dd id="billing">available</dd>')
    server.state.console.iamUserAccessToBilling = false
  })

  it('refuses GetSessionToken credentials, like the real console', async () => {
    const session = await stsClient(server, billing).send(new GetSessionTokenCommand({}))
    expect((await signinToken(server, session.Credentials!)).status).toBe(400)
  })

  it('refuses unknown sign-in tokens and destinations off this host', async () => {
    expect(
      (await rawRequest(server, { method: 'GET', path: '/federation?Action=login&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=bogus' }))
        .status
    ).toBe(400)
    const token = await stsClient(server, billing).send(new GetFederationTokenCommand({ Name: 'cairn-billing', Policy: billingSessionPolicy }))
    const { SigninToken } = JSON.parse((await signinToken(server, token.Credentials!)).text) as { SigninToken: string }
    const evil = await rawRequest(server, {
      method: 'GET',
      path: `/federation?Action=login&Destination=${encodeURIComponent('https://evil.example/')}&SigninToken=${SigninToken}`
    })
    expect(evil.status).toBe(400)
  })

  it('shows "Not signed in" without a session and signs out', async () => {
    const anonymous = await rawRequest(server, { method: 'GET', path: '/console' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.text).toContain('Not signed in.')
    const logout = await rawRequest(server, { method: 'POST', path: '/console/logout', headers: { cookie: 'cairn-practice-console=whatever' } })
    expect(logout.status).toBe(303)
    expect(logout.headers.get('set-cookie')).toContain('Max-Age=0')
  })

  it('escapes names on the console page', async () => {
    const { consolePageHtml } = await import('../../src/practice/console-page')
    const html = consolePageHtml(server.state, {
      accessKeyId: 'none',
      federatedName: '<img src=x onerror=alert(1)>',
      principal: '<root>',
      expiresAt: Date.now() + 1000
    })
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).not.toContain('<img')
  })
})

describe('console sign-in with a role session', () => {
  const clock = testClock()
  let server: Awaited<ReturnType<typeof startServer>>
  let ops: Credentials
  let serial = ''
  let seed = ''
  const roleArn = () => `arn:aws:iam::${server.accountId}:role/BillingRole`

  beforeAll(async () => {
    server = await startServer({ clock: clock.now })
    const iam = iamClient(server, server.root)
    await iam.send(new CreateUserCommand({ UserName: 'ops' }))
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'ops' }))).AccessKey!
    ops = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'ops-phone' }))).VirtualMFADevice!
    serial = device.SerialNumber!
    seed = new TextDecoder().decode(device.Base32StringSeed)
    const [c1, c2] = consecutiveCodes(seed, clock.now())
    await iam.send(new EnableMFADeviceCommand({ UserName: 'ops', SerialNumber: serial, AuthenticationCode1: c1, AuthenticationCode2: c2 }))
    const trust = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${server.accountId}:user/ops` }, Action: 'sts:AssumeRole' }]
    }
    await iam.send(new CreateRoleCommand({ RoleName: 'BillingRole', AssumeRolePolicyDocument: JSON.stringify(trust), MaxSessionDuration: 43200 }))
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'BillingRole', PolicyArn: 'arn:aws:iam::aws:policy/job-function/Billing' }))
  })
  afterAll(() => server.close())

  async function consoleFor(creds: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string }, sessionDuration?: number) {
    const session = JSON.stringify({ sessionId: creds.AccessKeyId, sessionKey: creds.SecretAccessKey, sessionToken: creds.SessionToken })
    const duration = sessionDuration === undefined ? '' : `&SessionDuration=${sessionDuration}`
    const tokenResponse = await rawRequest(server, {
      method: 'GET',
      path: `/federation?Action=getSigninToken${duration}&Session=${encodeURIComponent(session)}`
    })
    if (tokenResponse.status !== 200) return { status: tokenResponse.status, text: tokenResponse.text }
    const { SigninToken } = JSON.parse(tokenResponse.text) as { SigninToken: string }
    const login = await rawRequest(server, {
      method: 'GET',
      path: `/federation?Action=login&Destination=${encodeURIComponent('https://console.aws.amazon.com/')}&SigninToken=${SigninToken}`
    })
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!
    return rawRequest(server, { method: 'GET', path: '/console', headers: { cookie } })
  }

  it('signs a role session in and shows the assumed-role identity, MFA and the role’s billing access', async () => {
    clock.advance(30_000)
    const assumed = await stsClient(server, ops).send(
      new AssumeRoleCommand({ RoleArn: roleArn(), RoleSessionName: 'ops-console', SerialNumber: serial, TokenCode: totpAt(seed, clock.now().getTime()) })
    )
    const page = await consoleFor(assumed.Credentials!)
    expect(page.status).toBe(200)
    expect(page.text).toContain(`<dd id="assumed-role">arn:aws:sts::${server.accountId}:assumed-role/BillingRole/ops-console</dd>`)
    expect(page.text).toContain('<dd id="mfa">present</dd>')
    expect(page.text).toContain('IAM user and role access to Billing information is not activated')
  })

  it('shows MFA as not present, and lets SessionDuration set how long the console lasts', async () => {
    const assumed = await stsClient(server, ops).send(new AssumeRoleCommand({ RoleArn: roleArn(), RoleSessionName: 'plain' }))
    const page = await consoleFor(assumed.Credentials!, 43200)
    expect(page.text).toContain('<dd id="mfa">not present</dd>')
    const expires = Date.parse(/<dd id="expires">([^<]+)<\/dd>/.exec(page.text)![1]!)
    expect(Math.round((expires - clock.now().getTime()) / 1000)).toBeCloseTo(43200, -1)
  })

  it('refuses SessionDuration for a chained role session, as AWS does, and gives its console the session’s own lifetime', async () => {
    // The daily sign-in: GetSessionToken with an MFA code, then AssumeRole with that session.
    clock.advance(30_000)
    const daily = await stsClient(server, ops).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totpAt(seed, clock.now().getTime()) }))
    const fromSession = await stsClient(server, asCredentials(daily.Credentials!)).send(
      new AssumeRoleCommand({ RoleArn: roleArn(), RoleSessionName: 'daily', DurationSeconds: 1800 })
    )
    // A role assumed with another role's session is chained too.
    const iam = iamClient(server, server.root)
    const trustBilling = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: roleArn() }, Action: 'sts:AssumeRole' }] }
    await iam.send(new CreateRoleCommand({ RoleName: 'ChainedRole', AssumeRolePolicyDocument: JSON.stringify(trustBilling), MaxSessionDuration: 43200 }))
    const fromRole = await stsClient(server, asCredentials(fromSession.Credentials!)).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${server.accountId}:role/ChainedRole`, RoleSessionName: 'second' })
    )
    for (const credentials of [fromSession.Credentials!, fromRole.Credentials!]) {
      const refused = await consoleFor(credentials, 43200)
      expect(refused.status).toBe(400)
      expect(refused.text).toMatch(/^Invalid credentials parameter/)
    }
    const page = await consoleFor(fromSession.Credentials!)
    expect(page.status).toBe(200)
    expect(page.text).toContain(`<dd id="assumed-role">arn:aws:sts::${server.accountId}:assumed-role/BillingRole/daily</dd>`)
    expect(page.text).toContain('<dd id="mfa">present</dd>')
    const expires = Date.parse(/<dd id="expires">([^<]+)<\/dd>/.exec(page.text)![1]!)
    // The credentials' Expiration, which the wire gives to the second.
    expect(Math.abs(expires - fromSession.Credentials!.Expiration!.getTime())).toBeLessThan(1000)
  })
})
