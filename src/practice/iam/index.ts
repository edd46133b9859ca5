import type { ActionRegistry } from '../action'
import { accessKeyActions } from './access-keys'
import { accountActions } from './account'
import { credentialReportActions } from './credential-report-actions'
import { customerPolicyActions } from './customer-policies'
import { groupMembershipActions } from './group-membership'
import { groupActions } from './groups'
import { inlinePolicyActions } from './inline-policies'
import { loginProfileActions } from './login-profiles'
import { managedPolicyActions } from './managed-policies'
import { mfaDeviceActions } from './mfa-devices'
import { roleActions } from './roles'
import { userTagActions } from './user-tags'
import { userActions } from './users'

/** Every IAM action the practice account answers, by its Query API Action name. */
export const iamActions: ActionRegistry = Object.freeze({
  ...userActions,
  ...userTagActions,
  ...groupActions,
  ...groupMembershipActions,
  ...roleActions,
  ...managedPolicyActions,
  ...customerPolicyActions,
  ...inlinePolicyActions,
  ...loginProfileActions,
  ...accessKeyActions,
  ...mfaDeviceActions,
  ...accountActions,
  ...credentialReportActions
})

export { enableVirtualMfaDevice } from './mfa-devices'
export { newAccessKeyId, newSecretAccessKey } from './access-key-material'
