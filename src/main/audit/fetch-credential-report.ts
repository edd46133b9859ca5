import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  type IAMClient
} from '@aws-sdk/client-iam'
import { parseCredentialReport, type CredentialReportRow } from './credential-report'

export interface CredentialReportTiming {
  now: () => Date
  sleep: (ms: number) => Promise<void>
  pollIntervalMs: number
  timeoutMs: number
}

/** Errors that mean "not yet": generate (again) and wait, rather than fail the scan. */
function reportNotReady(error: unknown): boolean {
  return (
    error instanceof CredentialReportNotReadyException ||
    error instanceof CredentialReportNotPresentException ||
    error instanceof CredentialReportExpiredException
  )
}

/**
 * AWS's documented loop: GenerateCredentialReport until it says COMPLETE (it starts a new
 * report only when the last is over four hours old), then GetCredentialReport. Returns null
 * when no report is ready by the deadline, so the rest of the scan can still be shown.
 */
export async function fetchCredentialReport(iam: IAMClient, timing: CredentialReportTiming): Promise<CredentialReportRow[] | null> {
  const deadline = timing.now().getTime() + timing.timeoutMs
  for (;;) {
    const { State } = await iam.send(new GenerateCredentialReportCommand({}))
    if (State === 'COMPLETE') {
      try {
        const { Content } = await iam.send(new GetCredentialReportCommand({}))
        return parseCredentialReport(new TextDecoder().decode(Content ?? new Uint8Array()))
      } catch (error) {
        if (!reportNotReady(error)) throw error
      }
    }
    if (timing.now().getTime() + timing.pollIntervalMs > deadline) return null
    await timing.sleep(timing.pollIntervalMs)
  }
}
