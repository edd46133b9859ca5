import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { placeStandIn, readStandInRecord, scratchProject, standInSource, type ScratchProject } from '../support/scratch-project'
import { storedZip } from '../support/stored-zip'

/**
 * `npm start` and `npm run dev` as a newcomer types them, in a copy of the checkout whose
 * node_modules/electron has no binary yet, as every fresh clone has since Electron 43.
 */

const electronVersion = (JSON.parse(readFileSync(path.join(__dirname, '../../node_modules/electron/package.json'), 'utf8')) as { version: string }).version
const zipName = `electron-v${electronVersion}-${process.platform}-${process.arch}.zip`

// Each of these builds main, preload and renderer as npm start does; two shared cores take their time.
const buildTimeout = 300_000

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function npm(project: ScratchProject, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const inherited = { ...process.env }
  for (const name of Object.keys(inherited)) if (/^(ELECTRON_|npm_|electron_config_cache$)/i.test(name)) delete inherited[name]
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: project.dir,
      env: { ...inherited, electron_config_cache: path.join(project.dir, '.electron-cache'), ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** A stand-in for Electron's download host on loopback; answers every path with `answer`. */
async function mirror(answer: (url: string) => { status: number; body: Buffer }): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = []
  const server = createServer((request, response) => {
    requests.push(request.url ?? '')
    const { status, body } = answer(request.url ?? '')
    response.writeHead(status, { 'content-type': 'application/zip', 'content-length': body.length })
    response.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests, server }
}

function expectOneClearMessage(run: Run, what: RegExp): void {
  expect(run.code).not.toBe(0)
  expect(run.stderr).toContain(`Cairn could not download Electron ${electronVersion}`)
  expect(run.stderr).toMatch(what)
  expect(run.stderr).toContain(zipName)
  for (const wayOut of ['ELECTRON_MIRROR=', 'HTTPS_PROXY=', 'ELECTRON_OVERRIDE_DIST_PATH=']) expect(run.stderr).toContain(wayOut)
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/uninstall/i)
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
}

describe('npm start on a fresh clone that cannot get Electron', () => {
  let project: ScratchProject
  beforeAll(() => {
    project = scratchProject()
  })
  afterAll(() => project.remove())
  afterEach(() => {
    expect(existsSync(path.join(project.electronDir, 'path.txt'))).toBe(false)
    expect(existsSync(path.join(project.electronDir, 'dist'))).toBe(false)
  })

  it('says the host cannot be reached, how big the download is and the ways out, and exits non-zero', async () => {
    // .invalid never resolves (RFC 6761): the same answer as a machine without a route to the host.
    const run = await npm(project, ['start'], { ELECTRON_MIRROR: 'https://electron-host.invalid/' })
    expectOneClearMessage(run, /electron-host\.invalid could not be reached: its name does not resolve/)
    expect(run.stderr).toMatch(/about \d+ MB/)
    expect(run.stdout).not.toContain('building')
  })

  it('says the same for npm run dev', async () => {
    const run = await npm(project, ['run', 'dev'], { ELECTRON_MIRROR: 'https://electron-host.invalid/' })
    expectOneClearMessage(run, /could not be reached/)
  })

  it('refuses a download whose checksum does not match and keeps nothing of it', async () => {
    const host = await mirror(() => ({ status: 200, body: Buffer.alloc(300_000, 7) }))
    try {
      const run = await npm(project, ['start'], { ELECTRON_MIRROR: host.url })
      expectOneClearMessage(run, /does not match the checksum Electron publishes/)
      expect(run.stderr).toContain('0.3 MB')
      expect(host.requests).toEqual([`/v${electronVersion}/${zipName}`])
    } finally {
      host.server.close()
    }
  })

  it('says when the mirror has no such file', async () => {
    const host = await mirror(() => ({ status: 404, body: Buffer.from('Not Found') }))
    try {
      expectOneClearMessage(await npm(project, ['start'], { ELECTRON_MIRROR: host.url }), /has no such file \(HTTP 404\)/)
    } finally {
      host.server.close()
    }
  })

  it('says when an ELECTRON_OVERRIDE_DIST_PATH holds no Electron', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'cairn-no-electron-'))
    try {
      const run = await npm(project, ['start'], { ELECTRON_OVERRIDE_DIST_PATH: empty })
      expect(run.code).not.toBe(0)
      expect(run.stderr).toContain(`ELECTRON_OVERRIDE_DIST_PATH is ${empty}, but ${path.join(empty, 'electron')} does not exist`)
      expect(run.stderr).not.toMatch(/^\s+at /m)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe('npm start and npm run dev once Electron is there', () => {
  let project: ScratchProject
  beforeAll(() => {
    project = scratchProject()
  })
  afterAll(() => project.remove())

  it(
    'downloads Electron with its own downloader, unpacks it, and launches it with the built main entry',
    async () => {
      // A mirror serving a zip whose checksum this copy of the electron package vouches for: the
      // whole first-run path (download with progress, Electron's install.js unpacking it, path.txt).
      const zip = storedZip([
        { name: 'electron', data: Buffer.from(standInSource), mode: 0o755 },
        { name: 'version', data: Buffer.from(electronVersion) }
      ])
      const checksums = path.join(project.electronDir, 'checksums.json')
      writeFileSync(checksums, JSON.stringify({ ...JSON.parse(readFileSync(checksums, 'utf8')), [zipName]: createHash('sha256').update(zip).digest('hex') }))
      const host = await mirror(() => ({ status: 200, body: zip }))
      let run: Run
      try {
        run = await npm(project, ['start'], { ELECTRON_MIRROR: host.url })
      } finally {
        host.server.close()
      }
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).toContain(`Electron ${electronVersion} is not on this machine yet. Downloading ${zipName}`)
      expect(run.stdout).toMatch(/\(100%\)/)
      expect(readFileSync(path.join(project.electronDir, 'path.txt'), 'utf8')).toBe('electron')
      const executable = path.join(project.electronDir, 'dist', 'electron')
      expect(statSync(executable).mode & 0o111).not.toBe(0)

      const record = readStandInRecord(executable)
      expect(record).not.toBeNull()
      expect(record!.argv).toEqual(['.'])
      expect(record!.cwd).toBe(project.dir)
      expect(record!.main).toEqual({ entry: 'out/main/index.js', exists: true })
      for (const built of ['out/preload/index.cjs', 'out/renderer/index.html', 'out/cli/cairn.cjs', 'out/cli/credential-process.cjs'])
        expect(existsSync(path.join(project.dir, built)), built).toBe(true)
      expect(record!.env['ELECTRON_RENDERER_URL']).toBeUndefined()
      expect(record!.env['NODE_ENV_ELECTRON_VITE']).toBe('production')
    },
    buildTimeout
  )

  it(
    'launches the Electron that is already there without downloading again',
    async () => {
      const executable = placeStandIn(project.electronDir)
      rmSync(`${executable}.record.json`, { force: true })
      const run = await npm(project, ['start'], { ELECTRON_MIRROR: 'https://electron-host.invalid/' })
      expect(run.code, run.stderr).toBe(0)
      expect(run.stdout).not.toContain('Downloading')
      expect(readStandInRecord(executable)?.argv).toEqual(['.'])
    },
    buildTimeout
  )

  it(
    'npm run dev launches it against the renderer dev server',
    async () => {
      const executable = placeStandIn(project.electronDir)
      rmSync(`${executable}.record.json`, { force: true })
      const run = await npm(project, ['run', 'dev'], { ELECTRON_MIRROR: 'https://electron-host.invalid/' })
      expect(run.code, run.stderr).toBe(0)
      const record = readStandInRecord(executable)
      expect(record?.argv).toEqual(['.'])
      expect(record?.cwd).toBe(project.dir)
      expect(record?.main).toEqual({ entry: 'out/main/index.js', exists: true })
      expect(record?.env['NODE_ENV_ELECTRON_VITE']).toBe('development')
      expect(record?.env['ELECTRON_RENDERER_URL']).toMatch(/^http:\/\/localhost:\d+\/?$/)
      expect(record?.renderer?.status).toBe(200)
      expect(record?.renderer?.body).toContain('<div id="root">')
    },
    buildTimeout
  )
})
