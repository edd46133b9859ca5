import type { ActionContext } from '../action'
import { ValidationCollector, memberName } from '../rules/names'

/**
 * Reading the Query API's flat parameters, for the shapes rules/names.ts does not cover.
 * Messages follow AWS's "1 validation error detected: Value 'x' at 'field' failed to satisfy
 * constraint: ..." form through the same collector.
 */

export function enumParam<T extends string>(ctx: ActionContext, name: string, allowed: readonly T[]): T | undefined {
  const value = ctx.params[name]
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) {
    const errors = new ValidationCollector()
    errors.fail(value, memberName(name), `Member must satisfy enum value set: [${allowed.join(', ')}]`)
    errors.throwIfAny()
  }
  return value as T
}

export function boolParam(ctx: ActionContext, name: string): boolean | undefined {
  const value = ctx.params[name]
  if (value === undefined) return undefined
  if (/^true$/i.test(value)) return true
  if (/^false$/i.test(value)) return false
  const errors = new ValidationCollector()
  errors.fail(value, memberName(name), 'Member must be a boolean')
  errors.throwIfAny()
  return undefined
}

export interface StringRule {
  min?: number
  max?: number
  test?: RegExp
  /** The pattern as botocore's model spells it, for the message. */
  pattern?: string
}

/** A string parameter checked against its botocore shape; undefined means it was left out. */
export function stringParam(ctx: ActionContext, name: string, rule: StringRule): string | undefined {
  const value = ctx.params[name]
  if (value === undefined) return undefined
  const errors = new ValidationCollector()
  const field = memberName(name)
  if (rule.test && !rule.test.test(value)) {
    errors.fail(value, field, `Member must satisfy regular expression pattern: ${rule.pattern ?? rule.test.source}`)
  }
  const length = [...value].length
  if (rule.min !== undefined && length < rule.min) {
    errors.fail(value, field, `Member must have length greater than or equal to ${rule.min}`)
  }
  if (rule.max !== undefined && length > rule.max) {
    errors.fail(value, field, `Member must have length less than or equal to ${rule.max}`)
  }
  errors.throwIfAny()
  return value
}

export function requiredStringParam(ctx: ActionContext, name: string, rule: StringRule): string {
  const value = stringParam(ctx, name, rule)
  if (value === undefined) {
    const errors = new ValidationCollector()
    errors.fail(null, memberName(name), 'Member must not be null')
    errors.throwIfAny()
  }
  return value as string
}
