import { sessionSummary, type SessionState } from '../../shared/session-time'

export interface TrayRole {
  role: string
  active: boolean
  hasAccessKey: boolean
  requiresMfa: boolean
  consoleAccess: boolean
  session: { expiration: string; state: SessionState } | null
}

export type TrayAction = { kind: 'show' } | { kind: 'quit' } | { kind: 'switch'; role: string } | { kind: 'console'; role: string }

export type TrayItem = { kind: 'separator' } | { kind: 'item'; label: string; enabled: boolean; action?: TrayAction; checked?: boolean }

/** "dev · 11 h 20 min left", "ops · session expired", "billing · console only": the Profiles screen's words. */
function roleLabel(role: TrayRole, nowMs: number): string {
  const { standing, words } = sessionSummary(role, nowMs)
  return standing === 'starts-on-use' ? role.role : `${role.role} · ${words}`
}

/**
 * The tray menu as data: the roles with the active one checked and its session's time left
 * (click: make it the active CLI role), "Open console as …" for each, then Open and Quit.
 */
export function trayMenuModel(roles: readonly TrayRole[], nowMs: number): TrayItem[] {
  const show: TrayItem = { kind: 'item', label: 'Open Cairn', enabled: true, action: { kind: 'show' } }
  const quit: TrayItem = { kind: 'item', label: 'Quit Cairn', enabled: true, action: { kind: 'quit' } }
  if (roles.length === 0) {
    return [show, { kind: 'separator' }, { kind: 'item', label: 'No roles yet: finish setup in Cairn', enabled: false }, { kind: 'separator' }, quit]
  }
  const switches = roles.map((role): TrayItem => ({
    kind: 'item',
    label: roleLabel(role, nowMs),
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
    { kind: 'item', label: 'Active role for AWS_PROFILE=cairn', enabled: false },
    ...switches,
    { kind: 'separator' },
    ...consoles,
    { kind: 'separator' },
    quit
  ]
}
