import { runCredentialProcess } from './process-io'

// The entry of out/cli/credential-process.cjs: only what credential-process needs, so Node
// parses a small file on every AWS CLI call instead of the whole command line.
runCredentialProcess(process.argv.slice(3))
