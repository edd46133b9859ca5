import type { ConsoleOpened } from '../../../../shared/contract'
import { clockTime } from './clock-time'

/** How long main leaves a console password on the clipboard (password-copy.ts). */
const PASSWORD_ON_CLIPBOARD_MS = 30_000

/**
 * What happened after "Open console": signed in already in the role's own window, or the
 * account's sign-in page there, with the user name, where the password is and why one click
 * was not possible.
 */
export function ConsoleOutcome({ opened, openedAt, now }: { opened: ConsoleOpened; openedAt: number; now: number }) {
  if (opened.kind === 'federated') {
    return (
      <div className="notice notice-ok console-outcome">
        <p className="notice-title">The console opened in its own window</p>
        <p>
          Signed in as {opened.role} until {clockTime(opened.expiresAt)}. Each role has a window of its own, so other roles can be open side by side.
        </p>
      </div>
    )
  }
  const passwordStillThere = now - openedAt < PASSWORD_ON_CLIPBOARD_MS
  return (
    <div className="notice console-outcome">
      <p className="notice-title">Sign in as {opened.role} in the window that opened</p>
      <p>
        User name: <span className="mono">{opened.userName}</span>
      </p>
      {opened.passwordCopied ? (
        <p>
          {passwordStillThere
            ? 'The password is on your clipboard for 30 seconds: paste it into the Password box.'
            : 'The password was on your clipboard for 30 seconds and has been cleared. Open the console again to copy it again.'}
        </p>
      ) : (
        <p>Cairn holds no password for {opened.userName}: type the one you chose for it.</p>
      )}
      <p className="muted">Why not one click: {opened.why}</p>
    </div>
  )
}
