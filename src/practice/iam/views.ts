import type { XmlValue } from '../action'
import type { IamGroup, IamUser, PracticeState } from '../state'

/** The XML shapes IAM answers with (botocore's User, Group, ... structures). */

export function date(iso: string): Date {
  return new Date(iso)
}

export function optionalDate(iso: string | null | undefined): Date | undefined {
  return iso ? new Date(iso) : undefined
}

/** GetUser and CreateUser carry Tags and PermissionsBoundary; ListUsers and GetGroup do not. */
export function userView(user: IamUser, opts: { tags: boolean }): XmlValue {
  return {
    Path: user.path,
    UserName: user.userName,
    UserId: user.userId,
    Arn: user.arn,
    CreateDate: date(user.createDate),
    PasswordLastUsed: optionalDate(user.passwordLastUsed),
    PermissionsBoundary:
      opts.tags && user.permissionsBoundary
        ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: user.permissionsBoundary }
        : undefined,
    Tags: opts.tags && user.tags.length > 0 ? user.tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined
  }
}

/** What GetUser says about the root user: no Path, no UserName, the account id as UserId. */
export function rootUserView(state: PracticeState): XmlValue {
  return {
    UserId: state.accountId,
    Arn: state.root.arn,
    CreateDate: date(state.createdAt),
    PasswordLastUsed: optionalDate(state.root.passwordLastUsed)
  }
}

export function groupView(group: IamGroup): XmlValue {
  return {
    Path: group.path,
    GroupName: group.groupName,
    GroupId: group.groupId,
    Arn: group.arn,
    CreateDate: date(group.createDate)
  }
}
