import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { awsManagedDocument, awsManagedPolicies, findAwsManagedPolicy } from '../../../src/practice/policy/catalog'
import { parsePolicyDocument, statementsOf } from '../../../src/practice/policy/document'

const policyDir = join(__dirname, '../../../src/practice/policy')
const generated = JSON.parse(readFileSync(join(policyDir, 'aws-managed-catalog.json'), 'utf8')) as { policies: unknown[] }
const arn = (path: string) => `arn:aws:iam::aws:policy${path}`
const documentOf = (path: string) => awsManagedDocument(findAwsManagedPolicy(arn(path))!)
/** The policies Cairn offers, checks or evaluates: AWS's PolicyId and Description are known for these. */
const offered = [
  '/AdministratorAccess',
  '/PowerUserAccess',
  '/ReadOnlyAccess',
  '/SecurityAudit',
  '/IAMUserChangePassword',
  '/AWSSupportAccess',
  '/job-function/ViewOnlyAccess',
  '/job-function/Billing',
  '/job-function/SystemAdministrator',
  '/job-function/DatabaseAdministrator',
  '/job-function/NetworkAdministrator',
  '/job-function/DataScientist',
  '/job-function/SupportUser'
].map((path) => findAwsManagedPolicy(arn(path))!)

describe('AWS managed policy catalog', () => {
  it('knows every policy AWS lists by name, path and ARN, the well-known ones included', () => {
    expect(awsManagedPolicies).toHaveLength(generated.policies.length)
    expect(awsManagedPolicies.length).toBeGreaterThan(1400)
    expect(new Set(awsManagedPolicies.map((p) => p.arn)).size).toBe(awsManagedPolicies.length)
    for (const policy of awsManagedPolicies) expect(policy.arn).toBe(arn(`${policy.path}${policy.policyName}`))
    expect(findAwsManagedPolicy(arn('/AmazonS3ReadOnlyAccess'))).toMatchObject({ path: '/', defaultVersionId: expect.stringMatching(/^v\d+$/) })
    expect(findAwsManagedPolicy(arn('/IAMFullAccess'))?.policyName).toBe('IAMFullAccess')
    expect(findAwsManagedPolicy(arn('/service-role/AWSLambdaBasicExecutionRole'))?.path).toBe('/service-role/')
  })

  it('lists them by name, the order ListPolicies answers in', () => {
    const names = awsManagedPolicies.map((p) => p.policyName.toLowerCase())
    expect(names).toEqual([...names].sort())
  })

  it('leaves out the policies AWS has deprecated', () => {
    expect(findAwsManagedPolicy(arn('/AWSOpsWorks_FullAccess'))).toBeUndefined()
    expect(findAwsManagedPolicy(arn('/AmazonGuardDutyFullAccess'))).toBeUndefined()
  })

  it("keeps the default version's document of every policy, exactly as AWS returns it", () => {
    for (const policy of awsManagedPolicies) expect(statementsOf(awsManagedDocument(policy)).length, policy.policyName).toBeGreaterThan(0)
    expect(documentOf('/AdministratorAccess')).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })
    expect(documentOf('/AmazonS3ReadOnlyAccess')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'], Resource: '*' }]
    })
    // Read once, then the same object every time.
    expect(documentOf('/IAMReadOnlyAccess')).toBe(documentOf('/IAMReadOnlyAccess'))
  })

  it('puts the job-function policies under /job-function/, the classic seven among them', () => {
    const jobFunctions = awsManagedPolicies.filter((p) => p.path === '/job-function/').map((p) => p.policyName)
    expect(jobFunctions).toEqual(
      expect.arrayContaining([
        'Billing',
        'DataScientist',
        'DatabaseAdministrator',
        'NetworkAdministrator',
        'SupportUser',
        'SystemAdministrator',
        'ViewOnlyAccess'
      ])
    )
    for (const name of ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'SecurityAudit'])
      expect(findAwsManagedPolicy(arn(`/${name}`))?.path).toBe('/')
  })

  it("gives every policy an AWS-shaped, unique policy id, AWS's own where it is known", () => {
    const ids = awsManagedPolicies.map((p) => p.policyId)
    for (const id of ids) expect(id).toMatch(/^ANPA[A-Z0-9]{17}$/)
    expect(new Set(ids).size).toBe(ids.length)
    expect(findAwsManagedPolicy(arn('/AdministratorAccess'))?.policyId).toBe('ANPAIWMBCKSKIEE64ZLYK')
  })

  it("uses AWS's descriptions where it has them, and invents none", () => {
    expect(findAwsManagedPolicy(arn('/job-function/Billing'))?.description).toBe(
      'Grants permissions for billing and cost management. This includes viewing account usage and viewing and modifying budgets and payment methods.'
    )
    expect(findAwsManagedPolicy(arn('/PowerUserAccess'))?.description).toBe(
      'Provides full access to AWS services and resources, but does not allow management of Users and groups.'
    )
    for (const policy of offered) expect(policy.description.length, policy.policyName).toBeGreaterThan(20)
    expect(findAwsManagedPolicy(arn('/AmazonS3ReadOnlyAccess'))?.description).toBe('')
  })

  it('dates each policy with an IAM timestamp, created no later than last updated', () => {
    for (const policy of awsManagedPolicies) {
      expect(policy.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(policy.updateDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(Date.parse(policy.createDate)).toBeLessThanOrEqual(Date.parse(policy.updateDate))
    }
  })

  it('passes its own policy validation for every document it keeps but the root-task ones', () => {
    // The /root-task/ policies (task policies for sts:AssumeRoot) name arn:aws:iam::*:root, which
    // document.ts refuses with IAM's message for resource paths (it lists user/, role/, ..., not root).
    for (const policy of awsManagedPolicies.filter((p) => p.path !== '/root-task/')) {
      expect(() => parsePolicyDocument(JSON.stringify(awsManagedDocument(policy))), policy.policyName).not.toThrow()
    }
  })

  it('finds nothing for unknown or differently cased ARNs', () => {
    expect(findAwsManagedPolicy(arn('/NoSuchPolicy'))).toBeUndefined()
    expect(findAwsManagedPolicy(arn('/administratoraccess'))).toBeUndefined()
    expect(findAwsManagedPolicy(arn('/Billing'))).toBeUndefined()
  })
})
