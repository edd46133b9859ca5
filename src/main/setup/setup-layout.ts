import type { RoleSpec, SetupSpec } from '../../shared/domain/schemas'
import { signInId, type StepOwner } from '../../shared/domain/words'
import { CairnError } from '../../shared/errors'
import { inPartition, type Partition } from '../aws/partition'
import type { AccountSnapshot } from '../audit/snapshot'
import { planSetup, type Plan, type PlanOptions } from './plan'
import { planRolesLayout } from './plan-roles-layout'
import { validateRoles } from './roles'
import { validateRolesLayout } from './roles-layout'

export type { SetupSpec } from '../../shared/domain/schemas'

/** An IAM user whose secrets (console password, access key) Cairn keeps, under its owner's keychain entry. */
export interface Holder {
  owner: StepOwner
  userName: string
  passwordResetRequired: boolean
}

/** The users a setup makes, by the keychain entry their secrets go in. */
export function holdersOf(setup: SetupSpec): Holder[] {
  if (setup.layout === 'roles') return [{ owner: signInId, userName: setup.signIn.userName, passwordResetRequired: false }]
  return setup.roles.map((spec) => ({ owner: spec.role, userName: spec.userName, passwordResetRequired: spec.consoleAccess.passwordResetRequired }))
}

/** The guide's layout, as the channels and the command line have always sent it. */
export const usersLayout = (roles: RoleSpec[]): SetupSpec => ({ layout: 'users', roles })

/** The roles ids a setup covers, in its order. */
export const roleIdsOf = (setup: SetupSpec) => setup.roles.map((spec) => spec.role)

/** AWS managed policies as the account's partition names them (see rolesInPartition). */
export function setupInPartition(setup: SetupSpec, partition: Partition): SetupSpec {
  const moved = <T extends { policyArns: string[] }>(specs: T[]): T[] =>
    specs.map((spec) => ({ ...spec, policyArns: spec.policyArns.map((arn) => inPartition(arn, partition)) }))
  return setup.layout === 'users' ? { layout: 'users', roles: moved(setup.roles) } : { ...setup, roles: moved(setup.roles) }
}

/** The plan of either layout. */
export function planFor(setup: SetupSpec, account: AccountSnapshot, options: PlanOptions = {}): Plan {
  return setup.layout === 'users' ? planSetup(setup.roles, account, options) : planRolesLayout(setup.signIn, setup.roles, account, options)
}

/** The problems as an INVALID_REQUEST naming each field to change, before anything is sent to AWS. */
export function checkSetup(setup: SetupSpec): void {
  const problems =
    setup.layout === 'users'
      ? validateRoles(setup.roles).map((problem) => ({ ...problem, path: `roles.${setup.roles.findIndex((r) => r.role === problem.role)}.${problem.field}` }))
      : validateRolesLayout(setup.signIn, setup.roles).map((problem) => ({
          ...problem,
          path: problem.role === signInId ? `signIn.${problem.field}` : `roles.${setup.roles.findIndex((r) => r.role === problem.role)}.${problem.field}`
        }))
  if (problems.length === 0) return
  throw new CairnError(
    'INVALID_REQUEST',
    `The ${setup.layout === 'users' ? 'roles need' : 'sign-in and roles need'} changes before anything is sent to AWS: ${problems.map((p) => p.message).join(' ')}`,
    problems.map(({ path, message }) => ({ path, message }))
  )
}
