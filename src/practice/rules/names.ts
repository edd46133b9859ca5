import { awsErrors, type AwsError } from '../errors'

/**
 * Parameter validation as IAM and STS answer it: a 400 ValidationError whose message
 * counts every failed constraint, e.g.
 * "2 validation errors detected: Value 'x y' at 'userName' failed to satisfy constraint:
 * Member must satisfy regular expression pattern: [\w+=,.@-]+; Value ... ".
 * Patterns are quoted as AWS's service models spell them (botocore's service-2.json).
 */
export class ValidationCollector {
  private readonly failures: string[] = []

  /** `value` null renders as AWS's `Value null`; `sensitive` hides it, as AWS does for passwords. */
  fail(value: string | number | null, field: string, constraint: string, sensitive = false): void {
    const shown = value === null ? 'Value null' : sensitive ? 'Value' : `Value '${value}'`
    this.failures.push(`${shown} at '${field}' failed to satisfy constraint: ${constraint}`)
  }

  get count(): number {
    return this.failures.length
  }

  message(): string {
    const n = this.failures.length
    return `${n} validation error${n === 1 ? '' : 's'} detected: ${this.failures.join('; ')}`
  }

  throwIfAny(): void {
    if (this.failures.length > 0) throw awsErrors.validation(this.message())
  }
}

export function validationCollector(): ValidationCollector {
  return new ValidationCollector()
}

interface StringRule {
  min?: number
  max?: number
  /** As shown in the message. */
  pattern?: string
  /** Full-match test for the pattern. */
  test?: { test(value: string): boolean }
  sensitive?: boolean
}

/**
 * Runs into the given collector, or throws at once with this value's failures counted.
 * An absent value (undefined) is a required parameter left out: "Member must not be null".
 */
function check(value: string | undefined, field: string, rule: StringRule, into?: ValidationCollector): string {
  const collector = into ?? new ValidationCollector()
  if (value === undefined) {
    collector.fail(null, field, 'Member must not be null')
    if (!into) collector.throwIfAny()
    return ''
  }
  if (rule.pattern !== undefined && rule.test && !rule.test.test(value)) {
    collector.fail(value, field, `Member must satisfy regular expression pattern: ${rule.pattern}`, rule.sensitive)
  }
  const length = [...value].length
  if (rule.min !== undefined && length < rule.min) {
    collector.fail(value, field, `Member must have length greater than or equal to ${rule.min}`, rule.sensitive)
  }
  if (rule.max !== undefined && length > rule.max) {
    collector.fail(value, field, `Member must have length less than or equal to ${rule.max}`, rule.sensitive)
  }
  if (!into) collector.throwIfAny()
  return value
}

/** [\u0009\u000A\u000D\u0020-\u00FF]+ without a regex of control characters. */
const printableLatin1 = {
  test: (value: string): boolean => value.length > 0 && [...value].every((ch) => ch === '\t' || ch === '\n' || ch === '\r' || (ch >= ' ' && ch <= '\u00FF'))
}

const namePattern = String.raw`[\w+=,.@-]+`
const nameTest = /^[\w+=,.@-]+$/

/** Query API parameter name -> the member name AWS's messages use: UserName -> userName. */
export function memberName(parameter: string): string {
  return parameter.charAt(0).toLowerCase() + parameter.slice(1)
}

/** A missing required parameter: "Value null at 'userName' failed to satisfy constraint: Member must not be null". */
export function validateRequired(params: Readonly<Record<string, string | undefined>>, name: string, into?: ValidationCollector): string {
  const value = params[name]
  if (value !== undefined) return value
  const collector = into ?? new ValidationCollector()
  collector.fail(null, memberName(name), 'Member must not be null')
  if (!into) collector.throwIfAny()
  return ''
}

/** CreateUser and the login-profile calls allow 64 characters; most others 128 (existingUserNameType). */
export function validateUserName(value: string | undefined, options: { max: 64 | 128 } = { max: 128 }, field = 'userName', into?: ValidationCollector): string {
  return check(value, field, { min: 1, max: options.max, pattern: namePattern, test: nameTest }, into)
}

export function validateGroupName(value: string | undefined, field = 'groupName', into?: ValidationCollector): string {
  return check(value, field, { min: 1, max: 128, pattern: namePattern, test: nameTest }, into)
}

export function validatePolicyName(value: string | undefined, field = 'policyName', into?: ValidationCollector): string {
  return check(value, field, { min: 1, max: 128, pattern: namePattern, test: nameTest }, into)
}

/**
 * IAM's own answer to a Path, NewPath or PathPrefix that is not a path (rather than the model's
 * pattern): "The specified value for path is invalid. It must begin and end with / ...".
 */
export function pathInvalid(field: string): AwsError {
  const shape = /prefix$/i.test(field) ? 'begin with the / character' : 'begin and end with /'
  return awsErrors.validation(`The specified value for ${field} is invalid. It must ${shape} and contain only alphanumeric characters and/or / characters.`)
}

/** Lengths as the model checks them; a value of the right length that is not a path gets pathInvalid. */
function checkPath(value: string | undefined, field: string, test: RegExp, into?: ValidationCollector): string {
  const collector = into ?? new ValidationCollector()
  const before = collector.count
  const checked = check(value, field, { min: 1, max: 512 }, collector)
  if (value !== undefined && collector.count === before && !test.test(value)) throw pathInvalid(field)
  if (!into) collector.throwIfAny()
  return checked
}

/** pathType: (\u002F)|(\u002F[\u0021-\u007F]+\u002F), 1-512. */
export function validatePath(value: string | undefined, field = 'path', into?: ValidationCollector): string {
  return checkPath(value, field, /^(?:\/|\/[\u0021-\u007F]+\/)$/, into)
}

/** pathPrefixType: \u002F[\u0021-\u007F]*, 1-512. */
export function validatePathPrefix(value: string | undefined, field = 'pathPrefix', into?: ValidationCollector): string {
  return checkPath(value, field, /^\/[\u0021-\u007F]*$/, into)
}

export function validateAccessKeyId(value: string | undefined, field = 'accessKeyId', into?: ValidationCollector): string {
  return check(value, field, { min: 16, max: 128, pattern: String.raw`[\w]+`, test: /^\w+$/ }, into)
}

/** STS's AccessKeyId (GetAccessKeyInfo): 16-128 word characters; its model spells the pattern with `*`. */
export function validateAccessKeyInfoId(value: string | undefined, field = 'accessKeyId', into?: ValidationCollector): string {
  return check(value, field, { min: 16, max: 128, pattern: String.raw`[\w]*`, test: /^\w*$/ }, into)
}

/** IAM's AuthenticationCode1/2 (EnableMFADevice, ResyncMFADevice): exactly six digits. */
export function validateAuthenticationCode(value: string | undefined, field = 'authenticationCode1', into?: ValidationCollector): string {
  return check(value, field, { min: 6, max: 6, pattern: String.raw`[\d]+`, test: /^\d+$/ }, into)
}

/** STS's TokenCode (GetSessionToken): six digits, with the model's `*` pattern. */
export function validateTokenCode(value: string | undefined, field = 'tokenCode', into?: ValidationCollector): string {
  return check(value, field, { min: 6, max: 6, pattern: String.raw`[\d]*`, test: /^\d*$/ }, into)
}

/** IAM's serialNumberType; STS's SerialNumber quotes the pattern with `*` (pass sts: true). */
export function validateSerialNumber(value: string | undefined, field = 'serialNumber', into?: ValidationCollector, options: { sts?: boolean } = {}): string {
  const pattern = options.sts ? String.raw`[\w+=/:,.@-]*` : String.raw`[\w+=/:,.@-]+`
  return check(value, field, { min: 9, max: 256, pattern, test: /^[\w+=/:,.@-]*$/ }, into)
}

export function validateVirtualMfaDeviceName(value: string | undefined, field = 'virtualMFADeviceName', into?: ValidationCollector): string {
  return check(value, field, { min: 1, pattern: namePattern, test: nameTest }, into)
}

/** GetFederationToken's Name: 2-32 characters; the STS model spells the pattern with `*`. */
export function validateFederatedUserName(value: string | undefined, field = 'name', into?: ValidationCollector): string {
  return check(value, field, { min: 2, max: 32, pattern: String.raw`[\w+=,.@-]*`, test: /^[\w+=,.@-]*$/ }, into)
}

/** Passwords and policy documents: tab, newline, carriage return and Latin-1 printables, as the model says. */
const printableLatin1Rule = { pattern: String.raw`[\u0009\u000A\u000D\u0020-\u00FF]+`, test: printableLatin1 }

export function validatePassword(value: string | undefined, field = 'password', into?: ValidationCollector): string {
  return check(
    value,
    field,
    {
      min: 1,
      max: 128,
      ...printableLatin1Rule,
      sensitive: true
    },
    into
  )
}

export function validatePolicyDocumentParameter(value: string | undefined, field = 'policyDocument', into?: ValidationCollector): string {
  return check(
    value,
    field,
    {
      min: 1,
      max: 131072,
      ...printableLatin1Rule
    },
    into
  )
}

/**
 * arnType only bounds the length (20-2048); a value long enough but not shaped like an
 * ARN is IAM's InvalidInput "ARN x is not valid.", raised at once. Whether the policy
 * exists (NoSuchEntity) is the caller's question.
 */
export function validatePolicyArn(value: string | undefined, field = 'policyArn', into?: ValidationCollector): string {
  const collector = into ?? new ValidationCollector()
  const before = collector.count
  const checked = check(value, field, { min: 20, max: 2048 }, collector)
  if (value !== undefined && collector.count === before && !/^arn:[^:]+:[^:]+:[^:]*:[^:]*:.+$/.test(value)) {
    throw awsErrors.invalidInput(`ARN ${value} is not valid.`)
  }
  if (!into) collector.throwIfAny()
  return checked
}

function checkInteger(value: string | number | undefined, field: string, min: number, max: number, into?: ValidationCollector): number | undefined {
  if (value === undefined) return undefined
  const collector = into ?? new ValidationCollector()
  const n = typeof value === 'number' ? value : /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (Number.isNaN(n)) {
    // The query protocol cannot read the number at all; AWS words this one differently per service.
    collector.fail(String(value), field, 'Member must be a number')
  } else if (n < min) {
    collector.fail(n, field, `Member must have value greater than or equal to ${min}`)
  } else if (n > max) {
    collector.fail(n, field, `Member must have value less than or equal to ${max}`)
  }
  if (!into) collector.throwIfAny()
  return n
}

/** MaxItems on the List* calls: 1-1000. Undefined when the parameter is absent. */
export function validateMaxItems(value: string | number | undefined, field = 'maxItems', into?: ValidationCollector): number | undefined {
  return checkInteger(value, field, 1, 1000, into)
}

/** GetSessionToken and GetFederationToken take 900-129600 s (root: 900-3600). */
export function validateDurationSeconds(
  value: string | number | undefined,
  min: number,
  max: number,
  field = 'durationSeconds',
  into?: ValidationCollector
): number | undefined {
  return checkInteger(value, field, min, max, into)
}

/** Integer parameters with other bounds (e.g. MinimumPasswordLength 6-128). */
export function validateIntegerRange(
  value: string | number | undefined,
  field: string,
  min: number,
  max: number,
  into?: ValidationCollector
): number | undefined {
  return checkInteger(value, field, min, max, into)
}
