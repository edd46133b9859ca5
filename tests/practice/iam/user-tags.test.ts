import { CreateUserCommand, GetUserCommand, ListUserTagsCommand, TagUserCommand, UntagUserCommand } from '@aws-sdk/client-iam'
import { describe, expect, it } from 'vitest'
import { practiceSuite, sdkFailure } from '../practice-clients'

const tags = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }))

describe('user tags through the AWS SDK: TagUser, UntagUser, ListUserTags', () => {
  const suite = practiceSuite()

  it('reads back the tags CreateUser was given, with IsTruncated and an empty list for none', async () => {
    await suite.iam.send(new CreateUserCommand({ UserName: 'tagged', Tags: [{ Key: 'team', Value: 'finance' }] }))
    await suite.iam.send(new CreateUserCommand({ UserName: 'plain' }))
    const listed = await suite.iam.send(new ListUserTagsCommand({ UserName: 'tagged' }))
    expect(listed).toMatchObject({ Tags: [{ Key: 'team', Value: 'finance' }], IsTruncated: false })
    expect((await suite.iam.send(new ListUserTagsCommand({ UserName: 'plain' }))).Tags).toEqual([])
  })

  it('adds tags, overwrites a key given again in any case with its new spelling, and removes keys in any case', async () => {
    await suite.iam.send(
      new TagUserCommand({
        UserName: 'tagged',
        Tags: [
          { Key: 'Team', Value: 'billing' },
          { Key: 'cost-center', Value: '41200' }
        ]
      })
    )
    expect((await suite.iam.send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags).toEqual([
      { Key: 'cost-center', Value: '41200' },
      { Key: 'Team', Value: 'billing' }
    ])
    expect((await suite.iam.send(new GetUserCommand({ UserName: 'tagged' }))).User!.Tags).toHaveLength(2)
    await suite.iam.send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['TEAM', 'not-there'] }))
    expect((await suite.iam.send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags).toEqual([{ Key: 'cost-center', Value: '41200' }])
  })

  it('pages ListUserTags with MaxItems and Marker', async () => {
    await suite.iam.send(new CreateUserCommand({ UserName: 'many', Tags: tags(5) }))
    const first = await suite.iam.send(new ListUserTagsCommand({ UserName: 'many', MaxItems: 3 }))
    expect(first).toMatchObject({ IsTruncated: true, Marker: expect.any(String) })
    const rest = await suite.iam.send(new ListUserTagsCommand({ UserName: 'many', MaxItems: 3, Marker: first.Marker }))
    expect([...first.Tags!, ...rest.Tags!].map((t) => t.Key)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4'])
    expect(rest.IsTruncated).toBe(false)
  })

  it('refuses a key given twice in one request, in any case, with InvalidInput', async () => {
    const failure = await sdkFailure(
      suite.iam.send(
        new TagUserCommand({
          UserName: 'plain',
          Tags: [
            { Key: 'env', Value: 'a' },
            { Key: 'ENV', Value: 'b' }
          ]
        })
      )
    )
    expect(failure).toMatchObject({ code: 'InvalidInput', status: 400, message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' })
  })

  it('refuses more than 50 tags on a user with LimitExceeded, and more than 50 in one request with ValidationError', async () => {
    await suite.iam.send(new TagUserCommand({ UserName: 'plain', Tags: tags(50) }))
    expect(await sdkFailure(suite.iam.send(new TagUserCommand({ UserName: 'plain', Tags: [{ Key: 'one-more', Value: '' }] })))).toMatchObject({
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for TagsPerUser: 50'
    })
    // Overwriting a key it has is no new tag.
    await suite.iam.send(new TagUserCommand({ UserName: 'plain', Tags: [{ Key: 'K0', Value: 'again' }] }))
    const failure = await sdkFailure(suite.iam.send(new CreateUserCommand({ UserName: 'crowded', Tags: tags(51) })))
    expect(failure).toMatchObject({ code: 'ValidationError', status: 400 })
    expect(failure.message).toMatch(/at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/)
    expect((await sdkFailure(suite.iam.send(new GetUserCommand({ UserName: 'crowded' })))).code).toBe('NoSuchEntity')
  })

  it("checks keys and values against IAM's tag shapes", async () => {
    const failure = await sdkFailure(suite.iam.send(new TagUserCommand({ UserName: 'plain', Tags: [{ Key: 'bad*key', Value: 'x'.repeat(257) }] })))
    expect(failure.code).toBe('ValidationError')
    expect(failure.message).toBe(
      "2 validation errors detected: Value 'bad*key' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+; " +
        `Value '${'x'.repeat(257)}' at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`
    )
  })

  it('answers NoSuchEntity for a user that does not exist', async () => {
    for (const call of [
      suite.iam.send(new ListUserTagsCommand({ UserName: 'ghost' })),
      suite.iam.send(new TagUserCommand({ UserName: 'ghost', Tags: [{ Key: 'a', Value: 'b' }] })),
      suite.iam.send(new UntagUserCommand({ UserName: 'ghost', TagKeys: ['a'] }))
    ]) {
      expect(await sdkFailure(call)).toMatchObject({ code: 'NoSuchEntity', status: 404, message: 'The user with name ghost cannot be found.' })
    }
  })
})
