import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where Cairn keeps its files: Electron's userData for productName "Cairn", so the command
 * line and the app share the setup journal. CAIRN_DATA_DIR overrides it (tests isolate
 * themselves with it).
 */
export function defaultDataDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home = homedir()
): string {
  if (env['CAIRN_DATA_DIR']) return env['CAIRN_DATA_DIR']
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Cairn')
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Cairn')
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'Cairn')
}
