import { CreateVirtualMFADeviceCommand, GetAccountSummaryCommand, ListMFADevicesCommand, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam'
import { GetSessionTokenCommand } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpAt } from '../../src/practice/mfa/totp'
import { consecutiveCodes, iamClient, rawRequest, sdkFailure, startServer, stsClient, testClock } from './practice-clients'

type Server = Awaited<ReturnType<typeof startServer>>
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

async function practice(server: Server, method: string, path: string, body?: unknown, auth = basic(server.root.accessKeyId, server.root.secretAccessKey)) {
  const response = await rawRequest(server, {
    method,
    path,
    headers: { authorization: auth, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  return {
    status: response.status,
    date: response.headers.get('date'),
    body: JSON.parse(response.text) as Record<string, unknown> & { error?: { code: string; message: string } }
  }
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
    expect(enabled.body['mfa']).toMatchObject({ enabled: true, serialNumber, devices: [{ serialNumber, enableDate: expect.any(String) }] })
    const iam = iamClient(server, server.root)
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountMFAEnabled).toBe(1)
    const assigned = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }))
    expect(assigned.VirtualMFADevices!.map((d) => d.SerialNumber)).toEqual([serialNumber])

    const off = await practice(server, 'POST', '/_practice/root/mfa/deactivate', { serialNumber })
    expect(off.body['mfa']).toEqual({ enabled: false, serialNumber: null, devices: [], unassigned: [] })
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountMFAEnabled).toBe(0)
  })

  it('refuses a device name already taken by an IAM MFA device', async () => {
    await iamClient(server, server.root).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'taken' }))
    const clash = await practice(server, 'POST', '/_practice/root/mfa', { deviceName: 'taken' })
    expect(clash.status).toBe(409)
  })

  it("deletes root access keys and still opens with root's email and console password afterwards", async () => {
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

describe('root MFA devices in the practice root console', () => {
  const clock = testClock()
  let server: Server
  beforeAll(async () => {
    server = await startServer({ clock: clock.now })
  })
  afterAll(() => server.close())

  const defaultSerial = () => `arn:aws:iam::${server.accountId}:mfa/root-account-mfa-device`

  async function create(deviceName?: string) {
    const created = await practice(server, 'POST', '/_practice/root/mfa', deviceName === undefined ? {} : { deviceName })
    return { ...created, serialNumber: created.body['serialNumber'] as string, seed: created.body['base32StringSeed'] as string }
  }

  async function enable(serialNumber: string, seed: string) {
    const [code1, code2] = consecutiveCodes(seed, clock.now())
    return practice(server, 'POST', '/_practice/root/mfa/enable', { serialNumber, code1, code2 })
  }

  async function removeAll() {
    for (const serialNumber of [...server.state.root.mfaSerials]) await practice(server, 'POST', '/_practice/root/mfa/deactivate', { serialNumber })
  }

  it('starts the wizard over under the default name after an abandoned attempt, with a fresh seed', async () => {
    const abandoned = await create()
    expect(abandoned.status).toBe(201)
    expect((await practice(server, 'GET', '/_practice/root')).body['mfa']).toMatchObject({
      enabled: false,
      unassigned: [{ serialNumber: defaultSerial(), createDate: expect.any(String) }]
    })

    const again = await create()
    expect(again.status).toBe(201)
    expect(again.body).toMatchObject({ serialNumber: defaultSerial(), replaced: true })
    expect(again.seed).not.toBe(abandoned.seed)
    // The abandoned QR code (perhaps half-scanned into an app) no longer works.
    expect((await enable(defaultSerial(), abandoned.seed)).body.error?.code).toBe('InvalidAuthenticationCode')
    expect((await enable(defaultSerial(), again.seed)).status).toBe(200)
    await removeAll()
  })

  it("refuses the name of a device that is enabled, or that IAM made (not the wizard's to discard)", async () => {
    const first = await create()
    await enable(first.serialNumber, first.seed)
    const clash = await create()
    expect(clash.status).toBe(409)
    expect(clash.body.error).toEqual({ code: 'EntityAlreadyExists', message: 'MFADevice entity at the same path and name already exists.' })
    await removeAll()

    await iamClient(server, server.root).send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'made-by-iam' }))
    expect((await create('made-by-iam')).status).toBe(409)
  })

  it('deletes a device that was never enabled, which frees its name, but never one in use', async () => {
    const abandoned = await create('spare')
    const deleted = await practice(server, 'POST', '/_practice/root/mfa/delete', { serialNumber: abandoned.serialNumber })
    expect(deleted.status).toBe(200)
    expect(server.state.virtualMfaDevices[abandoned.serialNumber]).toBeUndefined()
    expect((deleted.body['mfa'] as { unassigned: unknown[] }).unassigned).toEqual([])
    const again = await practice(server, 'POST', '/_practice/root/mfa/delete', { serialNumber: abandoned.serialNumber })
    expect(again.status).toBe(404)
    expect(again.body.error?.code).toBe('NoSuchEntity')
    expect(await create('spare')).toMatchObject({ status: 201, body: { replaced: false } })

    const inUse = await create('in-use')
    await enable(inUse.serialNumber, inUse.seed)
    const refused = await practice(server, 'POST', '/_practice/root/mfa/delete', { serialNumber: inUse.serialNumber })
    expect(refused.status).toBe(409)
    expect(refused.body.error).toEqual({ code: 'DeleteConflict', message: 'MFA device is still in use.' })
    await removeAll()
  })

  it('holds a second device, signs in with either, and keeps AccountMFAEnabled at 1 until the last is removed', async () => {
    const phone = await create('phone')
    const tablet = await create('tablet')
    expect((await enable(phone.serialNumber, phone.seed)).status).toBe(200)
    const both = await enable(tablet.serialNumber, tablet.seed)
    expect(both.body['mfa']).toMatchObject({
      enabled: true,
      serialNumber: phone.serialNumber,
      devices: [{ serialNumber: phone.serialNumber }, { serialNumber: tablet.serialNumber }]
    })
    const iam = iamClient(server, server.root)
    expect((await iam.send(new ListMFADevicesCommand({}))).MFADevices!.map((d) => d.SerialNumber)).toEqual([phone.serialNumber, tablet.serialNumber])

    clock.advance(30_000)
    const sts = stsClient(server, server.root)
    for (const device of [phone, tablet]) {
      const session = await sts.send(new GetSessionTokenCommand({ SerialNumber: device.serialNumber, TokenCode: totpAt(device.seed, clock.now().getTime()) }))
      expect(session.Credentials!.AccessKeyId).toMatch(/^ASIA/)
    }

    const one = await practice(server, 'POST', '/_practice/root/mfa/deactivate', { serialNumber: phone.serialNumber })
    expect(one.body['mfa']).toMatchObject({ enabled: true, serialNumber: tablet.serialNumber, devices: [{ serialNumber: tablet.serialNumber }] })
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountMFAEnabled).toBe(1)
    await practice(server, 'POST', '/_practice/root/mfa/deactivate', { serialNumber: tablet.serialNumber })
    expect((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!.AccountMFAEnabled).toBe(0)
  })

  it('stops at 8 root devices with LimitExceeded, when creating and when enabling', async () => {
    const pending = []
    for (let i = 0; i < 8; i++) pending.push(await create(`quota-${i}`))
    for (const device of pending.slice(0, 7)) expect((await enable(device.serialNumber, device.seed)).status).toBe(200)
    const ninth = await create('quota-8')
    expect(ninth.status).toBe(201)
    expect((await enable(pending[7]!.serialNumber, pending[7]!.seed)).status).toBe(200)

    const quota = { code: 'LimitExceeded', message: 'Cannot exceed quota for MFADevicesPerUser: 8' }
    const enabling = await enable(ninth.serialNumber, ninth.seed)
    expect(enabling).toMatchObject({ status: 409, body: { error: quota } })
    expect(await create('quota-9')).toMatchObject({ status: 409, body: { error: quota } })
    await practice(server, 'POST', '/_practice/root/mfa/delete', { serialNumber: ninth.serialNumber })
    await removeAll()
  })

  it('resyncs a root device whose authenticator drifted, so it signs in again', async () => {
    const device = await create('drifting')
    await enable(device.serialNumber, device.seed)
    clock.advance(30_000)
    const phoneNow = () => clock.now().getTime() + 5 * 60_000
    const sts = stsClient(server, server.root)
    const signIn = () => sts.send(new GetSessionTokenCommand({ SerialNumber: device.serialNumber, TokenCode: totpAt(device.seed, phoneNow()) }))
    expect((await sdkFailure(signIn())).code).toBe('AccessDenied')

    const wrong = await practice(server, 'POST', '/_practice/root/mfa/resync', { serialNumber: device.serialNumber, code1: '111111', code2: '222222' })
    expect(wrong.body.error?.code).toBe('InvalidAuthenticationCode')
    const resynced = await practice(server, 'POST', '/_practice/root/mfa/resync', {
      serialNumber: device.serialNumber,
      code1: totpAt(device.seed, phoneNow() - 30_000),
      code2: totpAt(device.seed, phoneNow())
    })
    expect(resynced.status).toBe(200)
    clock.advance(30_000)
    expect((await signIn()).Credentials!.AccessKeyId).toMatch(/^ASIA/)

    const notRoots = await practice(server, 'POST', '/_practice/root/mfa/resync', { serialNumber: defaultSerial(), code1: '111111', code2: '222222' })
    expect(notRoots.status).toBe(404)
    await removeAll()
  })

  it("dates every reply by the service's clock, not the host's", async () => {
    const late = testClock(Date.parse('2031-05-04T03:02:01Z'))
    const other = await startServer({ clock: late.now })
    try {
      const ok = await practice(other, 'GET', '/_practice/account')
      const refused = await rawRequest(other, { method: 'GET', path: '/_practice/root' })
      for (const date of [ok.date, refused.headers.get('date')]) {
        expect(Math.abs(Date.parse(date!) - late.now().getTime())).toBeLessThan(5000)
      }
    } finally {
      await other.close()
    }
  })
})
