import type { ActionContext } from '../action'
import { awsErrors } from '../errors'
import { ValidationCollector } from '../rules/names'
import { quotaExceeded, quotas } from '../rules/quotas'

/** A tag on an IAM user or customer managed policy. */
export interface Tag {
  Key: string
  Value: string
}

/** botocore's tagKeyType and tagValueType. */
const KEY = { min: 1, max: 128, test: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, pattern: String.raw`[\p{L}\p{Z}\p{N}_.:/=+\-@]+` }
const VALUE = { min: 0, max: 256, test: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, pattern: String.raw`[\p{L}\p{Z}\p{N}_.:/=+\-@]*` }
const MAX_TAGS_PER_REQUEST = 50

function checkText(errors: ValidationCollector, value: string | undefined, field: string, rule: typeof KEY | typeof VALUE): void {
  if (value === undefined) {
    errors.fail(null, field, 'Member must not be null')
    return
  }
  if (!rule.test.test(value)) errors.fail(value, field, `Member must satisfy regular expression pattern: ${rule.pattern}`)
  const length = [...value].length
  if (length < rule.min) errors.fail(value, field, `Member must have length greater than or equal to ${rule.min}`)
  if (length > rule.max) errors.fail(value, field, `Member must have length less than or equal to ${rule.max}`)
}

/** IAM tag keys are unique regardless of case. */
const tagKey = (key: string): string => key.toLowerCase()

/** `Name` as the Query API sends a list: `Name.member.N…`, or `Name=` alone for an empty one. */
function listGiven(ctx: ActionContext, name: string): boolean {
  return ctx.params[name] !== undefined || Object.keys(ctx.params).some((key) => key.startsWith(`${name}.member.`))
}

function requireList(ctx: ActionContext, name: string, field: string): void {
  if (listGiven(ctx, name)) return
  const errors = new ValidationCollector()
  errors.fail(null, field, 'Member must not be null')
  errors.throwIfAny()
}

/**
 * Tags.member.N.Key / .Value (CreateUser, CreatePolicy, TagUser), checked as IAM checks them:
 * at most 50, each key and value of botocore's shapes, no key twice in any case.
 */
export function tagsParam(ctx: ActionContext, options: { required?: boolean } = {}): Tag[] {
  if (options.required) requireList(ctx, 'Tags', 'tags')
  const given: Array<{ Key: string; Value: string | undefined }> = []
  for (let i = 1; ; i++) {
    const key = ctx.params[`Tags.member.${i}.Key`]
    if (key === undefined) break
    given.push({ Key: key, Value: ctx.params[`Tags.member.${i}.Value`] })
  }
  if (given.length > MAX_TAGS_PER_REQUEST) {
    throw awsErrors.validation(
      `1 validation error detected: Value '[${given.map((t) => `${t.Key}=${t.Value ?? ''}`).join(', ')}]' at 'tags' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TAGS_PER_REQUEST}`
    )
  }
  const errors = new ValidationCollector()
  given.forEach((tag, i) => {
    checkText(errors, tag.Key, `tags.${i + 1}.member.key`, KEY)
    checkText(errors, tag.Value, `tags.${i + 1}.member.value`, VALUE)
  })
  errors.throwIfAny()
  const tags = given as Tag[]
  if (new Set(tags.map((t) => tagKey(t.Key))).size !== tags.length) {
    throw awsErrors.invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.')
  }
  return tags
}

/** TagKeys.member.N (UntagUser): required, at most 50 keys of botocore's tagKeyType. */
export function tagKeysParam(ctx: ActionContext): string[] {
  requireList(ctx, 'TagKeys', 'tagKeys')
  const keys: string[] = []
  for (let i = 1; ctx.params[`TagKeys.member.${i}`] !== undefined; i++) keys.push(ctx.params[`TagKeys.member.${i}`]!)
  const errors = new ValidationCollector()
  if (keys.length > MAX_TAGS_PER_REQUEST) {
    errors.fail(`[${keys.join(', ')}]`, 'tagKeys', `Member must have length less than or equal to ${MAX_TAGS_PER_REQUEST}`)
  }
  keys.forEach((key, i) => checkText(errors, key, `tagKeys.${i + 1}.member`, KEY))
  errors.throwIfAny()
  return keys
}

/**
 * TagUser: a key already there, in any case, takes the new key and value (IAM keeps the casing
 * of the last write); new keys are added after the others. More than 50 in all is LimitExceeded.
 */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const merged = existing.map((t) => ({ ...t }))
  for (const tag of added) {
    const at = merged.findIndex((t) => tagKey(t.Key) === tagKey(tag.Key))
    if (at === -1) merged.push({ ...tag })
    else merged[at] = { ...tag }
  }
  if (merged.length > quotas.TagsPerUser) throw quotaExceeded('TagsPerUser')
  return merged
}

/** UntagUser: keys are matched regardless of case; a key that is not there is no error. */
export function removeTags(existing: readonly Tag[], keys: readonly string[]): Tag[] {
  const removed = new Set(keys.map(tagKey))
  return existing.filter((t) => !removed.has(tagKey(t.Key)))
}
