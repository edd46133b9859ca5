import { parseArgs } from 'node:util'
import { startPracticeServer, StateFileInUseError, type PracticeServer } from '../../practice'
import type { CliIo } from '../main'

export const PRACTICE_USAGE = `Usage: cairn practice [--port N] [--state FILE] [--json]

Runs the practice AWS account: a local IAM + STS service on 127.0.0.1 that the AWS CLI,
the SDKs and Cairn use through an endpoint override (--endpoint-url). Serves until
Ctrl+C (SIGINT) or SIGTERM, then saves its state and exits.

Options:
  --port N       Listen on port N (default: any free port)
  --state FILE   Keep the account in FILE across runs (default: in memory only)
  --json         Print one line: {"endpoint","accountId","accessKeyId","secretAccessKey"}
  -h, --help     Show this help
`

function describe(server: PracticeServer, stateFile: string | undefined): string {
  const key = server.rootCredentials
  const rows: Array<[string, string]> = [
    ['Endpoint', server.endpoint],
    ['Account ID', server.accountId],
    ['Access key ID', key?.accessKeyId ?? 'none (root has no access key; create one with POST /_practice/root/access-keys)'],
    ['Secret access key', key?.secretAccessKey ?? '-'],
    ['Root console', `${server.rootConsole.email} / ${server.rootConsole.password} (HTTP Basic for ${server.endpoint}/_practice/)`],
    ['State', stateFile ?? 'in memory (lost when stopped)']
  ]
  const lines = rows.map(([label, value]) => `  ${label.padEnd(18)} ${value}`)
  const example = key
    ? `\nTry it:\n  AWS_ACCESS_KEY_ID=${key.accessKeyId} AWS_SECRET_ACCESS_KEY=${key.secretAccessKey} \\\n    aws --endpoint-url ${server.endpoint} --region us-east-1 sts get-caller-identity\n`
    : ''
  return `Cairn practice account (root bootstrap credentials below; practice only, never real AWS)\n\n${lines.join('\n')}\n${example}\nPress Ctrl+C to stop.\n`
}

/** Resolves with what asked the service to stop: SIGINT, SIGTERM or the caller's AbortSignal. */
function stopRequest(signal: AbortSignal | undefined): { stopped: Promise<string>; release: () => void } {
  let release = () => {}
  const stopped = new Promise<string>((resolve) => {
    const stop = (reason: string) => {
      release()
      resolve(reason)
    }
    const onInt = () => stop('SIGINT')
    const onTerm = () => stop('SIGTERM')
    const onAbort = () => stop('abort')
    release = () => {
      process.off('SIGINT', onInt)
      process.off('SIGTERM', onTerm)
      signal?.removeEventListener('abort', onAbort)
    }
    process.once('SIGINT', onInt)
    process.once('SIGTERM', onTerm)
    if (signal?.aborted) stop('abort')
    else signal?.addEventListener('abort', onAbort, { once: true })
  })
  return { stopped, release }
}

/** `cairn practice`: start the service, print how to reach it, serve until asked to stop. */
export async function practice(argv: string[], io: CliIo): Promise<number> {
  let values: { port?: string; state?: string; json?: boolean; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        state: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    }))
  } catch (error) {
    io.stderr.write(`cairn practice: ${(error as Error).message}\n\n${PRACTICE_USAGE}`)
    return 2
  }
  if (values.help) {
    io.stdout.write(PRACTICE_USAGE)
    return 0
  }
  let port = 0
  if (values.port !== undefined) {
    port = Number(values.port)
    if (!/^\d+$/.test(values.port) || port > 65535) {
      io.stderr.write(`cairn practice: --port must be a number from 0 to 65535, not '${values.port}'\n\n${PRACTICE_USAGE}`)
      return 2
    }
  }
  if (values.state === '') {
    io.stderr.write(`cairn practice: --state needs a file name\n\n${PRACTICE_USAGE}`)
    return 2
  }

  // Listen before starting, so a signal that arrives during start-up still stops cleanly.
  const { stopped, release } = stopRequest(io.signal)
  let server: PracticeServer
  try {
    server = await startPracticeServer({ port, ...(values.state ? { stateFile: values.state } : {}) })
  } catch (error) {
    release()
    // The message already says what to do (close the other one, or pick another --state file).
    const detail = error instanceof StateFileInUseError ? error.message : `could not start: ${(error as Error).message}`
    io.stderr.write(`cairn practice: ${detail}\n`)
    return 1
  }

  if (values.json) {
    const key = server.rootCredentials
    io.stdout.write(
      `${JSON.stringify({ endpoint: server.endpoint, accountId: server.accountId, accessKeyId: key?.accessKeyId ?? null, secretAccessKey: key?.secretAccessKey ?? null })}\n`
    )
  } else {
    io.stdout.write(describe(server, values.state))
  }

  const reason = await stopped
  await server.close()
  io.stderr.write(`cairn practice: stopped (${reason})${values.state ? `, state saved to ${values.state}` : ''}\n`)
  return 0
}
