import type { BrowserWindowConstructorOptions } from 'electron'
import { isAllowedExternalUrl } from './external-links'
import { sandboxedWebPreferences } from './window-options'

/**
 * Console windows show AWS's own pages (remote content), one window and one cookie jar per
 * role. They may go where signing in and the console take them and nowhere else.
 */

const exactHosts: readonly string[] = ['signin.aws.amazon.com', 'console.aws.amazon.com']
const hostSuffixes: readonly string[] = ['.signin.aws.amazon.com', '.console.aws.amazon.com']

export interface ConsoleNavigationOptions {
  /** The practice account's http://127.0.0.1:PORT, whose /federation and /console play AWS's. */
  practiceOrigin?: string
}

export function isConsoleNavigationAllowed(raw: string, options: ConsoleNavigationOptions = {}): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.username || url.password) return false
  if (options.practiceOrigin !== undefined && url.origin === new URL(options.practiceOrigin).origin) return true
  if (url.protocol !== 'https:' || url.port) return false
  const host = url.hostname.toLowerCase()
  return exactHosts.includes(host) || hostSuffixes.some((suffix) => host.endsWith(suffix))
}

export interface ConsoleNavigationDecision {
  allow: boolean
  /** Set when a refused URL may go to the user's browser instead (AWS documentation, say). */
  openExternally?: string
}

export function decideConsoleNavigation(url: string, options: ConsoleNavigationOptions = {}): ConsoleNavigationDecision {
  if (isConsoleNavigationAllowed(url, options)) return { allow: true }
  return isAllowedExternalUrl(url) ? { allow: false, openExternally: url } : { allow: false }
}

/** New windows never open inside Cairn; allowed https AWS links go to the OS browser. */
export function decideConsoleWindowOpen(url: string): { action: 'deny'; openExternally?: string } {
  return isAllowedExternalUrl(url) ? { action: 'deny', openExternally: url } : { action: 'deny' }
}

/** Console pages get no camera, notifications, clipboard reads or anything else. */
export function decideConsolePermission(_permission: string): false {
  return false
}

/** One persistent cookie jar per account and role: billing and dev stay signed in side by side. */
export function consolePartition(accountId: string, role: string): string {
  return `persist:cairn-role-${accountId}-${role}`
}

export function consoleWindowOptions(input: { accountId: string; role: string; iconPath?: string }): BrowserWindowConstructorOptions {
  return {
    title: `AWS console · ${input.role} (${input.accountId})`,
    width: 1280,
    height: 860,
    show: true,
    autoHideMenuBar: true,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: {
      partition: consolePartition(input.accountId, input.role),
      // Remote content: no preload, so no bridge to Cairn at all.
      ...sandboxedWebPreferences,
      devTools: false
    }
  }
}
