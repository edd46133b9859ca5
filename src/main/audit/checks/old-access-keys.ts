import { ageInDays, days } from '../age'
import { ACCESS_KEY_ROTATION_DAYS, type CheckResult } from '../check-result'
import { listInWords } from '../plain-language'
import type { AccountSnapshot } from '../snapshot'

const title = `Access keys rotated within ${ACCESS_KEY_ROTATION_DAYS} days`

export function oldAccessKeys(snapshot: AccountSnapshot): CheckResult {
  // Only active keys: an inactive key cannot sign anything, and unused-credentials covers clutter.
  const old = snapshot.users.flatMap((user) =>
    user.accessKeys
      .filter((key) => key.status === 'Active')
      .map((key) => ({ user: user.userName, key: key.accessKeyId, age: ageInDays(key.createDate, snapshot.now) }))
      .filter((entry) => entry.age > ACCESS_KEY_ROTATION_DAYS)
  )
  if (old.length === 0) {
    return { id: 'old-access-keys', title, status: 'pass', evidence: `No active access key is older than ${days(ACCESS_KEY_ROTATION_DAYS)}.` }
  }
  const described = old.map((entry) => `${entry.user}'s access key ${entry.key} is ${days(entry.age)} old`)
  return {
    id: 'old-access-keys',
    title,
    status: 'warn',
    evidence: `${listInWords(described)}. Create a new key, move to it, then delete the old one.`
  }
}
