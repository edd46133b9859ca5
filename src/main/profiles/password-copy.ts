/** How long a copied console password stays on the clipboard. */
export const PASSWORD_CLEAR_MS = 30_000

/** Electron's clipboard (asynchronous since Electron 41), or a test's. */
export interface TextClipboard {
  readText(): string | Promise<string>
  writeText(text: string): void | Promise<void>
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms)
    // A pending clear must not keep the process alive on its own.
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout)
}

export interface PasswordCopier {
  copy(password: string): Promise<void>
  /** A password is on the clipboard and its clear is still due. */
  isPending(): boolean
  /** Clears now if the clipboard still holds what Cairn put there (before quitting). */
  clearNow(): Promise<void>
}

/**
 * Puts a password on the clipboard and takes it off again after 30 s, but only if it is still
 * there: whatever the user copied since is theirs and stays.
 */
export function passwordCopier(clipboard: TextClipboard, timers: Timers = realTimers, clearAfterMs = PASSWORD_CLEAR_MS): PasswordCopier {
  let pending: { handle: unknown; text: string } | null = null
  const clearIfStillOurs = async (text: string) => {
    if ((await clipboard.readText()) === text) await clipboard.writeText('')
  }
  const cancel = () => {
    if (pending) timers.clearTimeout(pending.handle)
    pending = null
  }
  return {
    async copy(password) {
      cancel()
      await clipboard.writeText(password)
      const entry = {
        text: password,
        handle: timers.setTimeout(() => {
          if (pending === entry) pending = null
          void clearIfStillOurs(password).catch(() => undefined)
        }, clearAfterMs)
      }
      pending = entry
    },
    isPending: () => pending !== null,
    async clearNow() {
      const text = pending?.text
      cancel()
      if (text !== undefined) await clearIfStillOurs(text)
    }
  }
}
