import type { CliIo } from '../../src/cli/main'

/** A CliIo whose output the test reads. */
export function capture(env: Record<string, string>): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' }
  return { out, io: { stdout: { write: (text: string) => (out.stdout += text) }, stderr: { write: (text: string) => (out.stderr += text) }, env } }
}
