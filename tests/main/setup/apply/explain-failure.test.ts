import { describe, expect, it } from 'vitest'
import { explainFailure } from '../../../../src/main/setup/apply/explain-failure'
import { RetriesExhaustedError } from '../../../../src/main/setup/apply/retry'

const noSuchEntity = (message: string) =>
  Object.assign(new Error(message), { name: 'NoSuchEntityException', Code: 'NoSuchEntity', $fault: 'client', $metadata: { httpStatusCode: 404 } })

describe('explainFailure', () => {
  it('names a managed policy the account does not have by its ARN, with what to do next', () => {
    const arn = 'arn:aws-cn:iam::aws:policy/job-function/Billing'
    const failure = explainFailure(noSuchEntity(`Policy ${arn} does not exist or is not attachable.`), 'AttachGroupPolicy', {
      groupName: 'Finance',
      policyArn: arn
    })
    expect(failure.code).toBe('NoSuchEntity')
    expect(failure.message).toMatch(new RegExp(`^The managed policy ${arn} does not exist in this account, so it is not attached to Finance`))
    expect(failure.message).toContain('in AWS China their ARNs start arn:aws-cn:iam::aws:policy/')
    expect(failure.message).toMatch(/Choose a policy this account has .* then apply again/)
    expect(failure.message).not.toMatch(/Finance does not exist/)
  })

  it('leaves the partition hint out for a customer managed policy', () => {
    const arn = 'arn:aws:iam::123456789012:policy/Readers'
    const failure = explainFailure(noSuchEntity(`Policy ${arn} does not exist or is not attachable.`), 'AttachUserPolicy', { userName: 'dev', policyArn: arn })
    expect(failure.message).toMatch(
      /^The managed policy arn:aws:iam::123456789012:policy\/Readers does not exist in this account, so it is not attached to dev/
    )
    expect(failure.message).not.toContain('partition')
  })

  it('still says a group is missing when it never became visible', () => {
    const lag = new RetriesExhaustedError(noSuchEntity('The group with name Finance cannot be found.'), 'not-yet-visible', 40, 30_000)
    const failure = explainFailure(lag, 'AttachGroupPolicy', { groupName: 'Finance', policyArn: 'arn:aws:iam::aws:policy/job-function/Billing' })
    expect(failure).toEqual({ code: 'NoSuchEntity', message: expect.stringMatching(/^Finance does not exist .* Plan again\.$/) })
  })
})
