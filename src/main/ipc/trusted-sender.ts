/** What main knows about the frame that sent an IPC message. */
export interface SenderInfo {
  /** The sending frame's URL. */
  url: string
  isMainFrame: boolean
}

/** The origin the app's own windows are served from (the `app` custom protocol). */
export const APP_ORIGIN = 'app://cairn'

/**
 * Only the top frame of a page served from one of our own origins may talk to main.
 * Subframes, devtools-opened pages or anything navigated elsewhere are refused.
 */
export function isTrustedSender(sender: SenderInfo, trustedOrigins: readonly string[]): boolean {
  if (!sender.isMainFrame) return false
  let origin: string
  try {
    const url = new URL(sender.url)
    // URL.origin is "null" for non-special schemes such as app:, so rebuild it.
    origin = `${url.protocol}//${url.host}`
  } catch {
    return false
  }
  return trustedOrigins.includes(origin)
}
