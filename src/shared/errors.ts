/**
 * Stable error codes every IPC answer can carry. The renderer branches on `code`,
 * shows `message` (always written for the user: what happened and what to do next).
 */
export const errorCodes = [
  'UNKNOWN_CHANNEL',
  'INVALID_REQUEST',
  'UNTRUSTED_SENDER',
  'INTERNAL',
  'KEYCHAIN_UNAVAILABLE',
  'AWS_ERROR',
  'NOT_CONNECTED',
  'CONFLICT',
  'NOT_FOUND'
] as const

export type ErrorCode = (typeof errorCodes)[number]

export interface IpcErrorIssue {
  path: string
  message: string
}

export interface IpcError {
  code: ErrorCode
  message: string
  /** Which request fields were wrong, for INVALID_REQUEST. Never carries the submitted values. */
  issues?: IpcErrorIssue[]
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

/** Thrown by handlers in main; the dispatcher turns it into `{ ok: false, error }`. */
export class CairnError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: IpcErrorIssue[]
  ) {
    super(message)
    this.name = 'CairnError'
  }

  toIpcError(): IpcError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message }
  }
}
