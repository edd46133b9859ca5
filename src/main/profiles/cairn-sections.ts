import { CairnError } from '../../shared/errors'
import { parseIni, serializeIni, type IniDocument, type IniLine, type IniSection } from './ini-document'

/**
 * Cairn's sections of the AWS config file: `[profile cairn]` and `[profile cairn-*]` with the
 * marker line right above them, and `[default]` only while the user has opted in. Every other
 * byte of the file stays as it was.
 */

export const CAIRN_MARKER = '# managed by Cairn: edits here are replaced'
const markerPattern = /^[#;][ \t]*managed by Cairn\b/i
/** On the first marker of Cairn's sections at the end of a file whose own last line had no line break, so removing them can give the file back as it was. */
const NO_FINAL_BREAK_NOTE = ' (your file ended without a line break here)'
const BACKUP_NOTE = '# Your own [default] from before, put back when no Cairn role is the default:'
const BACKUP_PREFIX = '#|'

export interface CairnProfile {
  /** `cairn-<role>`, or `cairn` for the active role. */
  name: string
  credentialProcess: string
  region: string
  extra?: Record<string, string>
}

export interface CairnProfileOptions {
  /** The Cairn profile `[default]` should act as; absent or null means `[default]` is the user's own. */
  defaultRole?: string | null
}

export interface ProfileNameConflict {
  profile: string
  /** 1-based line of the user's own header. */
  line: number
  message: string
}

export type CairnProfilesResult = { ok: true; text: string; changed: boolean } | { ok: false; conflicts: ProfileNameConflict[] }

/** Thrown instead of writing anything secret-shaped into ~/.aws: secrets live in the keychain. */
export class SecretInConfigError extends CairnError {
  constructor(
    readonly profile: string,
    readonly setting: string
  ) {
    super('INTERNAL', `Cairn refused to write ${setting} in [profile ${profile}]: it looks like an AWS secret, and Cairn keeps secrets in the keychain only.`)
    this.name = 'SecretInConfigError'
  }
}

const profileNamePattern = /^cairn(?:-[A-Za-z0-9][A-Za-z0-9._-]*)?$/
const settingNamePattern = /^[a-z][a-z0-9_]*$/
const secretSettingNames = new Set(['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_security_token'])

/** Makes the config file hold exactly `profiles` as Cairn's sections (and `[default]` when opted in). */
export function applyCairnProfiles(text: string, profiles: CairnProfile[], options: CairnProfileOptions = {}): CairnProfilesResult {
  const wanted = new Map(profiles.map((profile) => [profile.name, profile]))
  if (wanted.size !== profiles.length) throw new RangeError('Each Cairn profile name may appear only once.')
  const rendered = new Map(profiles.map((profile) => [profile.name, settingsOf(profile)]))
  const defaultRole = options.defaultRole ?? null
  const defaultSettings = defaultRole === null ? null : rendered.get(defaultRole)
  if (defaultSettings === undefined) throw new RangeError(`The default role ${defaultRole} is not one of the Cairn profiles being written.`)

  const document = parseIni(text)
  const spans = document.sections.map((section) => ({ section, ...ownedSpan(document, section) }))

  const conflicts = spans
    .filter(({ section, marked }) => section.kind === 'profile' && wanted.has(section.name) && !marked)
    .map(({ section }) => ({
      profile: section.name,
      line: section.start + 1,
      message: `A profile named ${section.name} already exists and was not made by Cairn; rename it or remove it, then try again.`
    }))
  if (conflicts.length > 0) return { ok: false, conflicts }

  const { eol } = document
  const endedWithoutBreak = endsWithoutLineBreak(document, spans)
  const made = new Set<IniLine>()
  const cairnBlock = (...args: Parameters<typeof block>): IniLine[] => {
    const lines = block(...args)
    for (const line of lines) made.add(line)
    return lines
  }
  const edits: Edit[] = []
  const placed = new Set<string>()
  for (const { section, from, to, marked } of spans) {
    if (section.kind === 'profile' && marked && profileNamePattern.test(section.name)) {
      const settings = rendered.get(section.name)
      const replacement = settings && !placed.has(section.name) ? cairnBlock(`profile ${section.name}`, settings, eol) : []
      placed.add(section.name)
      edits.push({ from, to, replacement })
    }
  }

  const defaults = spans.filter(({ section }) => section.kind === 'default')
  const cairnDefaults = defaults.filter(({ marked }) => marked)
  const [takeOver] = cairnDefaults.length > 0 ? cairnDefaults : defaults
  for (const span of cairnDefaults) {
    const previous = restoredDefault(document.lines.slice(span.from, span.to))
    const replacement = defaultSettings && span === takeOver ? cairnBlock('default', defaultSettings, eol, previous) : previous
    edits.push({ from: span.from, to: span.to, replacement })
  }
  if (defaultSettings && takeOver && !takeOver.marked) {
    edits.push({
      from: takeOver.from,
      to: takeOver.to,
      replacement: cairnBlock('default', defaultSettings, eol, document.lines.slice(takeOver.from, takeOver.to))
    })
  }

  const lines = [...document.lines]
  for (const edit of edits.sort((a, b) => b.from - a.from)) replaceLines(lines, edit)
  const appended = profiles
    .filter((profile) => !placed.has(profile.name))
    .map((profile) => cairnBlock(`profile ${profile.name}`, rendered.get(profile.name) ?? [], eol))
  if (defaultSettings && !takeOver) appended.push(cairnBlock('default', defaultSettings, eol))
  for (const section of appended) appendBlock(lines, section, eol)
  if (endedWithoutBreak) keepMissingFinalBreak(lines, made)

  const next = serializeIni({ bom: document.bom, lines })
  return { ok: true, text: next, changed: next !== text }
}

/** For uninstall: drops every Cairn section and puts the user's own `[default]` back. */
export function removeCairnProfiles(text: string): { text: string; changed: boolean } {
  const result = applyCairnProfiles(text, [])
  if (!result.ok) throw new Error('Removing Cairn profiles cannot conflict with anything.')
  return { text: result.text, changed: result.changed }
}

/** The Cairn-made profiles the file holds now (`default` included while it is Cairn's). */
export function cairnProfilesIn(text: string): string[] {
  const document = parseIni(text)
  return document.sections
    .filter(
      (section) => (section.kind === 'default' || (section.kind === 'profile' && profileNamePattern.test(section.name))) && ownedSpan(document, section).marked
    )
    .map((section) => section.name)
}

/**
 * Profiles the credentials file also defines. The CLI and SDKs read keys from the credentials
 * file before they run a config file's credential_process, so such an entry silently wins.
 */
export function profilesShadowedByCredentialsFile(credentialsText: string, profileNames: readonly string[]): string[] {
  const defined = new Set(
    parseIni(credentialsText)
      .sections.filter((section) => section.values.size > 0)
      .map((section) => section.header)
  )
  return profileNames.filter((name) => defined.has(name))
}

/**
 * A credential_process command line both readers accept: the AWS CLI splits it like a POSIX
 * shell (shlex), the JavaScript SDK hands it to /bin/sh or cmd.exe.
 */
export function credentialProcessCommand(argv: readonly string[], platform: NodeJS.Platform = process.platform): string {
  return argv
    .map((arg) => {
      if (/^[A-Za-z0-9_/.:=@%+,-]+$/.test(arg)) return arg
      if (platform === 'win32') {
        if (arg.includes('"')) throw new RangeError('A Windows credential_process argument cannot contain a double quote.')
        // Backslashes right before the closing quote would escape it; doubled, they stay backslashes.
        return `"${arg.replace(/\\+$/, '$&$&')}"`
      }
      return `'${arg.replaceAll("'", `'"'"'`)}'`
    })
    .join(' ')
}

interface Edit {
  from: number
  to: number
  replacement: IniLine[]
}

/**
 * What Cairn may replace for a section: its marker line (when there is one), the header and the
 * body up to its last setting. Trailing comments and blank lines stay, since they usually belong
 * to whatever comes next.
 */
function ownedSpan(document: IniDocument, section: IniSection): { from: number; to: number; marked: boolean } {
  const above = document.lines[section.start - 1]
  const marked = above?.kind === 'comment' && markerPattern.test(above.text.trim())
  let to = section.start + 1
  for (let i = section.start + 1; i < section.end; i++) {
    const line = document.lines[i]
    if (line && ((line.kind !== 'blank' && line.kind !== 'comment') || isBackupLine(line))) to = i + 1
  }
  return { from: marked ? section.start - 1 : section.start, to, marked }
}

const isBackupLine = (line: IniLine) => line.text === BACKUP_PREFIX || line.text.startsWith(`${BACKUP_PREFIX} `)

/** The user's `[default]`, kept inside Cairn's as `#| `-prefixed lines with their own line endings. */
function restoredDefault(owned: readonly IniLine[]): IniLine[] {
  const text = owned
    .filter(isBackupLine)
    .map((line) => line.text.slice(BACKUP_PREFIX.length + 1) + line.eol)
    .join('')
  return [...parseIni(text).lines]
}

function block(header: string, settings: ReadonlyArray<readonly [string, string]>, eol: '\n' | '\r\n', previous: readonly IniLine[] = []): IniLine[] {
  const lines: IniLine[] = [
    { text: CAIRN_MARKER, eol, kind: 'comment' },
    { text: `[${header}]`, eol, kind: 'header' },
    ...settings.map(([name, value]): IniLine => ({ text: `${name} = ${value}`, eol, kind: 'setting' }))
  ]
  if (previous.length === 0) return lines
  const backup = previous.map((line): IniLine => ({
    text: line.text === '' ? BACKUP_PREFIX : `${BACKUP_PREFIX} ${line.text}`,
    eol: line.eol || eol,
    kind: 'comment'
  }))
  return [...lines, { text: BACKUP_NOTE, eol, kind: 'comment' }, ...backup]
}

/** Replaces a span; a removed span also takes one of the blank lines that separated it from its neighbours. */
function replaceLines(lines: IniLine[], { from, to, replacement }: Edit): void {
  lines.splice(from, to - from, ...replacement)
  if (replacement.length > 0) return
  const before = lines[from - 1]
  const after = lines[from]
  if (before?.kind === 'blank' && (after === undefined || after.kind === 'blank')) lines.splice(from - 1, 1)
  else if (before === undefined && after?.kind === 'blank') lines.splice(from, 1)
}

/**
 * Whether the user's own text ended without a line break: its last line has none, or Cairn's
 * sections at the end of the file carry the note saying so from an earlier write.
 */
function endsWithoutLineBreak(document: IniDocument, spans: ReadonlyArray<{ section: IniSection; from: number; to: number; marked: boolean }>): boolean {
  const { lines } = document
  if (lines.at(-1)?.eol === '') return true
  const cairns = spans.filter(
    ({ section, marked }) => marked && (section.kind === 'default' || (section.kind === 'profile' && profileNamePattern.test(section.name)))
  )
  let noted = false
  for (let i = lines.length; i > 0;) {
    const span = cairns.find(({ to }) => to === i)
    if (span) {
      noted ||= lines[span.from]?.text.endsWith(NO_FINAL_BREAK_NOTE) ?? false
      i = span.from
    } else if (lines[i - 1]?.kind === 'blank') i--
    else break
  }
  return noted
}

/** Cairn's sections still end the file: note it on the first one; they are gone: the user's last line ends as it did. */
function keepMissingFinalBreak(lines: IniLine[], made: ReadonlySet<IniLine>): void {
  let tail = lines.length
  while (tail > 0 && (made.has(lines[tail - 1]!) || lines[tail - 1]!.kind === 'blank')) tail--
  const marker = lines.findIndex((line, i) => i >= tail && made.has(line) && line.text === CAIRN_MARKER)
  if (marker >= 0) lines[marker] = { ...lines[marker]!, text: CAIRN_MARKER + NO_FINAL_BREAK_NOTE }
  else if (lines.length > 0) lines[lines.length - 1] = { ...lines.at(-1)!, eol: '' }
}

function appendBlock(lines: IniLine[], section: IniLine[], eol: '\n' | '\r\n'): void {
  const last = lines.at(-1)
  if (last) {
    if (last.eol === '') lines[lines.length - 1] = { ...last, eol }
    if (last.kind !== 'blank') lines.push({ text: '', eol, kind: 'blank' })
  }
  lines.push(...section)
}

function settingsOf(profile: CairnProfile): Array<readonly [string, string]> {
  if (!profileNamePattern.test(profile.name)) throw new RangeError(`${JSON.stringify(profile.name)} is not a Cairn profile name (cairn or cairn-<role>).`)
  const settings: Array<readonly [string, string]> = [
    ['credential_process', profile.credentialProcess],
    ['region', profile.region],
    ...Object.entries(profile.extra ?? {})
  ]
  const seen = new Set<string>()
  for (const [name, value] of settings) {
    if (!settingNamePattern.test(name)) throw new RangeError(`${JSON.stringify(name)} is not an AWS config setting name.`)
    if (seen.has(name)) throw new RangeError(`${name} is set twice in [profile ${profile.name}]; the AWS CLI would refuse the file.`)
    seen.add(name)
    if (secretSettingNames.has(name) || looksSecret(value)) throw new SecretInConfigError(profile.name, name)
    checkValueIsPlain(profile.name, name, value)
  }
  return settings
}

function checkValueIsPlain(profile: string, name: string, value: string): void {
  const problem =
    value === '' || value !== value.trim()
      ? 'it is empty or has spaces around it, which readers drop'
      : /[\r\n\u2028\u2029]/.test(value)
        ? 'it spans more than one line'
        : /\s[#;]/.test(value)
          ? 'the JavaScript SDK reads " #" and " ;" as the start of a comment'
          : null
  if (problem) throw new RangeError(`Cannot write ${name} in [profile ${profile}]: ${problem}.`)
}

/** Shapes of AWS credentials: key ids, 40-character secret keys, long session tokens. */
export function looksSecret(value: string): boolean {
  if (/(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/.test(value)) return true
  if (/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{100,}(?![A-Za-z0-9/+=])/.test(value)) return true
  // A secret key is random base64: mixed case and digits. Paths of the same length have many slashes.
  for (const [run] of value.matchAll(/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g)) {
    const slashes = run.split('/').length - 1
    if (/[a-z]/.test(run) && /[A-Z]/.test(run) && /[0-9]/.test(run) && slashes <= 4) return true
  }
  return false
}
