import { cryptoRandom, newAccessKeyId, newAccountId, newSecretAccessKey, type RandomSource } from './iam/access-key-material'
import type { PracticeState } from './state'

export const PRACTICE_ROOT_EMAIL = 'practice@cairn.local'

/**
 * A brand-new AWS account, as Cairn's journey starts from: a root user with no MFA and exactly
 * one access key (the bootstrap credentials), no users, no groups, no password policy, and
 * IAM access to billing off.
 */
export function newPracticeState(opts: { accountId?: string; now: Date; random?: RandomSource }): PracticeState {
  const random = opts.random ?? cryptoRandom
  const accountId = opts.accountId ?? newAccountId(random)
  if (!/^\d{12}$/.test(accountId)) throw new Error(`An AWS account id is 12 digits, not "${accountId}"`)
  const now = opts.now.toISOString()
  return {
    schemaVersion: 1,
    accountId,
    createdAt: now,
    root: {
      arn: `arn:aws:iam::${accountId}:root`,
      email: PRACTICE_ROOT_EMAIL,
      accessKeys: [
        {
          accessKeyId: newAccessKeyId('AKIA', random),
          secretAccessKey: newSecretAccessKey(random),
          status: 'Active',
          createDate: now,
          lastUsed: null
        }
      ],
      mfaSerials: [],
      passwordLastUsed: null
    },
    users: {},
    groups: {},
    roles: {},
    customerPolicies: {},
    virtualMfaDevices: {},
    passwordPolicy: null,
    sessions: {},
    credentialReport: null,
    console: { iamUserAccessToBilling: false },
    idCounter: 0
  }
}
