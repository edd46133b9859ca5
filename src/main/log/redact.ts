/**
 * Removes anything shaped like an AWS credential before text reaches a log or an error
 * report: access key ids, 40-character secrets, session tokens, and TOTP seeds.
 */
const patterns: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}\b/g, '$1…redacted'],
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{100,}(?![A-Za-z0-9/+=])/g, '…redacted-token…'],
  [/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/g, '…redacted-secret…'],
  [/(?<![A-Z2-7])[A-Z2-7]{32,}(?![A-Z2-7])/g, '…redacted-seed…']
]

export function redact(text: string): string {
  return patterns.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text)
}

export interface Logger {
  info(message: string): void
  warn(message: string): void
  error(message: string, error?: unknown): void
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

export function createLogger(write: (line: string) => void): Logger {
  const line = (level: string, message: string) => write(redact(`${new Date().toISOString()} ${level} ${message}`))
  return {
    info: (message) => line('info', message),
    warn: (message) => line('warn', message),
    error: (message, error) => line('error', error === undefined ? message : `${message}: ${describe(error)}`)
  }
}
