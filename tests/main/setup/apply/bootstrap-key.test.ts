import { CreateAccessKeyCommand } from '@aws-sdk/client-iam'
import { afterEach, describe, expect, it } from 'vitest'
import { applySetup } from '../../../../src/main/setup/apply/apply-setup'
import { deleteBootstrapRootKey } from '../../../../src/main/setup/apply/bootstrap-key'
import { defaultRoles } from '../../../../src/main/setup/roles'
import { fastRetry, practiceSetup, type PracticeSetup } from './practice-setup'

let setup: PracticeSetup | undefined
afterEach(async () => {
  await setup?.close()
  setup = undefined
})

const options = (s: PracticeSetup) => ({
  accountId: s.connection.info.accountId,
  clients: s.connection.clients('apply'),
  accessKeyId: s.connection.accessKeyId,
  isRoot: s.connection.info.isRoot,
  endpoint: s.server.endpoint,
  vault: s.vault,
  retry: { ...fastRetry, consistencyBudgetMs: 2000 }
})

describe('deleting the bootstrap root key at the end', () => {
  it('deletes it and confirms through ops’s new key that the account summary shows no root key', async () => {
    setup = await practiceSetup()
    await applySetup(setup.options(defaultRoles({ includeAdmin: false })))
    const result = await deleteBootstrapRootKey(options(setup))
    expect(result).toMatchObject({
      deletedAccessKeyId: setup.connection.accessKeyId,
      verifiedBy: 'account-summary',
      accountAccessKeysPresent: 0,
      otherRootKeys: []
    })
    expect(setup.server.state.root.accessKeys).toEqual([])
  })

  it('without a key that may read the summary, confirms by AWS refusing the deleted key', async () => {
    setup = await practiceSetup()
    const result = await deleteBootstrapRootKey(options(setup))
    expect(result).toMatchObject({ verifiedBy: 'key-refused', accountAccessKeysPresent: 0 })
    expect(result.message).toMatch(/AWS now refuses it, and root had no other key/)
  })

  it('says so when root has another key, which it leaves alone', async () => {
    setup = await practiceSetup()
    const other = await setup.connection.clients('read').iam.send(new CreateAccessKeyCommand({}))
    const result = await deleteBootstrapRootKey(options(setup))
    expect(result.otherRootKeys).toEqual([other.AccessKey?.AccessKeyId])
    expect(result.accountAccessKeysPresent).toBe(1)
    expect(result.message).toMatch(/root still has/)
    expect(setup.server.state.root.accessKeys.map((k) => k.accessKeyId)).toEqual([other.AccessKey?.AccessKeyId])
  })

  it('refuses when connected as an IAM user', async () => {
    setup = await practiceSetup()
    await expect(deleteBootstrapRootKey({ ...options(setup), isRoot: false })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(setup.server.state.root.accessKeys).toHaveLength(1)
  })
})
