import { describe, expect, it } from 'vitest'
import { cairnCommandForApp, credentialProcessArgv, nodeOnPath } from '../../../src/main/profiles/cairn-command'

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
    expect(cairnCommandForApp({ isPackaged: false, appPath: '/home/me/cairn', env: { npm_node_execpath: '/opt/node/bin/node', PATH: '/usr/local/bin' }, platform: 'linux', exists })).toEqual([
      '/opt/node/bin/node',
      '/home/me/cairn/bin/cairn.js'
    ])
    expect(cairnCommandForApp({ isPackaged: false, appPath: '/home/me/cairn', env: { PATH: '/usr/local/bin' }, platform: 'linux', exists })).toEqual([
      '/usr/local/bin/node',
      '/home/me/cairn/bin/cairn.js'
    ])
  })

  it('has no command for a packaged app, whose Electron binary may not act as Node', () => {
    expect(cairnCommandForApp({ isPackaged: true, appPath: '/opt/Cairn/resources/app.asar', env: { PATH: '/usr/local/bin' }, platform: 'linux', exists })).toBeNull()
  })
})
