import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main'

function capture() {
  const out = { stdout: '', stderr: '' }
  return {
    out,
    io: { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, env: {} }
  }
}

describe('cairn', () => {
  it('prints usage and exits 2 without a command', async () => {
    const { out, io } = capture()
    expect(await main([], io)).toBe(2)
    expect(out.stderr).toContain('Usage: cairn <command>')
  })

  it('names an unknown command and exits 2', async () => {
    const { out, io } = capture()
    expect(await main(['frobnicate'], io)).toBe(2)
    expect(out.stderr).toContain("cairn: unknown command 'frobnicate'")
  })

  it('prints usage on --help and exits 0', async () => {
    const { out, io } = capture()
    expect(await main(['--help'], io)).toBe(0)
    expect(out.stdout).toContain('practice')
  })
})
