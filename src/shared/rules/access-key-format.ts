/**
 * The shape of bootstrap credentials: one rule for the key form as the user types, the IPC
 * contract and main. No zod here, so the renderer can use it without bundling zod. Messages
 * never repeat a value: a secret pasted into the wrong field must not end up on screen or in a log.
 */

export interface AccessKeyFields {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string | undefined
  /** The practice account or another IAM-compatible endpoint; AWS when empty. */
  endpoint?: string | undefined
}

export interface AccessKeyProblem {
  path: keyof AccessKeyFields
  message: string
}

// Long-term keys start AKIA, temporary (STS) ones ASIA; both are 20 characters.
const accessKeyIdPattern = /^(AKIA|ASIA)[A-Z0-9]{16}$/
const secretAccessKeyPattern = /^[A-Za-z0-9/+]{40}$/

export const isTemporaryKeyId = (id: string): boolean => id.trim().startsWith('ASIA')

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/**
 * Mistakes visible without asking AWS, each said as what to fix. `asTyped`: a field still empty
 * is not a mistake yet (the form says nothing until something is typed).
 */
export function accessKeyProblems(input: AccessKeyFields, options: { asTyped?: boolean } = {}): AccessKeyProblem[] {
  const problems: AccessKeyProblem[] = []
  const judge = (value: string) => value !== '' || options.asTyped !== true
  const id = input.accessKeyId.trim()
  if (judge(id) && !accessKeyIdPattern.test(id)) {
    problems.push({
      path: 'accessKeyId',
      message:
        id.length === 40
          ? 'This looks like a secret access key: the two fields may be swapped.'
          : `An access key ID is 20 characters starting with AKIA (or ASIA for temporary keys); this one has ${id.length} characters.`
    })
  }
  const secret = input.secretAccessKey.trim()
  if (judge(secret) && !secretAccessKeyPattern.test(secret)) {
    problems.push({
      path: 'secretAccessKey',
      message: `A secret access key is 40 characters of letters, digits, + and /; this one has ${secret.length}${secret.length === 40 ? ' with other characters' : ''}.`
    })
  }
  const token = input.sessionToken?.trim() ?? ''
  if (isTemporaryKeyId(id) && token === '') {
    problems.push({ path: 'sessionToken', message: 'A temporary key (ASIA…) only works with its session token; paste the session token too.' })
  }
  if (id.startsWith('AKIA') && token !== '') {
    problems.push({ path: 'sessionToken', message: 'A long-term key (AKIA…) has no session token; leave that field empty.' })
  }
  const endpoint = input.endpoint?.trim() ?? ''
  if (endpoint !== '' && !isHttpUrl(endpoint)) {
    problems.push({ path: 'endpoint', message: 'The endpoint must be a URL such as http://127.0.0.1:4566; leave it out to talk to AWS.' })
  }
  return problems
}
