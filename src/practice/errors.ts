/**
 * An error the practice service answers with, in AWS's ErrorResponse shape.
 * `status` and `type` follow what IAM and STS really send for each code.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly type: 'Sender' | 'Receiver' = 'Sender'
  ) {
    super(message)
    this.name = 'AwsError'
  }
}

export const awsErrors = {
  noSuchEntity: (message: string) => new AwsError('NoSuchEntity', message, 404),
  entityAlreadyExists: (message: string) => new AwsError('EntityAlreadyExists', message, 409),
  limitExceeded: (message: string) => new AwsError('LimitExceeded', message, 409),
  deleteConflict: (message: string) => new AwsError('DeleteConflict', message, 409),
  validation: (message: string) => new AwsError('ValidationError', message, 400),
  invalidInput: (message: string) => new AwsError('InvalidInput', message, 400),
  malformedPolicyDocument: (message: string) => new AwsError('MalformedPolicyDocument', message, 400),
  passwordPolicyViolation: (message = 'Password does not conform to the account password policy.') => new AwsError('PasswordPolicyViolation', message, 400),
  invalidAuthenticationCode: (message: string) => new AwsError('InvalidAuthenticationCode', message, 403),
  accessDenied: (message: string) => new AwsError('AccessDenied', message, 403),
  throttling: () => new AwsError('Throttling', 'Rate exceeded', 400),
  reportNotPresent: () =>
    new AwsError(
      'ReportNotPresent',
      'The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.',
      410
    ),
  reportInProgress: () => new AwsError('ReportInProgress', 'The request was rejected because the credential report is still being generated.', 404),
  reportExpired: () =>
    new AwsError(
      'ReportExpired',
      'The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.',
      410
    ),
  serviceFailure: (message = 'An internal error occurred.') => new AwsError('ServiceFailure', message, 500, 'Receiver')
} as const
