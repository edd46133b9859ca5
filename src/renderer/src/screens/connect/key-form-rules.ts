/**
 * The shape of bootstrap credentials, checked as the user types (main checks again). Messages
 * never repeat the value: a secret pasted into the wrong field must not appear on screen.
 */
const keyIdPattern = /^(AKIA|ASIA)[A-Z0-9]{16}$/
const secretPattern = /^[A-Za-z0-9/+]{40}$/

export interface KeyForm {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  endpoint: string
}

export type KeyFormProblems = Partial<Record<keyof KeyForm, string>>

export const isTemporaryKeyId = (id: string): boolean => id.trim().startsWith('ASIA')

export function keyFormProblems(form: KeyForm): KeyFormProblems {
  const problems: KeyFormProblems = {}
  const id = form.accessKeyId.trim()
  if (id && !keyIdPattern.test(id)) {
    problems.accessKeyId =
      id.length === 40
        ? 'This looks like a secret access key: the two fields may be swapped.'
        : `An access key ID is 20 capital letters and digits starting with AKIA (or ASIA for temporary keys); this one has ${id.length} characters.`
  }
  const secret = form.secretAccessKey.trim()
  if (secret && !secretPattern.test(secret)) {
    problems.secretAccessKey = `A secret access key is 40 characters of letters, digits, + and /; this one has ${secret.length}${secret.length === 40 ? ' with other characters' : ''}.`
  }
  if (isTemporaryKeyId(id) && !form.sessionToken.trim()) {
    problems.sessionToken = 'A temporary key (ASIA…) only works with its session token: paste it too.'
  }
  if (form.endpoint.trim()) {
    let ok = false
    try {
      const url = new URL(form.endpoint.trim())
      ok = url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      ok = false
    }
    if (!ok) problems.endpoint = 'Use a URL such as http://127.0.0.1:4566, or leave it empty for AWS.'
  }
  return problems
}

export function keyFormComplete(form: KeyForm): boolean {
  return Boolean(form.accessKeyId.trim() && form.secretAccessKey.trim()) && Object.keys(keyFormProblems(form)).length === 0
}
