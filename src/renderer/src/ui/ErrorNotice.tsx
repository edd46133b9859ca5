import type { ReactNode } from 'react'
import type { CallError } from '../call'

const headlines: Partial<Record<CallError['code'], string>> = {
  KEYCHAIN_UNAVAILABLE: 'The keychain did not answer',
  NOT_CONNECTED: 'Cairn is not connected to the account',
  INVALID_CREDENTIALS: 'AWS did not accept that key',
  NO_IAM_PERMISSION: 'That identity is not allowed to do this',
  ENDPOINT_UNREACHABLE: 'Cairn could not reach AWS',
  CLOCK_OFF: 'This computer’s clock is off',
  MFA_CODE_WRONG: 'That code did not work',
  MFA_CODES_REFUSED: 'AWS refused those codes',
  SESSION_EXPIRED: 'The session is over',
  NO_ACCESS_KEY: 'This role has no access key',
  MFA_DEVICE_UNKNOWN: 'Cairn does not know this user’s MFA device',
  CONFLICT: 'Something in the account is in the way',
  INVALID_REQUEST: 'Something in the form needs changing',
  AWS_ERROR: 'AWS said no',
  INTERNAL: 'Something went wrong inside Cairn'
}

/**
 * An error as the user should meet it: a plain headline, the message (what happened and what
 * to do next, written in main), and the code as small print for a support request. Text only:
 * messages can quote AWS, which is never rendered as HTML.
 */
export function ErrorNotice({ error, children, title }: { error: CallError; children?: ReactNode; title?: string }) {
  return (
    <div className="notice notice-problem" role="alert">
      <p className="notice-title">{title ?? headlines[error.code] ?? 'That did not work'}</p>
      <p>{error.message}</p>
      {error.issues?.length ? (
        <ul>
          {error.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>{issue.path ? `${issue.path}: ${issue.message}` : issue.message}</li>
          ))}
        </ul>
      ) : null}
      {children}
      <p className="notice-code">Code: {error.code}</p>
    </div>
  )
}
