import { useRef, type ClipboardEvent, type KeyboardEvent, type RefObject } from 'react'
import { pastesBoth, typeCodes, type CodeProblems, type Codes } from './codes'

/**
 * Two six-digit boxes that move on by themselves: six digits in the first move focus to the
 * second, and twelve pasted (or typed on) fill both. No maxLength, which would cut a paste
 * of both codes to the first six.
 */
export function CodeBoxes({
  id,
  codes,
  onChange,
  errors,
  disabled,
  firstRef,
  secondRef,
  after
}: {
  id: string
  codes: Codes
  onChange: (codes: Codes) => void
  errors: CodeProblems
  disabled?: boolean
  firstRef?: RefObject<HTMLInputElement | null>
  secondRef?: RefObject<HTMLInputElement | null>
  /** Where focus goes once both boxes are full (the submit button). */
  after?: RefObject<HTMLElement | null>
}) {
  const ownFirst = useRef<HTMLInputElement>(null)
  const first = firstRef ?? ownFirst
  const ownSecond = useRef<HTMLInputElement>(null)
  const second = secondRef ?? ownSecond

  const fill = (text: string, box: 1 | 2) => {
    const next = typeCodes(codes, text, box)
    onChange(next.codes)
    if (next.focus === 'after') after?.current?.focus()
    else if (next.focus === 'second') second.current?.focus()
  }

  const paste = (event: ClipboardEvent<HTMLInputElement>, box: 1 | 2) => {
    const text = event.clipboardData.getData('text')
    if (!pastesBoth(text)) return
    // Both codes at once, wherever they were pasted.
    event.preventDefault()
    fill(text, box)
  }

  const backFromSecond = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Backspace' && codes.code2 === '') {
      event.preventDefault()
      first.current?.focus()
    }
  }

  return (
    <div className="code-boxes">
      <CodeBox
        id={`${id}-code1`}
        label="MFA code 1"
        hint="The code your app shows now."
        value={codes.code1}
        error={errors.code1}
        disabled={disabled}
        inputRef={first}
        onText={(text) => fill(text, 1)}
        onPaste={(e) => paste(e, 1)}
      />
      <CodeBox
        id={`${id}-code2`}
        label="MFA code 2"
        hint="Wait for the next code, then enter it."
        value={codes.code2}
        error={errors.code2}
        disabled={disabled}
        inputRef={second}
        onText={(text) => fill(text, 2)}
        onPaste={(e) => paste(e, 2)}
        onKeyDown={backFromSecond}
      />
    </div>
  )
}

function CodeBox({
  id,
  label,
  hint,
  value,
  error,
  disabled,
  inputRef,
  onText,
  onPaste,
  onKeyDown
}: {
  id: string
  label: string
  hint: string
  value: string
  error: string | undefined
  disabled: boolean | undefined
  inputRef: RefObject<HTMLInputElement | null>
  onText: (text: string) => void
  onPaste: (event: ClipboardEvent<HTMLInputElement>) => void
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void
}) {
  const described = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')
  return (
    <div className="field code-box">
      <label htmlFor={id}>{label}</label>
      <input
        ref={inputRef}
        id={id}
        className="mono code-input"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        spellCheck={false}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        onChange={(event) => onText(event.target.value)}
        onPaste={onPaste}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="field-hint">
        {hint}
      </span>
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  )
}
