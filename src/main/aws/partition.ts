/**
 * AWS partitions: aws (the commercial regions), aws-cn (China), aws-us-gov (GovCloud) and a few
 * more. Every ARN names its partition second (arn:aws-cn:iam::123456789012:user/x), and an
 * account's ARNs - its users' and the AWS managed policies it can attach - are all in its own.
 */
export type Partition = string

/** The commercial partition; the practice account's too. */
export const DEFAULT_PARTITION: Partition = 'aws'

/** The partition of an ARN; `aws` when the text is not an ARN. */
export function partitionOf(arn: string | undefined): Partition {
  return /^arn:(aws[a-z0-9-]*):/.exec(arn ?? '')?.[1] ?? DEFAULT_PARTITION
}

/** An IAM resource of an account, such as `user/dev`: arn:PARTITION:iam::ACCOUNT:user/dev. */
export function iamArn(partition: Partition, accountId: string, resource: string): string {
  return `arn:${partition}:iam::${accountId}:${resource}`
}

/** An AWS managed policy by its path and name, such as `job-function/Billing`. */
export function awsManagedPolicyArn(partition: Partition, pathAndName: string): string {
  return iamArn(partition, 'aws', `policy/${pathAndName}`)
}

const awsManagedPolicy = /^arn:aws[a-z0-9-]*:iam::aws:(policy\/.+)$/

/**
 * The same AWS managed policy as the account's partition calls it: an AWS managed policy has the
 * same path and name in every partition that has it, and an account can attach only its own
 * partition's. Any other ARN (a customer managed policy) comes back as it was.
 */
export function inPartition(policyArn: string, partition: Partition): string {
  const resource = awsManagedPolicy.exec(policyArn)?.[1]
  return resource === undefined ? policyArn : iamArn(partition, 'aws', resource)
}
