import { main } from './main'

// The process entry of `cairn` (bundled to out/cli/cairn.cjs, launched by bin/cairn.js).
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    // Exit once stdout has drained, so a piped --json line is never cut off.
    process.stdout.write('', () => process.exit(code))
  },
  (error: unknown) => {
    process.stderr.write(`cairn: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  }
)
