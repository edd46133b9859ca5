import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLI_MARKER, cliEngineDataDir, cliModeArgs, engineSwitchIn } from '../../../src/main/cli-mode/cli-mode-args'
import { repoRoot } from '../../support/build'

const exe = '/Applications/Cairn.app/Contents/MacOS/Cairn'

describe('when the app binary acts as the cairn command', () => {
  it('takes everything after the marker as the command line', () => {
    expect(cliModeArgs([exe, CLI_MARKER, 'credential-process', 'dev'])).toEqual(['credential-process', 'dev'])
    expect(cliModeArgs([exe, '--cairn-cli', 'roles', '--json'])).toEqual(['roles', '--json'])
    expect(cliModeArgs([exe, '--cairn-cli'])).toEqual([])
    // A value after the marker that is the marker again is the command's business, not a second marker.
    expect(cliModeArgs([exe, '--cairn-cli', 'session', '--cairn-cli'])).toEqual(['session', '--cairn-cli'])
  })

  it('starts the app when there is no marker', () => {
    expect(cliModeArgs([exe])).toBeNull()
    expect(cliModeArgs([exe, '--no-sandbox'])).toBeNull()
    expect(cliModeArgs([exe, 'roles', '--json'])).toBeNull()
    expect(cliModeArgs([])).toBeNull()
  })

  it('finds the marker after switches Electron, Chromium or a launcher put first, and hands those on to be refused', () => {
    expect(cliModeArgs([exe, '--no-sandbox', '--cairn-cli', 'roles'])).toEqual(['--no-sandbox', 'roles'])
    expect(cliModeArgs([exe, '--enable-features=Foo,Bar', '-v', '--cairn-cli', 'doctor'])).toEqual(['--enable-features=Foo,Bar', '-v', 'doctor'])
  })

  it("skips macOS's -psn_ argument wherever it is", () => {
    expect(cliModeArgs([exe, '-psn_0_1234567', '--cairn-cli', 'roles'])).toEqual(['roles'])
    expect(cliModeArgs([exe, '--cairn-cli', 'roles', '-psn_0_1234567'])).toEqual(['roles', '-psn_0_1234567'])
    expect(cliModeArgs([exe, '-psn_0_1234567'])).toBeNull()
  })

  it('skips the app path of a checkout run (electron . / electron out/main/index.js), and only that one', () => {
    expect(cliModeArgs(['/x/electron', '.', '--cairn-cli', 'roles'], { defaultApp: true })).toEqual(['roles'])
    expect(cliModeArgs(['/x/electron', '--inspect', '/repo/out/main/index.js', '--cairn-cli', 'roles'], { defaultApp: true })).toEqual(['--inspect', 'roles'])
    expect(cliModeArgs(['/x/electron', '.', 'file.txt', '--cairn-cli', 'roles'], { defaultApp: true })).toBeNull()
    // Packaged, the first non-switch argument is the user's, so it ends the search.
    expect(cliModeArgs([exe, '.', '--cairn-cli', 'roles'])).toBeNull()
  })

  it('never reads the marker inside a URL, a file name or a switch value, nor after one, nor after --', () => {
    expect(cliModeArgs([exe, 'cairn://open?then=--cairn-cli'])).toBeNull()
    expect(cliModeArgs([exe, 'cairn://open', '--cairn-cli', 'roles'])).toBeNull()
    expect(cliModeArgs([exe, '/home/me/notes.txt', '--cairn-cli', 'roles'])).toBeNull()
    expect(cliModeArgs([exe, '--user-data-dir=--cairn-cli', 'roles'])).toBeNull()
    expect(cliModeArgs([exe, '--cairn-cli=roles'])).toBeNull()
    expect(cliModeArgs([exe, '"--cairn-cli roles"'])).toBeNull()
    expect(cliModeArgs([exe, '--', '--cairn-cli', 'roles'])).toBeNull()
    expect(cliModeArgs([exe, ' --cairn-cli', 'roles'])).toBeNull()
    expect(cliModeArgs([exe, '--CAIRN-CLI', 'roles'])).toBeNull()
  })
})

describe('browser-engine switches on a command line', () => {
  it('are found: sandbox, inspector, debugging port, feature flags, logging, helper launchers, profile folder', () => {
    for (const arg of [
      '--no-sandbox',
      '--inspect',
      '--inspect=9229',
      '--inspect-brk',
      '--remote-debugging-port=9222',
      '--enable-features=NetworkService',
      '--disable-features=X',
      '--disable-gpu',
      '--js-flags=--expose-gc',
      '--user-data-dir=/tmp/x',
      '--enable-logging',
      '--v=1',
      '--gpu-launcher=sh',
      '--renderer-cmd-prefix=gdb',
      '--proxy-server=http://x',
      '--ignore-certificate-errors',
      '--force-device-scale-factor=2',
      '--allow-file-access-from-files',
      '-no-sandbox',
      '--No-Sandbox'
    ]) {
      expect(engineSwitchIn(['roles', arg]), arg).toBe(arg)
    }
  })

  it('are not confused with plain arguments, values or any option of the cairn command line', () => {
    expect(engineSwitchIn(['credential-process', 'dev'])).toBeNull()
    expect(engineSwitchIn(['session', 'dev', '--code', '123456'])).toBeNull()
    expect(engineSwitchIn(['console', 'no-sandbox', '--endpoint', 'http://127.0.0.1:4566'])).toBeNull()
    expect(engineSwitchIn(['credential-process', '--active'])).toBeNull()

    // Every option any cairn command declares, read from the command sources themselves.
    const sources = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name)
        return statSync(full).isDirectory() ? sources(full) : full.endsWith('.ts') ? [full] : []
      })
    const options = new Set<string>()
    for (const file of sources(path.join(repoRoot, 'src/cli'))) {
      for (const [option] of readFileSync(file, 'utf8').matchAll(/(?<![\w-])--?[a-z][a-z0-9-]*/g)) options.add(option)
    }
    expect(options.size).toBeGreaterThan(10)
    expect([...options].filter((option) => engineSwitchIn([option]) !== null)).toEqual([])
  })
})

describe("the command line's Electron files", () => {
  it("live in a folder of their own inside the app's userData", () => {
    expect(cliEngineDataDir('/home/me/.config/Cairn')).toBe(path.join('/home/me/.config/Cairn', 'Command Line'))
  })
})
