import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot } from '../support/build'
import { runCli } from './cli-bundle'

/**
 * On the Node the project runs on (.node-version), the built `cairn` command says only what it
 * has to say: no runtime notices (the AWS SDK prints seven lines on every run under Node 20).
 */
describe('the cairn command on the project Node', () => {
  it('prints its one-line answer and nothing about runtimes', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'cairn-runtime-'))
    try {
      const run = await runCli(path.join(repoRoot, 'bin', 'cairn.js'), ['scan', '--endpoint', 'http://127.0.0.1:9'], {
        PATH: process.env['PATH'] ?? '',
        HOME: home,
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEYab'
      })
      expect(run.code).not.toBe(0)
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^cairn scan: Cairn could not reach the endpoint http:\/\/127\.0\.0\.1:9/)])
      expect(run.stderr).not.toMatch(/Warning|node >=|You are running node/i)
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})
