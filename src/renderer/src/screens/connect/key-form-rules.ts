import { accessKeyProblems, isTemporaryKeyId, type AccessKeyFields } from '../../../../shared/rules/access-key-format'

/** The key form's fields; main checks the same rule again (src/shared/rules/access-key-format.ts). */
export interface KeyForm {
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string
  endpoint: string
}

export type KeyFormProblems = Partial<Record<keyof KeyForm, string>>

export { isTemporaryKeyId }

/** What the form sends: the session token only with a temporary key, the one kind its field shows for. */
export function keyFormFields(form: KeyForm): AccessKeyFields {
  return { ...form, sessionToken: isTemporaryKeyId(form.accessKeyId) ? form.sessionToken : '' }
}

/** The problem to show under each field so far: an empty field is not one yet. */
export function keyFormProblems(form: KeyForm): KeyFormProblems {
  const problems: KeyFormProblems = {}
  for (const { path, message } of accessKeyProblems(keyFormFields(form), { asTyped: true })) problems[path] ??= message
  return problems
}

export function keyFormComplete(form: KeyForm): boolean {
  return Boolean(form.accessKeyId.trim() && form.secretAccessKey.trim()) && accessKeyProblems(keyFormFields(form)).length === 0
}
