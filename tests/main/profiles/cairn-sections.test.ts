import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { STSClient } from '@aws-sdk/client-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CAIRN_MARKER,
  SecretInConfigError,
  applyCairnProfiles,
  cairnProfilesIn,
  credentialProcessCommand,
  looksSecret,
  profilesShadowedByCredentialsFile,
  removeCairnProfiles,
  type CairnProfile,
  type CairnProfilesResult
} from '../../../src/main/profiles/cairn-sections'
import { writeConfigFile } from '../../../src/main/profiles/config-file-writer'
import { parseIni, shellWords } from '../../../src/main/profiles/ini-document'

const cairnBin = '/opt/Cairn/resources/cairn'
const profile = (role: string, region = 'eu-west-1'): CairnProfile => ({
  name: role === '' ? 'cairn' : `cairn-${role}`,
  credentialProcess: `${cairnBin} credential-process ${role || '--active'}`,
  region
})
const dev = profile('dev')
const ops = profile('ops')
const active = profile('')

function applied(result: CairnProfilesResult): string {
  if (!result.ok) throw new Error(result.conflicts.map((conflict) => conflict.message).join('\n'))
  return result.text
}

const usersConfig = [
  '# My AWS config. Hands off, tools!',
  '[default]',
  'region = us-east-1',
  'output = json',
  '',
  '; the work account',
  '[profile work]',
  'role_arn = arn:aws:iam::123456789012:role/Admin',
  'source_profile = default',
  's3 =',
  '  max_concurrent_requests = 20',
  ''
].join('\n')

describe('applyCairnProfiles on a file the user already has', () => {
  it('keeps an existing config byte for byte, comments included, and appends after one blank line', () => {
    const text = applied(applyCairnProfiles(usersConfig, [dev, ops], {}))
    expect(text.startsWith(usersConfig)).toBe(true)
    expect(text.slice(usersConfig.length)).toBe(
      [
        '',
        CAIRN_MARKER,
        '[profile cairn-dev]',
        `credential_process = ${cairnBin} credential-process dev`,
        'region = eu-west-1',
        '',
        CAIRN_MARKER,
        '[profile cairn-ops]',
        `credential_process = ${cairnBin} credential-process ops`,
        'region = eu-west-1',
        ''
      ].join('\n')
    )
  })

  it('re-applying the same profiles changes nothing', () => {
    const once = applied(applyCairnProfiles(usersConfig, [dev, ops, active]))
    expect(applyCairnProfiles(once, [dev, ops, active])).toEqual({ ok: true, text: once, changed: false })
  })

  it('updates a Cairn section where it is, leaving what the user added around it alone', () => {
    const once = applied(applyCairnProfiles(usersConfig, [dev]))
    const userAddedMore = `${once}\n# added later by hand\n[profile sandbox]\nregion = ap-southeast-2\n`
    const text = applied(applyCairnProfiles(userAddedMore, [profile('dev', 'us-west-2')]))
    expect(text).toBe(userAddedMore.replace('region = eu-west-1', 'region = us-west-2'))
  })

  it('puts back over hand edits inside a Cairn section', () => {
    const once = applied(applyCairnProfiles(usersConfig, [dev]))
    const edited = once.replace('region = eu-west-1', 'region = mars-1\noutput = yaml')
    expect(applied(applyCairnProfiles(edited, [dev]))).toBe(once)
  })

  it('removes a role no longer wanted, with its marker, and nothing else', () => {
    const withBoth = applied(applyCairnProfiles(usersConfig, [dev, ops]))
    const sandwich = `${withBoth}\n[profile after]\nregion = x\n`
    expect(applied(applyCairnProfiles(sandwich, [ops]))).toBe(`${applied(applyCairnProfiles(usersConfig, [ops]))}\n[profile after]\nregion = x\n`)
  })

  it('uninstalling gives back the file exactly as it was', () => {
    for (const original of [usersConfig, '', '[default]\r\nregion = us-east-1\r\n', '# only a comment\n']) {
      const installed = applied(applyCairnProfiles(original, [dev, ops, active], { defaultRole: 'cairn' }))
      expect(removeCairnProfiles(installed)).toEqual({ text: original, changed: true })
    }
  })

  describe('a file whose last line has no line break', () => {
    const unterminated = [
      '[profile work]\nregion = eu-west-1',
      '# only a comment',
      '[default]\r\nregion = us-east-1',
      '\uFEFF[default]\nregion = us-east-1\n\n; mine'
    ]

    it('gets it back without one on uninstall, as default or not, after any number of writes', () => {
      for (const original of unterminated) {
        for (const defaultRole of [null, 'cairn']) {
          const once = applied(applyCairnProfiles(original, [dev, ops, active], { defaultRole }))
          const again = applied(applyCairnProfiles(once, [dev, active], { defaultRole }))
          expect(applied(applyCairnProfiles(again, [dev, active], { defaultRole }))).toBe(again)
          expect(removeCairnProfiles(once).text).toBe(original)
          expect(removeCairnProfiles(again).text).toBe(original)
        }
      }
    })

    it('says so on the first Cairn marker, the one place that remembers it', () => {
      const text = applied(applyCairnProfiles('[profile work]\nregion = eu-west-1', [dev, ops]))
      expect(text.split('\n').filter((line) => line.startsWith('# managed by Cairn'))).toEqual([
        `${CAIRN_MARKER} (your file ended without a line break here)`,
        CAIRN_MARKER
      ])
      expect(cairnProfilesIn(text)).toEqual(['cairn-dev', 'cairn-ops'])
    })

    it('keeps what the user added after Cairn’s sections, line breaks and all', () => {
      const installed = applied(applyCairnProfiles('[profile work]\nregion = eu-west-1', [dev]))
      const added = `${installed}\n[profile later]\nregion = x\n`
      expect(removeCairnProfiles(added).text).toBe('[profile work]\nregion = eu-west-1\n\n[profile later]\nregion = x\n')
    })
  })

  it('leaves a Cairn section in the middle of the file where it was, and removes it cleanly', () => {
    const middle = `[default]\nregion = us-east-1\n\n${CAIRN_MARKER}\n[profile cairn-dev]\ncredential_process = old\nregion = eu-west-1\n\n# mine\n[profile mine]\nregion = x\n`
    expect(applied(applyCairnProfiles(middle, [dev]))).toBe(middle.replace('credential_process = old', `credential_process = ${dev.credentialProcess}`))
    expect(removeCairnProfiles(middle).text).toBe('[default]\nregion = us-east-1\n\n# mine\n[profile mine]\nregion = x\n')
  })

  it('removes a Cairn section at the top of the file with the blank line after it', () => {
    expect(removeCairnProfiles(`${CAIRN_MARKER}\n[profile cairn]\nregion = x\n\n[default]\nregion = y\n`).text).toBe('[default]\nregion = y\n')
  })

  it('writes Windows line endings into a Windows file', () => {
    const text = applied(applyCairnProfiles('[default]\r\nregion = us-east-1\r\n', [dev]))
    expect(text).toBe(
      `[default]\r\nregion = us-east-1\r\n\r\n${CAIRN_MARKER}\r\n[profile cairn-dev]\r\ncredential_process = ${dev.credentialProcess}\r\nregion = eu-west-1\r\n`
    )
  })

  it('ends an unterminated last line before appending, and keeps a byte order mark', () => {
    expect(applied(applyCairnProfiles('\uFEFF[default]\nregion = us-east-1', [dev]))).toMatch(/^\uFEFF\[default\]\nregion = us-east-1\n\n# managed by Cairn/)
  })

  it('replaces the first of two Cairn copies of a profile and drops the other', () => {
    const twice = applied(applyCairnProfiles('', [dev])) + '\n' + applied(applyCairnProfiles('', [dev]))
    expect(applied(applyCairnProfiles(twice, [dev]))).toBe(applied(applyCairnProfiles('', [dev])))
  })

  it('writes extra settings after credential_process and region', () => {
    const text = applied(applyCairnProfiles('', [{ ...dev, extra: { output: 'json', cli_pager: 'less' } }]))
    expect(parseIni(text).sections[0]?.values).toEqual(
      new Map([
        ['credential_process', dev.credentialProcess],
        ['region', 'eu-west-1'],
        ['output', 'json'],
        ['cli_pager', 'less']
      ])
    )
  })

  it('lists the profiles Cairn made', () => {
    expect(cairnProfilesIn(applied(applyCairnProfiles(usersConfig, [dev, active], { defaultRole: 'cairn-dev' })))).toEqual(['default', 'cairn-dev', 'cairn'])
  })
})

describe('a profile name the user already uses', () => {
  const handWritten = '[profile cairn-dev]\nregion = eu-central-1\n'

  it('is not overwritten: the caller gets a conflict to explain', () => {
    expect(applyCairnProfiles(`${usersConfig}\n${handWritten}`, [dev, ops])).toEqual({
      ok: false,
      conflicts: [
        {
          profile: 'cairn-dev',
          line: 13,
          message: 'A profile named cairn-dev already exists and was not made by Cairn; rename it or remove it, then try again.'
        }
      ]
    })
  })

  it('is recognised however the header is spelled', () => {
    const result = applyCairnProfiles('[profile   "cairn-dev" ]\nregion = x\n', [dev])
    expect(result.ok).toBe(false)
  })

  it('is left alone when Cairn does not want that name, even on uninstall', () => {
    const text = `${handWritten}\n[profile cairn-old]\nregion = x\n`
    expect(applied(applyCairnProfiles(text, [ops])).startsWith(text)).toBe(true)
    expect(removeCairnProfiles(text)).toEqual({ text, changed: false })
  })

  it('counts as Cairn-made only with the marker right above the header', () => {
    const separated = `${CAIRN_MARKER}\n\n[profile cairn-dev]\nregion = x\n`
    expect(applyCairnProfiles(separated, [dev]).ok).toBe(false)
  })
})

describe('making a Cairn role the [default] profile (opt-in)', () => {
  const previousDefault = '[default]\r\nregion = us-east-1  \r\n# keep me\r\ns3 =\r\n  addressing_style = path\r\n\r\n'
  const original = `# top\n${previousDefault}[profile work]\nregion = x\n`

  it('takes over [default] in place and keeps the old one inside it', () => {
    const text = applied(applyCairnProfiles(original, [dev], { defaultRole: 'cairn-dev' }))
    const document = parseIni(text)
    expect(document.sections.map((section) => section.name)).toEqual(['default', 'work', 'cairn-dev'])
    expect(document.sections[0]?.values.get('credential_process')).toBe(dev.credentialProcess)
    expect(text.startsWith(`# top\n${CAIRN_MARKER}`)).toBe(true)
  })

  it('opting out restores the previous [default] byte for byte', () => {
    const optedIn = applied(applyCairnProfiles(original, [dev, ops], { defaultRole: 'cairn-dev' }))
    const switched = applied(applyCairnProfiles(optedIn, [dev, ops], { defaultRole: 'cairn-ops' }))
    expect(parseIni(switched).sections[0]?.values.get('credential_process')).toBe(ops.credentialProcess)
    expect(applied(applyCairnProfiles(switched, [dev, ops], { defaultRole: null }))).toBe(applied(applyCairnProfiles(original, [dev, ops])))
  })

  it('adds a [default] when there was none, and removes it again on opting out', () => {
    const optedIn = applied(applyCairnProfiles('[profile work]\nregion = x\n', [dev], { defaultRole: 'cairn-dev' }))
    expect(parseIni(optedIn).sections.map((section) => section.name)).toEqual(['work', 'cairn-dev', 'default'])
    expect(applied(applyCairnProfiles(optedIn, [dev]))).toBe(applied(applyCairnProfiles('[profile work]\nregion = x\n', [dev])))
  })

  it('refuses a default role that is not among the profiles', () => {
    expect(() => applyCairnProfiles('', [dev], { defaultRole: 'cairn-ops' })).toThrow(RangeError)
  })
})

describe('no secret ever goes into the config file', () => {
  const key = 'AKIAIOSFODNN7EXAMPLE'
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
  const token = 'IQoJb3JpZ2luX2VjEJr' + 'A'.repeat(60) + 'b3Jp'.repeat(20)

  it.each([
    ['an access key id', { ...dev, credentialProcess: `echo ${key}` }],
    ['a secret access key', { ...dev, extra: { note: secret } }],
    ['a session token', { ...dev, extra: { note: token } }],
    ['a setting named like a credential', { ...dev, extra: { aws_secret_access_key: 'x' } }]
  ])('refuses %s, without repeating it', (_, bad) => {
    let error: unknown
    try {
      applyCairnProfiles('', [bad])
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(SecretInConfigError)
    for (const value of [key, secret, token]) expect(String(error)).not.toContain(value)
  })

  it('does not mistake ordinary install paths for secrets', () => {
    for (const command of [
      credentialProcessCommand([
        '/Applications/Cairn.app/Contents/MacOS/Cairn',
        '/Applications/Cairn.app/Contents/Resources/cli/cairn.js',
        'credential-process',
        'dev'
      ]),
      credentialProcessCommand(['/home/ada/.local/share/Cairn/AppDir/usr/bin/node20', '/opt/Cairn/resources/app.asar.unpacked/out/cli/cairn.js']),
      credentialProcessCommand(['C:\\Users\\Ada\\AppData\\Local\\Programs\\Cairn\\Cairn.exe', 'credential-process', 'ops'], 'win32')
    ]) {
      expect(looksSecret(command), command).toBe(false)
    }
  })

  it('refuses values the AWS readers would read differently', () => {
    expect(() => applyCairnProfiles('', [{ ...dev, region: 'eu-west-1\n[profile evil]' }])).toThrow(/more than one line/)
    expect(() => applyCairnProfiles('', [{ ...dev, credentialProcess: 'cairn credential-process dev # note' }])).toThrow(/comment/)
    expect(() => applyCairnProfiles('', [{ ...dev, extra: { Region: 'x' } }])).toThrow(RangeError)
    expect(() => applyCairnProfiles('', [{ ...dev, name: 'dev' }])).toThrow(/not a Cairn profile name/)
  })
})

describe('credentialProcessCommand', () => {
  const argv = ['/opt/My Apps/Cairn/cairn', "it's", 'credential-process', 'dev']

  it('quotes so the AWS CLI (shlex) and a POSIX shell both get the same words', () => {
    const command = credentialProcessCommand(argv, 'linux')
    expect(shellWords(command)).toEqual(argv)
    const fromShell = execFileSync('/bin/sh', ['-c', `printf '%s\\n' ${command}`], { encoding: 'utf8' })
    expect(fromShell.trim().split('\n')).toEqual(argv)
  })

  it('leaves plain words unquoted and double-quotes on Windows', () => {
    expect(credentialProcessCommand(['/usr/bin/cairn', 'credential-process', '--active'], 'linux')).toBe('/usr/bin/cairn credential-process --active')
    expect(credentialProcessCommand(['C:\\Program Files\\Cairn\\Cairn.exe', 'credential-process'], 'win32')).toBe(
      '"C:\\Program Files\\Cairn\\Cairn.exe" credential-process'
    )
    expect(credentialProcessCommand(['C:\\My Data\\'], 'win32')).toBe('"C:\\My Data\\\\"')
  })
})

describe('profilesShadowedByCredentialsFile', () => {
  it('names the Cairn profiles that keys in the credentials file would override', () => {
    const credentials = '[default]\naws_access_key_id = x\naws_secret_access_key = y\n\n[cairn-dev]\naws_access_key_id = x\n\n[cairn-ops]\n'
    expect(profilesShadowedByCredentialsFile(credentials, ['default', 'cairn-dev', 'cairn-ops', 'cairn'])).toEqual(['default', 'cairn-dev'])
  })
})

describe('the real AWS CLI v2 and the JavaScript SDK read what Cairn writes', () => {
  const run = promisify(execFile)
  // A space in the folder proves the credential_process quoting too.
  let dir = ''
  let config = ''
  let credentials = ''
  const aws = async (...args: string[]) => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_PAGER: '' }
    return (await run('/usr/bin/aws', args, { env })).stdout
  }
  const original = `${usersConfig}\n# personal\n[profile personal]\nregion = sa-east-1\n`

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cairn aws cli '))
    config = path.join(dir, '.aws', 'config')
    credentials = path.join(dir, '.aws', 'credentials')
    // Stands in for `cairn credential-process`: prints process credentials naming the role it was asked for.
    const fakeCairn = path.join(dir, 'fake cairn.mjs')
    writeFileSync(
      fakeCairn,
      `const role = process.argv[3]\nconsole.log(JSON.stringify({ Version: 1, AccessKeyId: 'ASIA' + role.toUpperCase().padEnd(16, 'X'), SecretAccessKey: 'test', SessionToken: 'test', Expiration: '2099-01-01T00:00:00Z' }))\n`
    )
    const viaCairn = (role: string, region: string): CairnProfile => ({
      name: `cairn-${role}`,
      credentialProcess: credentialProcessCommand([process.execPath, fakeCairn, 'credential-process', role]),
      region
    })
    await writeConfigFile(config, original, { expectedOriginal: null })
    writeFileSync(credentials, '[personal]\naws_access_key_id = AKIAEXAMPLEEXAMPLE00\naws_secret_access_key = test\n')
    const next = applied(applyCairnProfiles(original, [viaCairn('dev', 'eu-west-1'), viaCairn('ops', 'us-west-2')]))
    await writeConfigFile(config, next, { expectedOriginal: original })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('lists Cairn profiles next to the user’s own, whose bytes stay as they were', async () => {
    const [profiles, devRegion, workRole, exported] = await Promise.all([
      aws('configure', 'list-profiles'),
      aws('configure', 'get', 'region', '--profile', 'cairn-dev'),
      aws('configure', 'get', 'role_arn', '--profile', 'work'),
      aws('configure', 'export-credentials', '--profile', 'cairn-ops')
    ])
    expect(profiles.trim().split('\n').sort()).toEqual(['cairn-dev', 'cairn-ops', 'default', 'personal', 'work'])
    expect(devRegion.trim()).toBe('eu-west-1')
    expect(workRole.trim()).toBe('arn:aws:iam::123456789012:role/Admin')
    expect(JSON.parse(exported)).toMatchObject({ AccessKeyId: 'ASIAOPSXXXXXXXXXXXXX' })
    expect(readFileSync(config, 'utf8').startsWith(original)).toBe(true)
  })

  it('lets the JavaScript SDK run the credential_process of a Cairn profile', async () => {
    const saved = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE }
    Object.assign(process.env, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials })
    try {
      const client = new STSClient({ profile: 'cairn-dev' })
      expect(await client.config.region()).toBe('eu-west-1')
      expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'ASIADEVXXXXXXXXXXXXX' })
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })
})
