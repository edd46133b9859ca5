import { CairnError, type IpcErrorIssue } from '../../shared/errors'

export interface BootstrapCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  /** The practice account or another IAM-compatible endpoint; real AWS when absent. */
  endpoint?: string
}

// Long-term keys start AKIA, temporary (STS) ones ASIA; both are 20 characters.
const accessKeyIdPattern = /^(AKIA|ASIA)[A-Z0-9]{16}$/
const secretPattern = /^[A-Za-z0-9/+]{40}$/

/**
 * Mistakes visible without asking AWS, each said as what to fix. The values never appear in
 * the messages: a secret pasted into the wrong field must not end up on screen or in a log.
 */
export function credentialsProblems(input: BootstrapCredentials): IpcErrorIssue[] {
  const problems: IpcErrorIssue[] = []
  const id = input.accessKeyId.trim()
  if (!accessKeyIdPattern.test(id)) {
    const hint = id.length === 40 ? ' It looks like a secret access key: the two fields may be swapped.' : ''
    problems.push({
      path: 'accessKeyId',
      message: `An access key ID is 20 characters starting with AKIA (or ASIA for temporary keys); this one has ${id.length}.${hint}`
    })
  }
  const secret = input.secretAccessKey.trim()
  if (!secretPattern.test(secret)) {
    problems.push({
      path: 'secretAccessKey',
      message: `A secret access key is 40 characters of letters, digits, + and /; this one has ${secret.length}${secret.length === 40 ? ' with other characters' : ''}.`
    })
  }
  const token = input.sessionToken?.trim() ?? ''
  if (id.startsWith('ASIA') && token === '') {
    problems.push({ path: 'sessionToken', message: 'A temporary key (ASIA…) only works with its session token; paste the session token too.' })
  }
  if (id.startsWith('AKIA') && token !== '') {
    problems.push({ path: 'sessionToken', message: 'A long-term key (AKIA…) has no session token; leave that field empty.' })
  }
  if (input.endpoint !== undefined && input.endpoint !== '') {
    let url: URL | null = null
    try {
      url = new URL(input.endpoint)
    } catch {
      url = null
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      problems.push({ path: 'endpoint', message: 'The endpoint must be a URL such as http://127.0.0.1:4566 or https://iam.amazonaws.com.' })
    }
  }
  return problems
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
    ...(input.endpoint ? { endpoint: input.endpoint } : {})
  }
}
