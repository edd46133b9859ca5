import { CairnError, type IpcErrorIssue } from '../../shared/errors'
import { accessKeyProblems } from '../../shared/rules/access-key-format'

export interface BootstrapCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** The practice account or another IAM-compatible endpoint; real AWS when absent. */
  endpoint?: string
}

/** Mistakes visible without asking AWS (the shared rule the key form and the contract use too). */
export function credentialsProblems(input: BootstrapCredentials): IpcErrorIssue[] {
  return accessKeyProblems(input)
}

/** The credentials as sent: trimmed, with an empty session token or endpoint left out. */
export function checkedCredentials(input: BootstrapCredentials): BootstrapCredentials {
  const problems = credentialsProblems(input)
  if (problems.length > 0) {
    throw new CairnError('INVALID_REQUEST', `These credentials cannot be right: ${problems.map((p) => p.message).join(' ')}`, problems)
  }
  const token = input.sessionToken?.trim()
  return {
    accessKeyId: input.accessKeyId.trim(),
    secretAccessKey: input.secretAccessKey.trim(),
    ...(token ? { sessionToken: token } : {}),
    ...(input.endpoint?.trim() ? { endpoint: input.endpoint.trim() } : {})
  }
}
