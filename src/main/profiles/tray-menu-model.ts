import { sessionState, sessionSummary, type SessionState } from '../../shared/session-time'
import { clockTime } from '../sessions/session-freshness'

export interface TrayRole {
  role: string
  active: boolean
  hasAccessKey: boolean
  requiresMfa: boolean
  consoleAccess: boolean
  session: { expiration: string; state: SessionState } | null
  /** The roles layout: an IAM role whose sessions start from the day's sign-in. */
  roleArn?: string
}

/** The roles layout's person and the day's session (profiles.list's signIn). */
export interface TraySignIn {
  userName: string
  session: { expiration: string; state: SessionState } | null
}

export type TrayAction = { kind: 'show' } | { kind: 'quit' } | { kind: 'switch'; role: string } | { kind: 'console'; role: string }

export type TrayItem = { kind: 'separator' } | { kind: 'item'; label: string; enabled: boolean; action?: TrayAction; checked?: boolean }

/** "dev · 11 h 20 min left", "ops · session expired", "billing · console only": the Profiles screen's words. */
function roleLabel(role: TrayRole, nowMs: number, signedIn: boolean): string {
  // Signed in for the day, a role's session starts (again) by itself the moment it is used.
  if (role.roleArn !== undefined && signedIn && (!role.session || sessionState(role.session.expiration, nowMs) !== 'valid')) return role.role
  const { standing, words } = sessionSummary(role, nowMs)
  return standing === 'starts-on-use' ? role.role : `${role.role} · ${words}`
}

/**
 * The tray menu as data: in the roles layout first whether the person is signed in for the day,
 * then the roles with the active one checked and its session's time left
 * (click: make it the active CLI role), "Open console as …" for each, then Open and Quit.
 */
export function trayMenuModel(roles: readonly TrayRole[], nowMs: number, signIn: TraySignIn | null = null): TrayItem[] {
  const show: TrayItem = { kind: 'item', label: 'Open Cairn', enabled: true, action: { kind: 'show' } }
  const quit: TrayItem = { kind: 'item', label: 'Quit Cairn', enabled: true, action: { kind: 'quit' } }
  if (roles.length === 0) {
    return [show, { kind: 'separator' }, { kind: 'item', label: 'No roles yet: finish setup in Cairn', enabled: false }, { kind: 'separator' }, quit]
  }
  const daySession = signIn?.session ?? null
  const signedIn = daySession !== null && sessionState(daySession.expiration, nowMs) !== 'expired'
  // The roles layout: one line for the day's sign-in above the roles; signing in happens in Cairn.
  const signInLine: TrayItem[] =
    signIn === null
      ? []
      : signedIn && daySession
        ? [{ kind: 'item', label: `Signed in as ${signIn.userName} until ${clockTime(daySession.expiration)}`, enabled: false }]
        : [{ kind: 'item', label: 'Not signed in today', enabled: true, action: { kind: 'show' } }]
  const switches = roles.map((role): TrayItem => ({
    kind: 'item',
    label: roleLabel(role, nowMs, signedIn),
    checked: role.active,
    // A role without an access key cannot be the CLI's role; the console items still reach it.
    enabled: role.hasAccessKey,
    action: { kind: 'switch', role: role.role }
  }))
  const consoles = roles.map((role): TrayItem => ({
    kind: 'item',
    label: `Open console as ${role.role}`,
    enabled: role.consoleAccess || role.hasAccessKey,
    action: { kind: 'console', role: role.role }
  }))
  return [
    show,
    { kind: 'separator' },
    ...signInLine,
    { kind: 'item', label: 'Active role for AWS_PROFILE=cairn', enabled: false },
    ...switches,
    { kind: 'separator' },
    ...consoles,
    { kind: 'separator' },
    quit
  ]
}
