import { CreateVirtualMFADeviceCommand, GetAccountSummaryCommand, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consecutiveCodes, iamClient, rawRequest, startServer, testClock } from './practice-clients'

type Server = Awaited<ReturnType<typeof startServer>>
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

async function practice(server: Server, method: string, path: string, body?: unknown, auth = basic(server.root.accessKeyId, server.root.secretAccessKey)) {
  const response = await rawRequest(server, {
    method,
    path,
    headers: { authorization: auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  return { status: response.status, body: JSON.parse(response.text) as Record<string, unknown> & { error?: { code: string; message: string } } }
}

describe('the practice root console (/_practice)', () => {
  const clock = testClock()
  let server: Server
  beforeAll(async () => {
    server = await startServer({ clock: clock.now })
  })
  afterAll(() => server.close())

  it('refuses anyone but root', async () => {
    const anonymous = await rawRequest(server, { method: 'GET', path: '/_practice/account' })
    expect(anonymous.status).toBe(401)
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic')
    expect((await practice(server, 'GET', '/_practice/account', undefined, basic(server.root.accessKeyId, 'wrong'))).status).toBe(401)
  })

  it('reads the account contact information', async () => {
    const { status, body } = await practice(server, 'GET', '/_practice/account')
    expect(status).toBe(200)
    expect(body).toMatchObject({ accountId: server.accountId, email: server.rootConsole.email, billingAccessForIamUsers: false })
    expect(typeof body['phone']).toBe('string')
  })

  it('turns IAM user access to billing information on and off', async () => {
    expect((await practice(server, 'PUT', '/_practice/account/billing-access', { enabled: true })).body['billingAccessForIamUsers']).toBe(true)
    expect(server.state.console.iamUserAccessToBilling).toBe(true)
    expect((await practice(server, 'PUT', '/_practice/account/billing-access', { enabled: 'yes' })).status).toBe(400)
    await practice(server, 'PUT', '/_practice/account/billing-access', { enabled: false })
    expect(server.state.console.iamUserAccessToBilling).toBe(false)
  })

  it('enables root MFA with a QR code and two codes, which GetAccountSummary then reports', async () => {
    const created = await practice(server, 'POST', '/_practice/root/mfa', {})
    expect(created.status).toBe(201)
    const { serialNumber, base32StringSeed, qrCodePng, otpauthUri } = created.body as Record<string, string>
    expect(serialNumber).toBe(`arn:aws:iam::${server.accountId}:mfa/root-account-mfa-device`)
    expect(otpauthUri).toBe(`otpauth://totp/root-account-mfa-device@${server.accountId}?secret=${base32StringSeed}`)
    expect(Buffer.from(qrCodePng!, 'base64').subarray(1, 4).toString()).toBe('PNG')

    const wrong = await practice(server, 'POST', '/_practice/root/mfa/enable', { serialNumber, code1: '111111', code2: '222222' })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error?.code).toBe('InvalidAuthenticationCode')

    const [code1, code2] = consecutiveCodes(base32StringSeed!, clock.now())
    const enabled = await practice(server, 'POST', '/_practice/root/mfa/enable', { serialNumber, code1, code2 })
    expect(enabled.status).toBe(200)
    expect(enabled.body['mfa']).toEqual({ enabled: true, serialNumber })
    const iam = iamClient(server, server.root)
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountMFAEnabled).toBe(1)
    const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }))
    expect(assigned.VirtualMFADevices!.map((d) => d.SerialNumber)).toEqual([serialNumber])

    const off = await practice(server, 'POST', '/_practice/root/mfa/deactivate', { serialNumber })
    expect(off.body['mfa']).toEqual({ enabled: false, serialNumber: null })
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountMFAEnabled).toBe(0)
  })

  it('refuses a device name already taken by an IAM MFA device', async () => {
    await iamClient(server, server.root).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'taken' }))
    const clash = await practice(server, 'POST', '/_practice/root/mfa', { deviceName: 'taken' })
    expect(clash.status).toBe(409)
  })

  it('deletes root access keys and still opens with root\'s email and console password afterwards', async () => {
    const created = await practice(server, 'POST', '/_practice/root/access-keys')
    expect(created.status).toBe(201)
    const second = created.body['accessKeyId'] as string
    expect((await practice(server, 'POST', '/_practice/root/access-keys')).body.error?.code).toBe('LimitExceeded')
    await practice(server, 'DELETE', `/_practice/root/access-keys/${second}`)
    const gone = await practice(server, 'DELETE', `/_practice/root/access-keys/${server.root.accessKeyId}`)
    expect(gone.body['accessKeys']).toEqual([])
    expect((await practice(server, 'GET', '/_practice/root')).status).toBe(401)

    const asRoot = basic(server.rootConsole.email, server.rootConsole.password)
    const view = await practice(server, 'GET', '/_practice/root', undefined, asRoot)
    expect(view.status).toBe(200)
    expect(view.body['accessKeys']).toEqual([])
  })
})
