import { describe, expect, it } from 'vitest'
import { defaultDataDir } from '../../../src/main/app-info/data-dir'

describe('defaultDataDir', () => {
  it('is Electron’s userData for Cairn on each system, so the app and the command line share it', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Cairn')
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/ada')).toBe('/xdg/Cairn')
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Cairn')
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toMatch(/AppData.Roaming.Cairn$/)
  })

  it('gives way to CAIRN_DATA_DIR', () => {
    expect(defaultDataDir({ CAIRN_DATA_DIR: '/tmp/cairn-test' }, 'linux', '/home/ada')).toBe('/tmp/cairn-test')
  })
})
