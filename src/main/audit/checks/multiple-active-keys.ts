import type { CheckResult } from '../check-result'
import { listInWords } from '../plain-language'
import type { AccountSnapshot } from '../snapshot'

const title = 'At most one active access key per user'

export function multipleActiveKeys(snapshot: AccountSnapshot): CheckResult {
  const users = snapshot.users
    .map((user) => ({ user: user.userName, keys: user.accessKeys.filter((key) => key.status === 'Active').map((key) => key.accessKeyId) }))
    .filter((entry) => entry.keys.length > 1)
  if (users.length === 0) {
    return { id: 'multiple-active-keys', title, status: 'pass', evidence: 'No user has more than one active access key.' }
  }
  const described = users.map((entry) => `${entry.user} has ${entry.keys.length} active keys (${listInWords(entry.keys)})`)
  return {
    id: 'multiple-active-keys',
    title,
    status: 'warn',
    // Two keys are normal only mid-rotation; left that way, the old one is a forgotten credential.
    evidence: `${listInWords(described)}. Finish the rotation: deactivate the key no longer in use.`
  }
}
