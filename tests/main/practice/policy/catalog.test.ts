import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { awsManagedPolicies, findAwsManagedPolicy } from '../../../../src/main/practice/policy/catalog'
import { parsePolicyDocument } from '../../../../src/main/practice/policy/document'

const dataDir = join(__dirname, '../../../../src/main/practice/policy/aws-managed')
const index = JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')) as Array<{
  PolicyName: string
  Arn: string
  Path: string
  VersionId: string
}>

describe('AWS managed policy catalog', () => {
  it('holds all 13 policies listed in index.json, with their ARNs, paths and versions', () => {
    expect(awsManagedPolicies).toHaveLength(13)
    expect(index).toHaveLength(13)
    for (const entry of index) {
      const policy = findAwsManagedPolicy(entry.Arn)
      expect(policy, entry.Arn).toBeDefined()
      expect(policy).toMatchObject({
        policyName: entry.PolicyName,
        arn: entry.Arn,
        path: entry.Path,
        defaultVersionId: entry.VersionId
      })
    }
  })

  it("carries AWS's exact documents, byte for byte as parsed JSON", () => {
    const files = readdirSync(dataDir).filter((f) => f.endsWith('.json') && f !== 'index.json')
    expect(files).toHaveLength(13)
    for (const file of files) {
      const raw = JSON.parse(readFileSync(join(dataDir, file), 'utf8')) as { Arn: string; Document: unknown; CreateDate: string }
      const policy = findAwsManagedPolicy(raw.Arn)!
      expect(policy.document).toEqual(raw.Document)
      expect(policy.updateDate).toBe(raw.CreateDate)
    }
  })

  it('puts the seven job-function policies under /job-function/ and the rest at /', () => {
    const jobFunctions = awsManagedPolicies.filter((p) => p.path === '/job-function/').map((p) => p.policyName)
    expect(jobFunctions.sort()).toEqual(
      ['Billing', 'DataScientist', 'DatabaseAdministrator', 'NetworkAdministrator', 'SupportUser', 'SystemAdministrator', 'ViewOnlyAccess'].sort()
    )
    for (const policy of awsManagedPolicies) {
      const expectedArn = `arn:aws:iam::aws:policy${policy.path}${policy.policyName}`
      expect(policy.arn).toBe(expectedArn)
    }
  })

  it('gives every policy an AWS-shaped, unique policy id', () => {
    const ids = awsManagedPolicies.map((p) => p.policyId)
    for (const id of ids) expect(id).toMatch(/^ANPA[A-Z0-9]{17}$/)
    expect(new Set(ids).size).toBe(ids.length)
    expect(findAwsManagedPolicy('arn:aws:iam::aws:policy/AdministratorAccess')?.policyId).toBe('ANPAIWMBCKSKIEE64ZLYK')
  })

  it("uses AWS's descriptions", () => {
    expect(findAwsManagedPolicy('arn:aws:iam::aws:policy/job-function/Billing')?.description).toBe(
      'Grants permissions for billing and cost management. This includes viewing account usage and viewing and modifying budgets and payment methods.'
    )
    expect(findAwsManagedPolicy('arn:aws:iam::aws:policy/PowerUserAccess')?.description).toBe(
      'Provides full access to AWS services and resources, but does not allow management of Users and groups.'
    )
    for (const policy of awsManagedPolicies) expect(policy.description.length).toBeGreaterThan(20)
  })

  it('dates each policy with an IAM timestamp, created no later than last updated', () => {
    for (const policy of awsManagedPolicies) {
      expect(policy.createDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(policy.updateDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
      expect(Date.parse(policy.createDate)).toBeLessThanOrEqual(Date.parse(policy.updateDate))
    }
  })

  it('passes its own policy validation for every document', () => {
    for (const policy of awsManagedPolicies) {
      expect(() => parsePolicyDocument(JSON.stringify(policy.document)), policy.policyName).not.toThrow()
    }
  })

  it('finds nothing for unknown or differently cased ARNs', () => {
    expect(findAwsManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicy')).toBeUndefined()
    expect(findAwsManagedPolicy('arn:aws:iam::aws:policy/administratoraccess')).toBeUndefined()
    expect(findAwsManagedPolicy('arn:aws:iam::aws:policy/Billing')).toBeUndefined()
  })
})
