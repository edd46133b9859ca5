import type { PracticeStatus } from '../shared/contract'
import { startPracticeServer, StateFileInUseError, type PracticeServer } from './server'

export interface EmbeddedPractice {
  status(): PracticeStatus
  /** The running server, when it started. */
  server: PracticeServer | null
  close(): Promise<void>
}

/**
 * The practice account the app opens on: a local IAM + STS service on a loopback port,
 * persisted next to the app's data (or in memory) so a rehearsal survives restarts.
 */
export async function startEmbeddedPractice(options: { stateFile?: string; onError?: (error: unknown) => void }): Promise<EmbeddedPractice> {
  try {
    const server = await startPracticeServer({
      ...(options.stateFile ? { stateFile: options.stateFile } : {}),
      ...(options.onError ? { onUnexpectedError: options.onError } : {})
    })
    return {
      server,
      status: () => ({ running: true, endpoint: server.endpoint, accountId: server.accountId, persisted: Boolean(options.stateFile) }),
      close: () => server.close()
    }
  } catch (error) {
    options.onError?.(error)
    // The app has no --state to change: the only way out is closing the other service.
    const message =
      error instanceof StateFileInUseError
        ? `Another Cairn practice service (pid ${error.pid}) is using ${error.stateFile}, perhaps \`cairn practice\` in a terminal. Close it, then restart Cairn.`
        : 'The practice account could not start. Restart Cairn; if it keeps failing, run `cairn doctor` and report what it prints.'
    return { server: null, status: () => ({ running: false, message }), close: async () => undefined }
  }
}
