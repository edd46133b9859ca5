import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers, type Services } from '../../../src/main/handlers'
import { createDispatcher, type Dispatcher, type Handlers } from '../../../src/main/ipc/dispatcher'
import { APP_ORIGIN, type SenderInfo } from '../../../src/main/ipc/trusted-sender'
import { startEmbeddedPractice, type EmbeddedPractice } from '../../../src/practice'
import { isolatedPlace, isolatedServicesInput } from '../../support/isolated-services'
import { createServices } from '../../../src/main/services'
import { loadSearchableKeytar } from '../../../src/main/vault/secret-store'
import { channelNames, channels, isChannelName, type ChannelName } from '../../../src/shared/contract'
import { errorCodes, type IpcResult } from '../../../src/shared/errors'

/**
 * Property-based fuzzing of the one IPC entry point, with the real handlers on a real practice
 * account, data folder, home, AWS config file and keychain service of this test's own.
 * Every payload sent is one the contract rejects (checked with the channel's own schema), so
 * every answer must be a typed error that leaks nothing, no handler may run, and nothing may
 * change. Deterministic: fixed seeds, so a failure replays.
 */

const SEED = 0x0ca1125
const RUNS_PER_CHANNEL = 45
const RUNS_UNTRUSTED_PER_CHANNEL = 6
const RUNS_UNKNOWN_CHANNEL = 150
const MB = 1024 * 1024
/** In every string value the fuzzer makes up, so an echo in an answer is found. */
const CANARY = 'zzCanary7Q'
const POLLUTED = 'cairnFuzzPolluted'

const appWindow: SenderInfo = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true }

// ---------------------------------------------------------------------------------------------
// Valid requests, one per channel, as the seeds the near-valid payloads are mutated from.
// A channel missing here is still fuzzed with everything else; the last test asks for it.
const validExamples: Partial<Record<ChannelName, Record<string, unknown>>> = {
  'app.info': {},
  'app.openExternal': { url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html' },
  'journey.get': {},
  'journey.update': { account: 'practice', current: 'plan', done: 'status' },
  'journey.reset': {},
  'practice.status': {},
  'mfa.rootCheck': { account: 'practice' },
  'mfa.practiceRootEnroll': {},
  'mfa.practiceRootConfirm': { enrollmentId: '3f1c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f', code1: '123456', code2: '654321' },
  'mfa.enroll': { role: 'dev', userName: 'cairn-dev', replaces: 'arn:aws:iam::111122223333:mfa/cairn-dev' },
  'mfa.showSecret': { enrollmentId: '3f1c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f' },
  'mfa.confirm': { enrollmentId: '3f1c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f', code1: '123456', code2: '654321' },
  'mfa.resync': { role: 'ops', serial: 'arn:aws:iam::111122223333:mfa/cairn-ops', code1: '123456', code2: '654321' },
  'mfa.abandon': { enrollmentId: '3f1c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f' },
  'mfa.devices': { role: 'billing', userName: 'cairn-billing' },
  'mfa.remove': { role: 'billing', serial: 'arn:aws:iam::111122223333:mfa/cairn-billing' },
  'mfa.useDevice': { role: 'dev', serial: 'arn:aws:iam::111122223333:mfa/dev-phone' },
  'connect.practice': {},
  'connect.withKeys': { accessKeyId: 'ASIA' + 'FUZZFUZZFUZZFUZZ', secretAccessKey: 'x'.repeat(40), sessionToken: 'token', endpoint: 'http://127.0.0.1:9' },
  'connect.status': {},
  'connect.disconnect': {},
  'audit.scan': { adminGroupName: 'Admins' },
  'audit.fix': { fixId: 'set-password-policy' },
  'setup.defaults': { includeAdmin: true },
  'setup.rolesLayoutDefaults': { includeAdmin: true },
  'setup.plan': { roles: [roleSpec()] },
  'setup.apply': { operationId: '3f1c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f', roles: [roleSpec()] },
  'setup.resume': { operationId: '3f1c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f' },
  'setup.rollback': { operationId: '3f1c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f' },
  'setup.deleteBootstrapKey': { confirm: true },
  'setup.lastRun': {},
  'policies.list': { refresh: true },
  'profiles.list': {},
  'profiles.switch': { role: 'dev' },
  'profiles.refreshSession': { role: 'dev', code: '123456' },
  'profiles.signIn': { code: '123456', serial: 'arn:aws:iam::111122223333:mfa/me' },
  'profiles.openConsole': { role: 'billing' },
  'profiles.writeConfig': {},
  'profiles.setDefault': { role: 'active' },
  'profiles.remove': { role: 'ops' },
  'guide.rootMfa': {},
  'guide.rootAccessKeys': {},
  'guide.billingAccess': {},
  'guide.checkBilling': { account: 'practice' },
  'guide.activatePracticeBilling': {}
}

function roleSpec(): Record<string, unknown> {
  return {
    role: 'dev',
    userName: 'cairn-dev',
    groupName: 'Developers',
    policyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    consoleAccess: { enabled: true, passwordResetRequired: true },
    accessKey: true,
    requireMfaForApi: false
  }
}

/** Channels that take more than one shape (the roles layout, the sign-in user): those shapes are mutated too. */
const rolesLayoutRequest = {
  layout: 'roles',
  signIn: { userName: 'me' },
  roles: [{ role: 'dev', roleName: 'dev', policyArns: ['arn:aws:iam::aws:policy/PowerUserAccess'], maxSessionHours: 1 }]
}
const otherShapes: Partial<Record<ChannelName, Array<Record<string, unknown>>>> = {
  'setup.plan': [rolesLayoutRequest],
  'setup.apply': [{ operationId: '3f1c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f', ...rolesLayoutRequest }],
  'mfa.enroll': [{ role: 'sign-in', userName: 'me' }],
  'mfa.useDevice': [{ role: 'sign-in', serial: 'arn:aws:iam::111122223333:mfa/me-phone' }]
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

/** An own property, even for "__proto__" (plain assignment would set the prototype instead). */
function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** A value that would pollute if it were merged into a prototype: nested prototype/__proto__ keys. */
function pollutingValue(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {}
  defineOwn(value, POLLUTED, `${CANARY} polluted`)
  defineOwn(value, 'isAdmin', true)
  for (let i = 0; i < depth; i++) {
    const wrapper: Record<string, unknown> = {}
    defineOwn(wrapper, i % 2 === 0 ? 'prototype' : '__proto__', value)
    value = wrapper
  }
  return value
}

/** Built like JSON.parse builds them: "__proto__", "constructor", "prototype" as own keys. */
function pollutingObject(key: string, depth: number): Record<string, unknown> {
  const outer: Record<string, unknown> = {}
  defineOwn(outer, key, pollutingValue(depth))
  return outer
}

const pollutionKeys = ['__proto__', 'constructor', 'prototype'] as const
const pollution = fc.tuple(fc.constantFrom(...pollutionKeys), fc.nat({ max: 3 })).map(([key, depth]) => pollutingObject(key, depth))

const hugeStrings = [
  'A'.repeat(MB),
  '1'.repeat(MB + 1),
  `dev${'-'.repeat(MB)}`,
  `https://docs.aws.amazon.com/${'a'.repeat(MB)}`,
  `${CANARY}${'\u{1F512}'.repeat(MB / 2)}`,
  `arn:aws:iam::111122223333:mfa/${'b'.repeat(MB)}`
]
const huge = fc.constantFrom(...hugeStrings)

function cyclic(): unknown {
  const node: Record<string, unknown> = { role: 'dev', code: `${CANARY}cycle` }
  node['self'] = node
  node['list'] = [node]
  return node
}

const canaryString = fc.string({ maxLength: 40, unit: 'grapheme' }).map((s) => `${CANARY}${s}`)
const secretShaped = fc.stringMatching(/^[A-Za-z0-9/+]{30}$/).map((s) => `${CANARY}${s}`)

const primitive: fc.Arbitrary<unknown> = fc.oneof(
  canaryString,
  secretShaped,
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53 + 1),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false })
)

/** What a compromised page could put anywhere: wrong types, containers, huge strings, pollution, cycles. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: primitive },
  { weight: 2, arbitrary: fc.array(primitive, { maxLength: 5 }) },
  { weight: 2, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), primitive, { maxKeys: 4 }) },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
      withSparseArray: true,
      withBoxedValues: true
    })
  },
  { weight: 1, arbitrary: huge },
  { weight: 1, arbitrary: pollution },
  { weight: 1, arbitrary: fc.constant(null).map(cyclic) }
)

// ---------------------------------------------------------------------------------------------
// Payloads for a channel: whole-payload oddities, random objects and mutations of a valid request.

type Path = Array<string | number>

function leafPaths(value: unknown, prefix: Path = [], seen = new Set<unknown>()): Path[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return [prefix]
  seen.add(value)
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  const inner = entries.flatMap(([key, v]) => leafPaths(v, [...prefix, key], seen))
  return prefix.length > 0 ? [prefix, ...inner] : inner
}

function valueAt(root: unknown, at: Path): unknown {
  return at.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root)
}

const isContainer = (value: unknown): value is Record<string | number, unknown> => value !== null && typeof value === 'object'

type Mutation =
  | { op: 'replace'; pick: number; value: unknown }
  | { op: 'drop'; pick: number; count: number }
  | { op: 'extra'; pick: number; key: string; value: unknown }
  | { op: 'pollute'; pick: number; key: (typeof pollutionKeys)[number]; depth: number }
  | { op: 'huge'; pick: number; value: string }
  | { op: 'wrap'; how: 'array' | 'nested' | 'string' }

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('drop' as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    op: fc.constant('extra' as const),
    pick: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 16 }), fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', 'then', 'role ', 'ROLE')),
    value: hostileValue
  }),
  fc.record({ op: fc.constant('pollute' as const), pick: fc.nat(), key: fc.constantFrom(...pollutionKeys), depth: fc.nat({ max: 3 }) }),
  fc.record({ op: fc.constant('huge' as const), pick: fc.nat(), value: huge }),
  fc.record({ op: fc.constant('wrap' as const), how: fc.constantFrom('array' as const, 'nested' as const, 'string' as const) })
)

/** The request as the JSON text a confused page might send instead (bigints and cycles included). */
function asJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'undefined'
  } catch {
    return '{"cyclic": true}'
  }
}

/** Mutations walk the example's own structure only; values fast-check made are never changed in place. */
function mutate(example: Record<string, unknown>, mutations: Mutation[]): unknown {
  let payload: unknown = structuredClone(example)
  const paths = leafPaths(example)
  const containers: Path[] = [[], ...paths.filter((p) => isContainer(valueAt(example, p)))]
  const resolve = (at: Path): Record<string | number, unknown> | null => {
    let node: unknown = payload
    for (const key of at) node = isContainer(node) && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined
    return isContainer(node) && (Array.isArray(node) || Object.getPrototypeOf(node) === Object.prototype) ? node : null
  }
  for (const m of mutations) {
    if (m.op === 'wrap') {
      payload = m.how === 'array' ? [payload] : m.how === 'nested' ? { request: payload } : `${CANARY}${asJson(payload)}`
      continue
    }
    if (m.op === 'extra' || m.op === 'pollute') {
      const target = resolve(containers[m.pick % containers.length] ?? [])
      if (target) defineOwn(target, m.key, m.op === 'extra' ? m.value : pollutingValue(m.depth))
      continue
    }
    const count = m.op === 'drop' ? m.count : 1
    for (let i = 0; i < count && paths.length > 0; i++) {
      const at = paths[(m.pick + i) % paths.length] ?? []
      const parent = resolve(at.slice(0, -1))
      const key = at[at.length - 1]
      if (!parent || key === undefined) continue
      if (m.op === 'drop') {
        if (Array.isArray(parent)) parent.splice(Number(key), 1)
        else delete parent[key]
      } else defineOwn(parent, String(key), m.value)
    }
  }
  return payload
}

/** The dispatcher reads a missing payload as `{}`; the filter must see what the schema will see. */
function rejectedBy(channel: ChannelName): (payload: unknown) => boolean {
  return (payload) => !channels[channel].request.safeParse(payload === undefined ? {} : payload).success
}

function payloadsFor(channel: ChannelName): fc.Arbitrary<unknown> {
  const example = validExamples[channel] ?? {}
  const shapes = fc.constantFrom(example, ...(otherShapes[channel] ?? []))
  return fc
    .oneof(
      { weight: 5, arbitrary: fc.tuple(shapes, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([shape, ms]) => mutate(shape, ms)) },
      { weight: 2, arbitrary: hostileValue },
      { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 16 }), hostileValue, { minKeys: 1, maxKeys: 5 }) },
      { weight: 1, arbitrary: pollution.map((p) => withOwnKeys(structuredClone(example), p)) }
    )
    .filter(rejectedBy(channel))
}

/** Object.assign would run the __proto__ setter; the polluting keys must arrive as own keys. */
function withOwnKeys(target: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(extra)) defineOwn(target, key, extra[key])
  return target
}

// ---------------------------------------------------------------------------------------------
// Checks on every answer.

function canaryStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return value.includes(CANARY) ? [value] : []
  if (value === null || typeof value !== 'object' || seen.has(value)) return []
  seen.add(value)
  const values = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : Object.values(value)
  return values.flatMap((v) => canaryStrings(v, seen))
}

function answerText(result: IpcResult<unknown>): string {
  if (result.ok) return ''
  return [result.error.message, ...(result.error.issues ?? []).flatMap((i) => [i.path, i.message])].join('\n')
}

function expectTypedRefusal(result: IpcResult<unknown>, code: string, payload: unknown): void {
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(errorCodes).toContain(result.error.code)
  expect(result.error.code).toBe(code)
  expect(typeof result.error.message).toBe('string')
  expect(result.error.message.trim().length).toBeGreaterThan(0)
  for (const issue of result.error.issues ?? []) {
    expect(typeof issue.path).toBe('string')
    expect(typeof issue.message).toBe('string')
  }
  expect((result.error.issues ?? []).length).toBeLessThanOrEqual(20)
  // Nothing the page sent comes back: no canary, and the answer stays small whatever came in.
  const text = answerText(result)
  for (const sent of canaryStrings(payload)) expect(text.includes(sent.slice(0, 64))).toBe(false)
  expect(text).not.toContain(CANARY)
  expect(JSON.stringify(result).length).toBeLessThan(8_000)
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, POLLUTED)).toBe(false)
  expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined()
}

// ---------------------------------------------------------------------------------------------
// The world the fuzzer must not change.

let practice: EmbeddedPractice
let dispatcher: Dispatcher
const place = isolatedPlace('cairn-fuzz')
const { root, dataDir, home, vaultService } = place
const handlerCalls = new Map<string, number>()
const sideEffects: string[] = []
const sent = new Map<string, number>()

function count(label: string): void {
  sent.set(label, (sent.get(label) ?? 0) + 1)
}

/** What kinds of hostility went out, so the test can show every kind was really tried. */
const kinds = { hugeString: 0, pollutionKey: 0, notAnObject: 0 }
function tally(payload: unknown): void {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) kinds.notAnObject += 1
  let huge = false
  let polluting = false
  const seen = new Set<unknown>()
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.length >= MB) huge = true
    if (value === null || typeof value !== 'object' || seen.has(value)) return
    seen.add(value)
    if (Object.keys(value).some((key) => (pollutionKeys as readonly string[]).includes(key))) polluting = true
    for (const v of value instanceof Map || value instanceof Set ? [...value.values()] : Object.values(value)) visit(v)
  }
  visit(payload)
  if (huge) kinds.hugeString += 1
  if (polluting) kinds.pollutionKey += 1
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex')

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = path.join(current, name)
      const stat = statSync(full)
      if (stat.isDirectory()) walk(full)
      else out[path.relative(root, full)] = `${(stat.mode & 0o777).toString(8)} ${sha256(readFileSync(full))}`
    }
  }
  walk(dir)
  return out
}

function prototypes(): Record<string, Array<[string, unknown]>> {
  const describe = (proto: object) =>
    Reflect.ownKeys(proto).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key)
      return [String(key), descriptor?.value ?? descriptor?.get] as [string, unknown]
    })
  return { object: describe(Object.prototype), array: describe(Array.prototype), function: describe(Function.prototype), string: describe(String.prototype) }
}

async function keychain(): Promise<string[]> {
  const keytar = await loadSearchableKeytar()
  return (await keytar.findCredentials(vaultService)).map(({ account, password }) => `${account} ${sha256(password)}`).sort()
}

async function call(channel: ChannelName, payload: unknown = {}): Promise<IpcResult<unknown>> {
  return dispatcher.dispatch(channel, payload, appWindow)
}

/** Reading the state and checking the dispatcher still serves are not fuzzing: their handler calls are not counted. */
let counting = true
async function uncounted<T>(work: () => Promise<T>): Promise<T> {
  counting = false
  try {
    return await work()
  } finally {
    counting = true
  }
}

async function state() {
  const observed = await uncounted(async () => ({
    journey: await call('journey.get'),
    connection: await call('connect.status'),
    profiles: await call('profiles.list'),
    lastRun: await call('setup.lastRun')
  }))
  return {
    practice: structuredClone(practice.server?.state),
    files: { ...filesUnder(dataDir), ...filesUnder(home) },
    keychain: await keychain(),
    observed
  }
}

function countingHandlers(services: Services): Handlers {
  const real = createHandlers(services)
  const wrapped = {} as Record<string, unknown>
  for (const [name, handler] of Object.entries(real)) {
    wrapped[name] = (request: unknown, context: unknown) => {
      if (counting) handlerCalls.set(name, (handlerCalls.get(name) ?? 0) + 1)
      return (handler as (r: unknown, c: unknown) => unknown)(request, context)
    }
  }
  return wrapped as Handlers
}

/** After each batch: the dispatcher still answers a valid request. */
async function stillServing(): Promise<void> {
  expect(await uncounted(() => call('app.info'))).toMatchObject({ ok: true, value: { name: 'Cairn' } })
}

function ok<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

const seedOf = (label: string) => SEED ^ Number.parseInt(sha256(label).slice(0, 7), 16)

beforeAll(async () => {
  practice = await startEmbeddedPractice({})
  const services = createServices(
    isolatedServicesInput(practice, place, {
      version: '0.0.0-fuzz',
      openExternal: async (url) => void sideEffects.push(`openExternal ${url}`),
      openConsoleWindow: (url) => void sideEffects.push(`console ${url}`),
      copyPassword: () => void sideEffects.push('copyPassword')
    })
  )
  dispatcher = createDispatcher({ handlers: countingHandlers(services), trustedOrigins: [APP_ORIGIN] })

  // A world worth protecting: a journey under way, a connection, applied roles with keys in the
  // keychain, and Cairn's profiles in the AWS config file.
  ok(await call('journey.update', { account: 'practice', current: 'plan', done: 'status' }))
  ok(await call('connect.practice'))
  const roles = ok(await call('setup.defaults'))
  ok(await call('setup.apply', { roles }))
  ok(await call('profiles.writeConfig'))
  handlerCalls.clear()
  sideEffects.length = 0
}, 120_000)

afterAll(async () => {
  const keytar = await loadSearchableKeytar()
  for (const { account } of await keytar.findCredentials(vaultService)) await keytar.deletePassword(vaultService, account)
  await practice?.close()
  if (root) rmSync(root, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------------------------

describe('the IPC dispatcher under fuzzing', () => {
  it('refuses at least 2,000 hostile requests with typed errors, keeps serving and changes nothing', async () => {
    const protoBefore = prototypes()
    const before = await state()
    expect(before.keychain.length).toBeGreaterThan(0)
    expect(Object.keys(before.files).some((file) => file.endsWith(path.join('.aws', 'config')))).toBe(true)

    // Untrusted senders get nothing, not even with a valid request on a channel that writes.
    const untrustedSender: fc.Arbitrary<SenderInfo> = fc.oneof(
      fc.constant({ url: `${APP_ORIGIN}/index.html`, isMainFrame: false }),
      fc.webUrl().map((url) => ({ url, isMainFrame: true })),
      fc
        .constantFrom(
          'file:///tmp/index.html',
          'app://cairn.evil/index.html',
          'app://evil/index.html',
          'app://cairnx/index.html',
          'http://cairn/index.html',
          'https://console.aws.amazon.com/',
          'devtools://devtools/bundled/inspector.html',
          'chrome-extension://abc/index.html',
          'data:text/html,hi',
          'about:blank',
          'javascript:alert(1)',
          '',
          'not a url'
        )
        .map((url) => ({ url, isMainFrame: true }))
    )
    for (const channel of channelNames) {
      await fc.assert(
        fc.asyncProperty(payloadsFor(channel), async (payload) => {
          count(channel)
          tally(payload)
          expectTypedRefusal(await dispatcher.dispatch(channel, payload, appWindow), 'INVALID_REQUEST', payload)
        }),
        { seed: seedOf(channel), numRuns: RUNS_PER_CHANNEL }
      )
      await fc.assert(
        fc.asyncProperty(untrustedSender, fc.oneof(fc.constant<unknown>(validExamples[channel] ?? {}), hostileValue), async (sender, payload) => {
          count(`${channel} (untrusted sender)`)
          expectTypedRefusal(await dispatcher.dispatch(channel, payload, sender), 'UNTRUSTED_SENDER', payload)
        }),
        { seed: seedOf(`${channel} untrusted`), numRuns: RUNS_UNTRUSTED_PER_CHANNEL }
      )
      await stillServing()
    }

    // Unknown channels: near misses of real names, made-up strings, and values that are no string at all.
    const nearMiss = fc
      .tuple(fc.constantFrom(...channelNames), fc.constantFrom('upper', 'space', 'suffix', 'prefix', 'nul', 'dot', 'homoglyph'))
      .map(([name, how]) => {
        if (how === 'upper') return name.toUpperCase()
        if (how === 'space') return ` ${name}`
        if (how === 'suffix') return `${name}.x`
        if (how === 'prefix') return `cairn.${name}`
        if (how === 'nul') return `${name}\u0000`
        if (how === 'dot') return name.replace('.', ':')
        return name.replace('a', '\u0430')
      })
    const unknownChannel = fc
      .oneof(
        nearMiss,
        fc.string({ maxLength: 60 }),
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', 'channels', 'app', 'app.'),
        fc.constant(null).map(() => hugeStrings[0]),
        fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt()),
        fc.array(fc.constantFrom(...channelNames), { minLength: 1, maxLength: 2 }),
        fc.constantFrom(...channelNames).map((name) => ({ channel: name, toString: name })),
        fc.constant(null).map(() => Object.create(null) as unknown)
      )
      .filter((channel) => !isChannelName(channel))
    await fc.assert(
      fc.asyncProperty(unknownChannel, fc.oneof(fc.constant({}), hostileValue), async (channel, payload) => {
        count('(unknown channel)')
        expectTypedRefusal(await dispatcher.dispatch(channel, payload, appWindow), 'UNKNOWN_CHANNEL', payload)
      }),
      { seed: seedOf('unknown'), numRuns: RUNS_UNKNOWN_CHANNEL }
    )
    await stillServing()

    const after = await state()
    expect(after).toEqual(before)
    expect(prototypes()).toEqual(protoBefore)
    expect(Object.fromEntries(handlerCalls), 'no handler may run for a refused request').toEqual({})
    expect(sideEffects).toEqual([])

    const total = [...sent.values()].reduce((sum, n) => sum + n, 0)
    const untrusted = (channel: string) => sent.get(`${channel} (untrusted sender)`) ?? 0
    const lines = channelNames.map(
      (channel) => `  ${channel.padEnd(32)} ${String(sent.get(channel) ?? 0).padStart(4)} refused by the schema, ${untrusted(channel)} from untrusted senders`
    )
    console.log(
      [
        `IPC fuzz: ${total} payloads sent, every one refused with a typed error (${kinds.hugeString} with a string of 1 MB or more, ${kinds.pollutionKey} with __proto__/constructor/prototype keys, ${kinds.notAnObject} not an object at all)`,
        ...lines,
        `  ${'(unknown channels)'.padEnd(32)} ${String(sent.get('(unknown channel)') ?? 0).padStart(4)}`
      ].join('\n')
    )
    expect(total).toBeGreaterThanOrEqual(2000)
    expect(kinds.hugeString).toBeGreaterThanOrEqual(50)
    expect(kinds.pollutionKey).toBeGreaterThanOrEqual(100)
    expect(kinds.notAnObject).toBeGreaterThanOrEqual(100)
    for (const channel of channelNames) expect(sent.get(channel) ?? 0, channel).toBeGreaterThanOrEqual(RUNS_PER_CHANNEL)
  }, 180_000)

  it('has a valid example request for every channel, so each is fuzzed near its real shape too', () => {
    for (const channel of channelNames) {
      const example = validExamples[channel]
      expect(example, `add a valid example for ${channel}`).toBeDefined()
      expect(channels[channel].request.safeParse(example).success, `the example for ${channel} must be valid`).toBe(true)
      for (const shape of otherShapes[channel] ?? [])
        expect(channels[channel].request.safeParse(shape).success, `another shape of ${channel} must be valid`).toBe(true)
    }
  })
})
