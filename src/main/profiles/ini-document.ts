/**
 * A lossless reading of the AWS config/credentials INI dialect. Every byte of the input is kept
 * (BOM, comments, blank lines, each line's own ending, trailing spaces, a missing final newline),
 * so `serializeIni(parseIni(text)) === text`. The classification of each line mirrors Python's
 * configparser as the AWS CLI uses it, so Cairn sees the same sections and profiles the CLI sees.
 */

export type LineEnding = '' | '\n' | '\r\n' | '\r'

/** `continuation` is a line indented deeper than the setting above it, e.g. under `s3 =`. */
export type IniLineKind = 'blank' | 'comment' | 'header' | 'setting' | 'continuation' | 'invalid'

export interface IniLine {
  /** The line as written, without its ending. */
  text: string
  eol: LineEnding
  kind: IniLineKind
}

/** How the CLI reads a header: `[default]`, `[profile name]`, `[sso-session name]`, `[services name]`. */
export type SectionKind = 'default' | 'profile' | 'sso-session' | 'services' | 'other'

export interface IniSection {
  /** What is between the brackets, exactly as written. */
  header: string
  kind: SectionKind
  /** The profile, sso-session or services name; the whole header for other sections. */
  name: string
  /** Index in `lines` of the header line; the section runs up to (not including) `end`. */
  start: number
  end: number
  /** The raw text span: the header line through the line before the next header. */
  text: string
  /** Settings as the CLI reads them: lower-cased names, nested blocks as `\n`-joined text. */
  values: ReadonlyMap<string, string>
}

/** Something in the file that makes the AWS CLI refuse to read it at all. */
export interface IniProblem {
  line: number
  message: string
}

export interface IniDocument {
  bom: '' | '\uFEFF'
  lines: readonly IniLine[]
  /** Everything before the first header. */
  preamble: string
  sections: readonly IniSection[]
  /** The ending most lines use; what new lines should use. */
  eol: '\n' | '\r\n'
  problems: readonly IniProblem[]
}

// Python's str.isspace() set, which configparser's strip() and \s use; JS's \s differs (it has
// \uFEFF and lacks \x1c-\x1f and \x85).
const space = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const edgeSpace = new RegExp(`^[${space}]+|[${space}]+$`, 'g')
const nonSpace = new RegExp(`[^${space}]`)
const headerPattern = /^\[(.+)\]/s
const settingPattern = new RegExp(`^(.*?)[${space}]*([=:])[${space}]*(.*)$`, 's')

const pyStrip = (text: string) => text.replace(edgeSpace, '')

export function splitLines(text: string): Array<{ text: string; eol: LineEnding }> {
  const lines: Array<{ text: string; eol: LineEnding }> = []
  let from = 0
  for (const match of text.matchAll(/\r\n|\r|\n/g)) {
    lines.push({ text: text.slice(from, match.index), eol: match[0] as LineEnding })
    from = match.index + match[0].length
  }
  if (from < text.length) lines.push({ text: text.slice(from), eol: '' })
  return lines
}

export function serializeIni(document: { bom: string; lines: readonly IniLine[] }): string {
  return document.bom + document.lines.map((line) => line.text + line.eol).join('')
}

export function parseIni(input: string): IniDocument {
  const bom = input.startsWith('\uFEFF') ? '\uFEFF' : ''
  const problems: IniProblem[] = []
  if (bom) problems.push({ line: 1, message: 'The file starts with a byte order mark (BOM), which the AWS CLI cannot read. Save it as UTF-8 without BOM.' })

  const lines: IniLine[] = []
  const opened: Array<{ header: string; start: number; values: Map<string, string[]> }> = []
  const seenHeaders = new Map<string, number>()
  let current: (typeof opened)[number] | undefined
  let setting: string | null = null
  let indent = 0

  for (const [index, { text, eol }] of splitLines(input.slice(bom.length)).entries()) {
    const lineNumber = index + 1
    const stripped = pyStrip(text)
    let kind: IniLineKind
    if (stripped.startsWith('#') || stripped.startsWith(';')) {
      kind = 'comment'
    } else if (stripped === '') {
      kind = 'blank'
      if (current && setting) current.values.get(setting)?.push('')
    } else {
      const depth = text.search(nonSpace)
      if (current && setting && depth > indent) {
        kind = 'continuation'
        current.values.get(setting)?.push(stripped)
      } else {
        indent = depth
        const header = headerPattern.exec(stripped)?.[1]
        if (header !== undefined) {
          kind = 'header'
          setting = null
          // configparser's DEFAULT section may repeat; any other repeated header is fatal.
          const first = seenHeaders.get(header)
          if (first !== undefined && header !== 'DEFAULT')
            problems.push({ line: lineNumber, message: `[${header}] appears twice (lines ${first} and ${lineNumber}); the AWS CLI refuses the file.` })
          else seenHeaders.set(header, lineNumber)
          current = { header, start: index, values: new Map() }
          opened.push(current)
        } else {
          const match = current ? settingPattern.exec(stripped) : null
          const name = match?.[1]?.toLowerCase()
          if (!current || !match || !name) {
            kind = 'invalid'
            problems.push({
              line: lineNumber,
              message: current
                ? `Line ${lineNumber} is neither a [section], a name = value setting nor a comment.`
                : `Line ${lineNumber} comes before any [section].`
            })
            if (match) setting = null
          } else {
            kind = 'setting'
            if (current.values.has(name))
              problems.push({ line: lineNumber, message: `${name} is set twice in [${current.header}]; the AWS CLI refuses the file.` })
            setting = name
            current.values.set(name, [match[3] ?? ''])
          }
        }
      }
    }
    lines.push({ text, eol, kind })
  }

  const sections = opened.map((section, i): IniSection => {
    const end = opened[i + 1]?.start ?? lines.length
    const values = new Map<string, string>()
    for (const [name, parts] of section.values) {
      const value = parts.join('\n').trimEnd()
      values.set(name, value)
      if (value.startsWith('\n') && !nestedIsReadable(value)) {
        problems.push({
          line: section.start + 1,
          message: `The settings nested under ${name} in [${section.header}] must each be name = value; the AWS CLI refuses the file.`
        })
      }
    }
    const { kind, name } = classifyHeader(section.header)
    return { header: section.header, kind, name, start: section.start, end, text: textOf(lines.slice(section.start, end)), values }
  })

  return {
    bom,
    lines,
    preamble: textOf(lines.slice(0, opened[0]?.start ?? lines.length)),
    sections,
    eol: dominantEnding(lines),
    problems: problems.sort((a, b) => a.line - b.line)
  }
}

const textOf = (lines: readonly IniLine[]) => lines.map((line) => line.text + line.eol).join('')

function nestedIsReadable(value: string): boolean {
  return value.split('\n').every((line) => line.trim() === '' || line.includes('='))
}

function dominantEnding(lines: readonly IniLine[]): '\n' | '\r\n' {
  const crlf = lines.filter((line) => line.eol === '\r\n').length
  const lf = lines.filter((line) => line.eol === '\n').length
  return crlf > lf ? '\r\n' : '\n'
}

/** botocore's build_profile_map: a prefix test, then a shell-style split into exactly two words. */
export function classifyHeader(header: string): { kind: SectionKind; name: string } {
  for (const kind of ['profile', 'sso-session', 'services'] as const) {
    if (!header.startsWith(kind)) continue
    const words = shellWords(header)
    return words?.length === 2 && words[1] !== undefined ? { kind, name: words[1] } : { kind: 'other', name: header }
  }
  return header === 'default' ? { kind: 'default', name: 'default' } : { kind: 'other', name: header }
}

/** Python's shlex.split (POSIX mode); null where shlex raises (an unclosed quote, a trailing backslash). */
export function shellWords(text: string): string[] | null {
  const words: string[] = []
  let word: string | null = null
  let quote: '"' | "'" | null = null
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string
    if (quote === "'") {
      if (char === "'") quote = null
      else word += char
    } else if (quote === '"') {
      const next = text[i + 1]
      if (char === '"') quote = null
      else if (char === '\\' && (next === '"' || next === '\\')) {
        word += next
        i++
      } else word += char
    } else if (' \t\r\n'.includes(char)) {
      if (word !== null) words.push(word)
      word = null
    } else if (char === "'" || char === '"') {
      quote = char
      word ??= ''
    } else if (char === '\\') {
      const next = text[i + 1]
      if (next === undefined) return null
      word = (word ?? '') + next
      i++
    } else {
      word = (word ?? '') + char
    }
  }
  if (quote) return null
  if (word !== null) words.push(word)
  return words
}
