import { describe, expect, it } from 'vitest'
import { expectAwsError, practiceAccount } from './practice-harness'

const userNames = (result: { Users: Array<{ UserName: string }> }) => result.Users.map((u) => u.UserName)

describe('Marker pagination', () => {
  it('resumes after the last page even when users were deleted in between', async () => {
    const account = practiceAccount()
    for (const name of ['a', 'b', 'c', 'd']) await account.call('CreateUser', { UserName: name })
    const first = await account.call('ListUsers', { MaxItems: '2' })
    await account.call('DeleteUser', { UserName: 'c' })
    const second = await account.call('ListUsers', { MaxItems: '2', Marker: first.Marker })
    expect(userNames(second)).toEqual(['d'])
    expect(second.IsTruncated).toBe(false)
  })

  it('keeps markers within the 320 characters IAM allows', async () => {
    const account = practiceAccount()
    for (const name of ['x'.repeat(64), 'y'.repeat(64)]) await account.call('CreateUser', { UserName: name })
    const page = await account.call('ListUsers', { MaxItems: '1' })
    expect(page.Marker.length).toBeLessThanOrEqual(320)
  })

  it('refuses a marker it did not issue', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('ListUsers', { Marker: 'not-a-marker' }), 'InvalidInput', 400)
  })

  it('refuses MaxItems below 1', async () => {
    const account = practiceAccount()
    expectAwsError(await account.fail('ListUsers', { MaxItems: '0' }), 'ValidationError', 400, /greater than or equal to 1/)
  })
})
