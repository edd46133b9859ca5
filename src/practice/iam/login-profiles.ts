import type { ActionContext, ActionSpec, XmlValue } from '../action'
import { awsErrors } from '../errors'
import { checkPassword } from '../rules/password-policy'
import { validatePassword, validateUserName, validationCollector } from '../rules/names'
import type { IamUser, LoginProfile } from '../state'
import { requireUser, type Access } from './lookups'
import { boolParam } from './params'
import { userResource } from './users'
import { date } from './views'

/** The login-profile calls take userNameType (1-64), not the 128 of existingUserNameType. */
function namedUser(ctx: ActionContext, access: Access, password?: 'required' | 'optional'): IamUser {
  const errors = validationCollector()
  validateUserName(ctx.params.UserName, { max: 64 }, 'userName', errors)
  if (password === 'required' || (password === 'optional' && ctx.params.Password !== undefined)) {
    validatePassword(ctx.params.Password, 'password', errors)
  }
  errors.throwIfAny()
  return requireUser(ctx, ctx.params.UserName as string, access)
}

function requireLoginProfile(user: IamUser): LoginProfile {
  if (!user.loginProfile) throw awsErrors.noSuchEntity(`Login Profile for User ${user.userName} cannot be found.`)
  return user.loginProfile
}

function loginProfileView(user: IamUser, profile: LoginProfile): XmlValue {
  return {
    UserName: user.userName,
    CreateDate: date(profile.createDate),
    PasswordResetRequired: profile.passwordResetRequired
  }
}

const CreateLoginProfile: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = namedUser(ctx, 'write', 'required')
    const password = ctx.params.Password as string
    const resetRequired = boolParam(ctx, 'PasswordResetRequired') ?? false
    if (user.loginProfile) {
      throw awsErrors.entityAlreadyExists(`Login Profile for user ${user.userName} already exists.`)
    }
    checkPassword(password, ctx.state.passwordPolicy)
    const now = ctx.now.toISOString()
    user.loginProfile = { password, createDate: now, passwordResetRequired: resetRequired, passwordLastChanged: now }
    ctx.markDirty()
    return { LoginProfile: loginProfileView(user, user.loginProfile) }
  }
}

const GetLoginProfile: ActionSpec = {
  mutates: false,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = namedUser(ctx, 'read')
    return { LoginProfile: loginProfileView(user, requireLoginProfile(user)) }
  }
}

const UpdateLoginProfile: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = namedUser(ctx, 'write', 'optional')
    const resetRequired = boolParam(ctx, 'PasswordResetRequired')
    const profile = requireLoginProfile(user)
    const password = ctx.params.Password
    if (password !== undefined) {
      checkPassword(password, ctx.state.passwordPolicy)
      profile.password = password
      profile.passwordLastChanged = ctx.now.toISOString()
    }
    if (resetRequired !== undefined) profile.passwordResetRequired = resetRequired
    ctx.markDirty()
    return undefined
  }
}

const DeleteLoginProfile: ActionSpec = {
  mutates: true,
  resource: (ctx) => userResource(ctx),
  handler(ctx) {
    const user = namedUser(ctx, 'write')
    requireLoginProfile(user)
    user.loginProfile = null
    ctx.markDirty()
    return undefined
  }
}

export const loginProfileActions = { CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile } as const
