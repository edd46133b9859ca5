import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyHeader, parseIni, serializeIni, shellWords } from '../../../src/main/profiles/ini-document'

/** Config files as people really have them, warts included. */
const realWorld: Array<[string, string]> = [
  ['an empty file', ''],
  ['a lone comment with no final newline', '# just a note'],
  [
    'what `aws configure` writes',
    '[default]\nregion = us-east-1\noutput = json\n\n[profile work]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\n'
  ],
  ['Windows line endings throughout', '[default]\r\nregion = eu-west-1\r\n\r\n[profile ci]\r\noutput = text\r\n'],
  ['Windows line endings and no final newline', '[profile ci]\r\nregion = eu-west-1\r\noutput = text'],
  ['mixed line endings from two editors', '[default]\r\nregion = us-east-2\n\n[profile a]\nregion = ap-south-1\r\n'],
  ['old Mac line endings', '[default]\rregion = us-west-1\r[profile b]\rregion = us-west-2\r'],
  ['a byte order mark from Notepad', '\uFEFF[default]\r\nregion = us-east-1\r\n'],
  [
    'comments of both kinds, indented and trailing spaces',
    '# top comment  \n; another style\n[default]   \n  # indented comment\nregion = us-east-1   \n; trailing\n\n\n[profile x]\n\tregion=eu-north-1\t\n'
  ],
  [
    'nested s3 settings followed by comments and another profile',
    '[default]\ns3 =\n  max_concurrent_requests = 20\n  addressing_style = path\n\n# work below\n[profile work]\nregion = us-east-1\ns3 =\n    signature_version = s3v4\n'
  ],
  ['a missing final newline after a setting', '[default]\nregion = us-east-1\n\n[profile last]\noutput = json'],
  [
    'spaces and quotes inside brackets',
    '[profile  spaced ]\nregion = a\n\n[ profile not-a-profile ]\nregion = b\n\n[profile "quoted name"]\nregion = c\n\n[ default ]\nregion = d\n'
  ],
  [
    'sso-session and services sections',
    '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\nsso_registration_scopes = sso:account:access\n\n[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\n\n[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nservices = local\n'
  ],
  ['colons, tabs and no spaces around =', '[default]\nregion:us-east-1\noutput\t=\tjson\ncli_pager=\n'],
  ['a header with a comment after it', '[profile a] # my sandbox\nregion = us-east-1\n'],
  ['unicode in comments and values', '# café ☕ 𝄞 notes\n[profile ünï]\nregion = us-east-1\ndescription = naïve – “quoted” 😀\n'],
  ['blank lines that hold only whitespace', '[default]\nregion = us-east-1\n   \n\t\n[profile w]\nregion = us-west-2\n  \n'],
  ['the same profile under two spellings (the last wins)', '[profile a]\nregion = x\n\n[profile  a]\nregion = y\n'],
  ['upper-case setting names', '[profile up]\nRegion = us-east-1\nOUTPUT = json\n'],
  ['a multi-line value with a blank line inside', '[profile m]\nregion = us-east-1\nnote = first\n\n  second\n'],
  ['a duplicated section', '[profile a]\nregion = x\n\n[profile a]\nregion = y\n'],
  ['a setting before any section', 'region = us-east-1\n[default]\noutput = json\n'],
  ['an indented header read as part of the value above', '[profile a]\ns3 =\n  max_concurrent_requests = 20\n  [profile b]\nregion = y\n'],
  ['a line that is not a setting', '[default]\nregion = us-east-1\nthis line has no equals sign\n'],
  ['a setting set twice', '[default]\nregion = us-east-1\nregion = us-west-2\n']
]

describe('parseIni and serializeIni', () => {
  it.each(realWorld)('gives back %s byte for byte', (_, text) => {
    expect(serializeIni(parseIni(text))).toBe(text)
  })

  it.each(realWorld)('splits %s into spans that add up to the file', (_, text) => {
    const document = parseIni(text)
    expect(document.bom + document.preamble + document.sections.map((section) => section.text).join('')).toBe(text)
  })

  it('has at least fifteen real-world examples', () => {
    expect(realWorld.length).toBeGreaterThanOrEqual(15)
  })

  it('keeps each line ending as it was, and picks the common one for new lines', () => {
    const document = parseIni('[a]\r\nx = 1\r\ny = 2\nz = 3')
    expect(document.lines.map((line) => line.eol)).toEqual(['\r\n', '\r\n', '\n', ''])
    expect(document.eol).toBe('\r\n')
    expect(parseIni('').eol).toBe('\n')
  })

  it('reads a nested block as the value of the setting above it', () => {
    const [section] = parseIni(realWorld[9]?.[1] ?? '').sections
    expect(section?.values.get('s3')).toBe('\nmax_concurrent_requests = 20\naddressing_style = path')
    expect(parseIni(realWorld[9]?.[1] ?? '').lines.filter((line) => line.kind === 'continuation')).toHaveLength(3)
  })

  it('tells the kinds of section apart the way the CLI does', () => {
    expect(classifyHeader('default')).toEqual({ kind: 'default', name: 'default' })
    expect(classifyHeader('profile  dev ')).toEqual({ kind: 'profile', name: 'dev' })
    expect(classifyHeader('profile "my dev"')).toEqual({ kind: 'profile', name: 'my dev' })
    expect(classifyHeader(' profile dev')).toEqual({ kind: 'other', name: ' profile dev' })
    expect(classifyHeader('profile a b')).toEqual({ kind: 'other', name: 'profile a b' })
    expect(classifyHeader('sso-session corp')).toEqual({ kind: 'sso-session', name: 'corp' })
    expect(classifyHeader('services local')).toEqual({ kind: 'services', name: 'local' })
    expect(classifyHeader('plugins')).toEqual({ kind: 'other', name: 'plugins' })
  })

  it('splits words like Python shlex does', () => {
    expect(shellWords(`profile 'a b' "c \\" d" e\\ f ""`)).toEqual(['profile', 'a b', 'c " d', 'e f', ''])
    expect(shellWords('profile "unclosed')).toBeNull()
  })

  it('reports what makes the CLI refuse a file, with the line', () => {
    expect(parseIni('[a]\nx = 1\n[a]\n').problems).toEqual([{ line: 3, message: expect.stringMatching(/\[a\] appears twice/) }])
    expect(parseIni('\uFEFF[default]\n').problems[0]?.message).toMatch(/byte order mark/)
    expect(parseIni('[default]\nregion = x\n').problems).toEqual([])
  })
})

/**
 * The table read by the AWS CLI v2's own config loader (the Python module /usr/bin/aws runs),
 * all files in one process: one `aws` start per file would take seconds each.
 */
describe('the AWS CLI reads each example as Cairn does', () => {
  const script = `
import json, sys
from awscli.botocore.configloader import load_config
out = []
for f in sys.argv[1:]:
    try:
        out.append({'profiles': load_config(f)['profiles']})
    except Exception as e:
        out.append({'error': type(e).__name__})
print(json.dumps(out))
`
  let cli: Array<{ profiles?: Record<string, unknown>; error?: string }> = []
  let dir = ''
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cairn-ini-'))
    const files = realWorld.map(([, text], i) => {
      const file = path.join(dir, `config-${i}`)
      writeFileSync(file, text)
      return file
    })
    const interpreter = readFileSync('/usr/bin/aws', 'utf8').split('\n')[0]?.replace(/^#!/, '').trim() ?? '/usr/bin/python3'
    cli = JSON.parse(execFileSync(interpreter, ['-c', script, ...files], { encoding: 'utf8' })) as typeof cli
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  function cairnView(text: string): Record<string, Record<string, unknown>> {
    const profiles: Record<string, Record<string, unknown>> = {}
    for (const section of parseIni(text).sections) {
      if (section.kind !== 'default' && section.kind !== 'profile') continue
      profiles[section.name] = Object.fromEntries(
        [...section.values].map(([name, value]) => [
          name,
          value.startsWith('\n')
            ? Object.fromEntries(
                value
                  .split('\n')
                  .filter((line) => line.trim())
                  .map((line) => line.split(/=(.*)/s).map((part) => part.trim()))
              )
            : value
        ])
      )
    }
    return profiles
  }

  it.each(realWorld.map(([name, text], i) => [name, text, i] as const))('%s', (_, text, i) => {
    const seen = cli[i]
    const document = parseIni(text)
    if (document.problems.length > 0) expect(seen?.error).toBe('ConfigParseError')
    else expect(seen?.profiles).toEqual(cairnView(text))
  })
})
