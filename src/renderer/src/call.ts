import type { IpcError, IpcResult } from '../../shared/errors'

/** An IPC error as the renderer sees it: the code to branch on and the message to show. */
export class CallError extends Error {
  readonly code: IpcError['code']
  readonly issues: IpcError['issues']

  constructor(error: IpcError) {
    super(error.message)
    this.name = 'CallError'
    this.code = error.code
    this.issues = error.issues
  }
}

/** Unwraps an IpcResult so screens can use try/catch and keep the error's code and message. */
export async function call<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending
  if (!result.ok) throw new CallError(result.error)
  return result.value
}
