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
  'NOT_FOUND',
  'INVALID_CREDENTIALS',
  'NO_IAM_PERMISSION',
  'ENDPOINT_UNREACHABLE',
  /** AWS refused the MFA codes (ResyncMFADevice); the message says what to type instead. */
  'MFA_CODES_REFUSED',
  /** AWS refused a session's MFA code: wrong, already used, or from the wrong entry. */
  'MFA_CODE_WRONG',
  /** This computer's clock is too far from AWS's for signed requests or MFA codes to agree. */
  'CLOCK_OFF',
  /** A role's MFA-backed session is missing or over; the user refreshes it with a code. */
  'SESSION_EXPIRED',
  /** The role has no access key, so the AWS CLI and SDKs cannot act as it. */
  'NO_ACCESS_KEY',
  /** Cairn does not know which MFA device a role's user has: choose one on the MFA step, or name its serial. */
  'MFA_DEVICE_UNKNOWN'
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
