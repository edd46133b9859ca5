import type { PolicyDocument } from './document'
import administratorAccess from './aws-managed/AdministratorAccess.json'
import awsSupportAccess from './aws-managed/AWSSupportAccess.json'
import billing from './aws-managed/Billing.json'
import databaseAdministrator from './aws-managed/DatabaseAdministrator.json'
import dataScientist from './aws-managed/DataScientist.json'
import iamUserChangePassword from './aws-managed/IAMUserChangePassword.json'
import networkAdministrator from './aws-managed/NetworkAdministrator.json'
import powerUserAccess from './aws-managed/PowerUserAccess.json'
import readOnlyAccess from './aws-managed/ReadOnlyAccess.json'
import securityAudit from './aws-managed/SecurityAudit.json'
import supportUser from './aws-managed/SupportUser.json'
import systemAdministrator from './aws-managed/SystemAdministrator.json'
import viewOnlyAccess from './aws-managed/ViewOnlyAccess.json'

export type { PolicyDocument, PolicyStatement } from './document'

export interface ManagedPolicy {
  policyName: string
  arn: string
  path: string
  defaultVersionId: string
  createDate: string
  updateDate: string
  description: string
  document: PolicyDocument
  policyId: string
}

/** One file of ./aws-managed, as AWS's GetPolicy + GetPolicyVersion returned it. */
interface AwsPolicyFile {
  PolicyName: string
  Arn: string
  Path: string
  VersionId: string
  /** The default version's creation date, which is the policy's UpdateDate. */
  CreateDate: string
  Document: unknown
}

/**
 * What ListPolicies/GetPolicy say about each policy besides its document: AWS's own
 * PolicyId, Description and the policy's original CreateDate.
 */
const metadata: Record<string, { policyId: string; description: string; createDate: string }> = {
  AdministratorAccess: {
    policyId: 'ANPAIWMBCKSKIEE64ZLYK',
    description: 'Provides full access to AWS services and resources.',
    createDate: '2015-02-06T18:39:46Z'
  },
  PowerUserAccess: {
    policyId: 'ANPAJYRXTHIB4FOVS3ZXS',
    description: 'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    createDate: '2015-02-06T18:39:47Z'
  },
  ReadOnlyAccess: {
    policyId: 'ANPAILL3HVNFSB6DCOWYQ',
    description: 'Provides read-only access to AWS services and resources.',
    createDate: '2015-02-06T18:39:48Z'
  },
  SecurityAudit: {
    policyId: 'ANPAIX2T3QCXHR2OGGCTO',
    description:
      'The security audit template grants access to read security configuration metadata. It is useful for software that audits the configuration of an AWS account.',
    createDate: '2015-02-06T18:41:01Z'
  },
  ViewOnlyAccess: {
    policyId: 'ANPAID22R6XPJATWOFDK6',
    description: 'This policy grants permissions to view resources and basic metadata across all AWS services.',
    createDate: '2016-11-10T17:20:15Z'
  },
  Billing: {
    policyId: 'ANPAIFTHXT6FFMIRT7ZEA',
    description:
      'Grants permissions for billing and cost management. This includes viewing account usage and viewing and modifying budgets and payment methods.',
    createDate: '2016-11-10T17:33:18Z'
  },
  SystemAdministrator: {
    policyId: 'ANPAITJPEZXCYCBXANDSW',
    description:
      'Grants full access permissions necessary for resources required for application and development operations.',
    createDate: '2016-11-10T17:23:56Z'
  },
  DatabaseAdministrator: {
    policyId: 'ANPAIGBMAW4VUQKOQNVT6',
    description:
      'Grants full access permissions to AWS services and actions required to set up and configure AWS database services.',
    createDate: '2016-11-10T17:25:43Z'
  },
  NetworkAdministrator: {
    policyId: 'ANPAJPNMADZFJCVPJVZA2',
    description:
      'Grants full access permissions to AWS services and actions required to set up and configure AWS network resources.',
    createDate: '2016-11-10T17:31:35Z'
  },
  DataScientist: {
    policyId: 'ANPAJ5YHI2BQW7EQFYDXS',
    description: 'Grants permissions to AWS data analytics services.',
    createDate: '2016-11-10T17:28:48Z'
  },
  SupportUser: {
    policyId: 'ANPAI3V4GSSN5SJY3P2RO',
    description:
      'This policy grants permissions to troubleshoot and resolve issues in an AWS account. This policy also enables the user to contact AWS support to create and manage cases.',
    createDate: '2016-11-10T17:21:53Z'
  },
  IAMUserChangePassword: {
    policyId: 'ANPAJ4L4MM2A7QIEB56MS',
    description: 'Provides the ability for an IAM user to change their own password.',
    createDate: '2016-11-15T00:25:16Z'
  },
  AWSSupportAccess: {
    policyId: 'ANPAJSNKQX2OW67GF4S7E',
    description: 'Allows users to access the AWS Support Center.',
    createDate: '2015-02-06T18:41:11Z'
  }
}

function toManagedPolicy(file: AwsPolicyFile): ManagedPolicy {
  const known = metadata[file.PolicyName]
  if (!known) throw new Error(`No catalog metadata for AWS managed policy ${file.PolicyName}`)
  return {
    policyName: file.PolicyName,
    arn: file.Arn,
    path: file.Path,
    defaultVersionId: file.VersionId,
    createDate: known.createDate,
    updateDate: file.CreateDate,
    description: known.description,
    document: file.Document as PolicyDocument,
    policyId: known.policyId
  }
}

export const awsManagedPolicies: readonly ManagedPolicy[] = Object.freeze(
  [
    administratorAccess,
    powerUserAccess,
    readOnlyAccess,
    securityAudit,
    viewOnlyAccess,
    billing,
    systemAdministrator,
    databaseAdministrator,
    networkAdministrator,
    dataScientist,
    supportUser,
    iamUserChangePassword,
    awsSupportAccess
  ].map((file) => toManagedPolicy(file as AwsPolicyFile))
)

const byArn = new Map(awsManagedPolicies.map((policy) => [policy.arn, policy]))

/** ARNs are matched exactly, as IAM does: AWS managed policy ARNs are case-sensitive. */
export function findAwsManagedPolicy(arn: string): ManagedPolicy | undefined {
  return byArn.get(arn)
}
