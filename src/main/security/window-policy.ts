import { isAllowedExternalUrl } from './external-links'

/** An app window is a single page: it never navigates away from what it loaded. */
export function shouldBlockNavigation(_targetUrl: string): true {
  return true
}

export interface WindowOpenDecision {
  action: 'deny'
  /** Set when the URL may be opened in the user's browser instead. */
  openExternally?: string
}

/** window.open and target=_blank never create an app window; allowed https links go to the OS browser. */
export function decideWindowOpen(url: string): WindowOpenDecision {
  return isAllowedExternalUrl(url) ? { action: 'deny', openExternally: url } : { action: 'deny' }
}

/** Only writing to the clipboard (the "copy" buttons) is allowed; camera, geolocation, notifications... are not. */
const grantedPermissions: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

export function decidePermission(permission: string): boolean {
  return grantedPermissions.has(permission)
}
