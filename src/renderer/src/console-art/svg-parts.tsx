import type { ReactNode } from 'react'
import type { ConsoleLabelId, IllustratedLabel } from '../../../shared/contract'

/** What every page drawing gets: the label texts from main, and which element carries which number. */
export interface PageProps {
  labels: Record<ConsoleLabelId, IllustratedLabel>
  callouts: Partial<Record<ConsoleLabelId, number>>
}

const CHAR_WIDTH = 0.56

/** SVG cannot measure text before it is drawn; this estimate is close enough for a sketch. */
export const textWidth = (text: string, size = 12): number => Math.ceil(text.length * size * CHAR_WIDTH)

/** Splits text into lines of about `max` characters, at spaces. */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && (line + ' ' + word).length > max) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

export function Text({
  x,
  y,
  children,
  size = 12,
  weight,
  className = 'ca-text',
  anchor
}: {
  x: number
  y: number
  children: ReactNode
  size?: number
  weight?: number
  className?: string
  anchor?: 'start' | 'middle' | 'end'
}) {
  return (
    <text x={x} y={y} fontSize={size} fontWeight={weight} className={className} textAnchor={anchor}>
      {children}
    </text>
  )
}

/** Grey bars standing for text the user need not read. */
export function Filler({ x, y, widths }: { x: number; y: number; widths: number[] }) {
  return (
    <g className="ca-filler">
      {widths.map((w, i) => (
        <rect key={i} x={x} y={y + i * 12} width={w} height={6} rx={3} />
      ))}
    </g>
  )
}

/** A numbered circle on the element the user clicks; the number matches the list beside it. */
export function Callout({ n, x, y }: { n: number | undefined; x: number; y: number }) {
  if (n === undefined) return null
  return (
    <g className="ca-callout">
      <circle cx={x} cy={y} r={11} className="ca-callout-ring" />
      <circle cx={x} cy={y} r={9} className="ca-callout-dot" />
      <text x={x} y={y + 4} fontSize={11} fontWeight={700} textAnchor="middle" className="ca-callout-text">
        {n}
      </text>
    </g>
  )
}

/** The outline that marks a called-out element; dashed when the label is unconfirmed. */
function Highlight({ x, y, width, height, label }: { x: number; y: number; width: number; height: number; label: IllustratedLabel }) {
  return <rect x={x - 3} y={y - 3} width={width + 6} height={height + 6} rx={6} className={label.confirmed ? 'ca-highlight' : 'ca-highlight ca-unconfirmed'} />
}

interface Targetable {
  id: ConsoleLabelId
  x: number
  y: number
  page: PageProps
}

/** A console button; `kind` follows the console's primary (filled) and normal (outlined) buttons. */
export function Button({
  id,
  x,
  y,
  page,
  kind = 'normal',
  caret = false,
  text
}: Targetable & { kind?: 'primary' | 'normal' | 'link'; caret?: boolean; text?: string }) {
  const label = page.labels[id]
  const shown = text ?? label.text
  const width = textWidth(shown) + (caret ? 34 : 24)
  const n = page.callouts[id]
  return (
    <g>
      {kind === 'link' ? null : <rect x={x} y={y} width={width} height={24} rx={12} className={kind === 'primary' ? 'ca-button-primary' : 'ca-button'} />}
      <Text x={x + 12} y={y + 16} weight={600} className={kind === 'primary' ? 'ca-button-primary-text' : kind === 'link' ? 'ca-link' : 'ca-button-text'}>
        {shown}
        {caret ? ' ▾' : ''}
      </Text>
      {n !== undefined ? <Highlight x={x} y={y} width={width} height={24} label={label} /> : null}
      <Callout n={n} x={x} y={y} />
    </g>
  )
}

/** A labelled text field, with what is typed in it (never a real value). */
export function Field({ id, x, y, page, width = 220, value, labelText }: Targetable & { width?: number; value?: string; labelText?: string }) {
  const label = page.labels[id]
  const n = page.callouts[id]
  return (
    <g>
      <Text x={x} y={y} weight={600}>
        {labelText ?? label.text}
      </Text>
      <rect x={x} y={y + 6} width={width} height={24} rx={4} className="ca-input" />
      {value ? (
        <Text x={x + 8} y={y + 22} className="ca-muted">
          {value}
        </Text>
      ) : null}
      {n !== undefined ? <Highlight x={x} y={y + 6} width={width} height={24} label={label} /> : null}
      <Callout n={n} x={x - 14} y={y + 18} />
    </g>
  )
}

/** A tick box or a radio choice with its label, wrapped to `maxChars` a line. */
export function Choice({ id, x, y, page, kind, checked, maxChars = 60 }: Targetable & { kind: 'checkbox' | 'radio'; checked: boolean; maxChars?: number }) {
  const label = page.labels[id]
  const n = page.callouts[id]
  const lines = wrap(label.text, maxChars)
  const width = 22 + Math.max(...lines.map((l) => textWidth(l)))
  return (
    <g>
      {kind === 'radio' ? <circle cx={x + 7} cy={y + 7} r={7} className="ca-input" /> : <rect x={x} y={y} width={14} height={14} rx={3} className="ca-input" />}
      {checked ? (
        kind === 'radio' ? (
          <circle cx={x + 7} cy={y + 7} r={3.5} className="ca-mark" />
        ) : (
          <path d={`M${x + 3} ${y + 7} l3 3 l5 -6`} className="ca-tick" />
        )
      ) : null}
      {lines.map((line, i) => (
        <Text key={i} x={x + 22} y={y + 11 + i * 15}>
          {line}
        </Text>
      ))}
      {n !== undefined ? <Highlight x={x} y={y} width={width} height={lines.length * 15} label={label} /> : null}
      <Callout n={n} x={x - 16} y={y + 7} />
    </g>
  )
}

/** A console container: a white box with a bold heading, as each page section is drawn. */
export function Section({
  x,
  y,
  width,
  height,
  title,
  children
}: {
  x: number
  y: number
  width: number
  height: number
  title: string
  children?: ReactNode
}) {
  return (
    <g>
      <rect x={x} y={y} width={width} height={height} rx={8} className="ca-panel" />
      <Text x={x + 14} y={y + 22} size={13} weight={700}>
        {title}
      </Text>
      {children}
    </g>
  )
}
