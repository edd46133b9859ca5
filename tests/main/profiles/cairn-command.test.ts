import { describe, expect, it } from 'vitest'
import { cairnCommandForApp, credentialProcessArgv, nodeOnPath } from '../../../src/main/profiles/cairn-command'
import { credentialProcessCommand } from '../../../src/main/profiles/cairn-sections'

const files = new Set(['/usr/local/bin/node', '/home/me/cairn/bin/cairn.js', '/opt/node/bin/node'])
const exists = (file: string) => files.has(file)

describe('the cairn command credential_process runs', () => {
  it('names the role, or --active for the profile that follows the active role', () => {
    expect(credentialProcessArgv(['/n', '/c.js'], 'dev')).toEqual(['/n', '/c.js', 'credential-process', 'dev'])
    expect(credentialProcessArgv(['/n', '/c.js'], 'active')).toEqual(['/n', '/c.js', 'credential-process', '--active'])
  })

  it('finds node on PATH as an absolute path, skipping relative entries', () => {
    expect(nodeOnPath({ PATH: 'bin:/usr/bin:/usr/local/bin' }, 'linux', exists)).toBe('/usr/local/bin/node')
    expect(nodeOnPath({ PATH: '/usr/bin' }, 'linux', exists)).toBeNull()
  })

  it("runs the checkout's bin/cairn.js with npm's node when the app is not packaged", () => {
    expect(
      cairnCommandForApp({
        isPackaged: false,
        appPath: '/home/me/cairn',
        env: { npm_node_execpath: '/opt/node/bin/node', PATH: '/usr/local/bin' },
        platform: 'linux',
        exists
      })
    ).toEqual(['/opt/node/bin/node', '/home/me/cairn/bin/cairn.js'])
    expect(cairnCommandForApp({ isPackaged: false, appPath: '/home/me/cairn', env: { PATH: '/usr/local/bin' }, platform: 'linux', exists })).toEqual([
      '/usr/local/bin/node',
      '/home/me/cairn/bin/cairn.js'
    ])
  })

  describe('an installed app', () => {
    const packaged = (execPath: string, platform: NodeJS.Platform, env: Record<string, string> = {}, present: string[] = []) =>
      cairnCommandForApp({
        isPackaged: true,
        appPath: '/ignored/app.asar',
        execPath,
        env: { PATH: '/usr/local/bin', ...env },
        platform,
        exists: (file) => present.includes(file)
      })

    it('runs its own binary with the --cairn-cli marker: macOS, inside Cairn.app', () => {
      expect(packaged('/Applications/Cairn.app/Contents/MacOS/Cairn', 'darwin')).toEqual(['/Applications/Cairn.app/Contents/MacOS/Cairn', '--cairn-cli'])
      expect(packaged('/Users/me/Applications/Cairn.app/Contents/MacOS/Cairn', 'darwin')).toEqual([
        '/Users/me/Applications/Cairn.app/Contents/MacOS/Cairn',
        '--cairn-cli'
      ])
    })

    it('has no lasting command while macOS runs it from a translocated copy (never moved out of Downloads)', () => {
      expect(packaged('/private/var/folders/x1/abc/T/AppTranslocation/7F3A-11/d/Cairn.app/Contents/MacOS/Cairn', 'darwin')).toBeNull()
    })

    it('Windows: the installed Cairn.exe', () => {
      const exe = 'C:\\Users\\Jo Smith\\AppData\\Local\\Programs\\Cairn\\Cairn.exe'
      expect(packaged(exe, 'win32')).toEqual([exe, '--cairn-cli'])
      // The AWS CLI splits credential_process by Windows rules there: the quoted path stays one argument.
      expect(credentialProcessCommand(credentialProcessArgv(packaged(exe, 'win32')!, 'dev'), 'win32')).toBe(`"${exe}" --cairn-cli credential-process dev`)
    })

    it('Linux AppImage: the .AppImage file, not the mount it runs from, which changes every launch', () => {
      const appImage = '/home/me/Apps/Cairn-0.1.0.AppImage'
      expect(packaged('/tmp/.mount_CairnXy12ab/cairn', 'linux', { APPIMAGE: appImage }, [appImage])).toEqual([appImage, '--cairn-cli'])
      // An APPIMAGE that is gone or relative gives no command rather than the temporary mount.
      expect(packaged('/tmp/.mount_CairnXy12ab/cairn', 'linux', { APPIMAGE: appImage }, [])).toBeNull()
      expect(packaged('/tmp/.mount_CairnXy12ab/cairn', 'linux', { APPIMAGE: 'Cairn.AppImage' }, ['Cairn.AppImage'])).toBeNull()
    })

    it('Linux deb: /opt/Cairn/cairn', () => {
      expect(packaged('/opt/Cairn/cairn', 'linux')).toEqual(['/opt/Cairn/cairn', '--cairn-cli'])
    })

    it('never a relative path, which would depend on the shell the AWS CLI runs it from', () => {
      expect(packaged('Cairn', 'darwin')).toBeNull()
      expect(packaged('Cairn.exe', 'win32')).toBeNull()
    })

    it('makes credential_process lines that name the role after the marker', () => {
      const command = packaged('/opt/Cairn/cairn', 'linux')!
      expect(credentialProcessArgv(command, 'dev')).toEqual(['/opt/Cairn/cairn', '--cairn-cli', 'credential-process', 'dev'])
    })
  })
})
