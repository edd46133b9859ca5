import type { CheckResult } from '../check-result'
import { isRootRow } from '../credential-report'
import { listInWords } from '../plain-language'
import type { AccountSnapshot } from '../snapshot'

const title = 'Everyone who signs in to the console uses MFA'

function rootHasMfa(snapshot: AccountSnapshot): boolean | undefined {
  const row = snapshot.credentialReport?.find(isRootRow)
  if (row) return row.mfa_active === 'true'
  const enabled = snapshot.summary.AccountMFAEnabled
  return enabled === undefined ? undefined : enabled >= 1
}

export function consoleUsersMfa(snapshot: AccountSnapshot): CheckResult {
  const withoutMfa = snapshot.users.filter((user) => user.hasLoginProfile && user.mfaDevices.length === 0).map((user) => user.userName)
  const root = rootHasMfa(snapshot)
  const names = [...(root === false ? ['The root user'] : []), ...withoutMfa]
  if (names.length > 0) {
    const verb = names.length === 1 ? 'signs' : 'sign'
    return {
      id: 'console-users-mfa',
      title,
      status: 'fail',
      evidence: `${listInWords(names)} ${verb} in to the console with a password alone. Give ${names.length === 1 ? 'it' : 'each'} an MFA device.`
    }
  }
  if (root === undefined) {
    return {
      id: 'console-users-mfa',
      title,
      status: 'unknown',
      evidence: 'Every IAM user with a console password has MFA, but whether the root user has MFA is not known.'
    }
  }
  const consoleUsers = snapshot.users.filter((user) => user.hasLoginProfile).length
  return {
    id: 'console-users-mfa',
    title,
    status: 'pass',
    evidence:
      consoleUsers === 0
        ? 'The root user has MFA, and no IAM user has a console password.'
        : 'The root user and every IAM user with a console password have MFA.'
  }
}
