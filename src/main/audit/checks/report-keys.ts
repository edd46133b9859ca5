import type { ReportAccessKey } from '../credential-report'
import type { AccountSnapshot } from '../snapshot'

/**
 * The credential report names keys by slot, not id; the key created at the slot's
 * last-rotated second is the one it means (a key is never rotated in place).
 */
export function keyIdFor(snapshot: AccountSnapshot, userName: string, key: ReportAccessKey): string | undefined {
  if (!key.lastRotated) return undefined
  const rotatedSecond = Math.floor(key.lastRotated.getTime() / 1000)
  const user = snapshot.users.find((u) => u.userName === userName)
  const match = user?.accessKeys.find((k) => Math.floor(Date.parse(k.createDate) / 1000) === rotatedSecond)
  return match ? `access key ${match.accessKeyId}` : undefined
}
