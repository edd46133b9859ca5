import { ageInDays, days } from '../age'
import { ACCESS_KEY_ROTATION_DAYS, type CheckResult } from '../check-result'
import { listInWords } from '../plain-language'
import type { AccountSnapshot } from '../snapshot'

const title = `Access keys rotated within ${ACCESS_KEY_ROTATION_DAYS} days`

/**
 * Why there is nothing to judge yet: no active key, or only keys of users younger than the
 * threshold, which cannot have gone unrotated that long. A pass on an older user's key is a
 * real one (it was made or rotated since), so it is not said this way.
 */
function nothingToJudge(snapshot: AccountSnapshot): string | null {
  const holders = snapshot.users.filter((user) => user.accessKeys.some((key) => key.status === 'Active'))
  if (holders.length === 0) return 'Nothing to judge yet: no user has an active access key.'
  const young = holders.every((user) => ageInDays(user.createDate, snapshot.now) < ACCESS_KEY_ROTATION_DAYS)
  return young ? `Nothing to judge yet: every access key is younger than ${days(ACCESS_KEY_ROTATION_DAYS)}.` : null
}

export function oldAccessKeys(snapshot: AccountSnapshot): CheckResult {
  // Only active keys: an inactive key cannot sign anything, and unused-credentials covers clutter.
  const old = snapshot.users.flatMap((user) =>
    user.accessKeys
      .filter((key) => key.status === 'Active')
      .map((key) => ({ user: user.userName, key: key.accessKeyId, age: ageInDays(key.createDate, snapshot.now) }))
      .filter((entry) => entry.age > ACCESS_KEY_ROTATION_DAYS)
  )
  if (old.length === 0) {
    return {
      id: 'old-access-keys',
      title,
      status: 'pass',
      evidence: nothingToJudge(snapshot) ?? `No active access key is older than ${days(ACCESS_KEY_ROTATION_DAYS)}.`
    }
  }
  const described = old.map((entry) => `${entry.user}'s access key ${entry.key} is ${days(entry.age)} old`)
  return {
    id: 'old-access-keys',
    title,
    status: 'warn',
    evidence: `${listInWords(described)}. Create a new key, move to it, then delete the old one.`
  }
}
