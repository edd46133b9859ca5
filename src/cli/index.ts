import type { CliIo } from './main'
import { crash, finish, runCredentialProcess } from './process-io'

// The process entry of `cairn` (bundled to out/cli/cairn.cjs, launched by bin/cairn.js).
// credential-process is dispatched before the other commands (and the AWS SDK and zod they
// import) are loaded; bin/cairn.js even sends it to its own, smaller bundle.
const argv = process.argv.slice(2)
if (argv[0] === 'credential-process') {
  runCredentialProcess(argv.slice(1))
} else {
  const io: CliIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }
  import('./main').then(({ main }) => main(argv, io)).then(finish, crash)
}
