import { writeSync } from 'node:fs'
import { credentialProcess } from './commands/credential-process'
import { KEYCHAIN_STUCK } from './exit-codes'

/**
 * Standard output and error written straight to their file descriptors. It is a few hundred
 * bytes, and creating process.stdout's stream would first load Node's stream and net modules:
 * milliseconds on every AWS CLI call.
 */
function directWriter(fd: 1 | 2) {
  return {
    write(text: string) {
      try {
        writeSync(fd, text)
      } catch {
        // A non-blocking pipe that is full (EAGAIN): let the stream queue it instead.
        ;(fd === 1 ? process.stdout : process.stderr).write(text)
      }
    }
  }
}

export function finish(code: number): void {
  // process.exit would wait forever for a keychain call still stuck on a worker thread.
  if (code === KEYCHAIN_STUCK) process.stderr.write('', () => process.kill(process.pid, 'SIGTERM'))
  // Exit once stdout has drained, so a piped --json line is never cut off.
  else process.stdout.write('', () => process.exit(code))
}

export function crash(error: unknown): void {
  process.stderr.write(`cairn: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
}

/** `cairn credential-process …`: what the AWS CLI runs before every call of a Cairn profile. */
export function runCredentialProcess(args: string[]): void {
  credentialProcess(args, { stdout: directWriter(1), stderr: directWriter(2), env: process.env }).then(
    // Everything was written synchronously; nothing is left to drain.
    (code) => (code === KEYCHAIN_STUCK ? finish(code) : process.exit(code)),
    crash
  )
}
