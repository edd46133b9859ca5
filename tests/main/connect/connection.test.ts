import { describe, expect, it } from 'vitest'
import { ReadRetryStrategy } from '../../../src/main/aws/read-retry-strategy'
import { Connection, ConnectionHolder } from '../../../src/main/connect/connection'

const info = { accountId: '111122223333', arn: 'arn:aws:iam::111122223333:root', isRoot: true, practice: false }
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'

describe('ConnectionHolder', () => {
  it('says how to connect when nothing is connected', () => {
    expect(() => new ConnectionHolder().require()).toThrow(expect.objectContaining({ code: 'NOT_CONNECTED' }))
  })

  it('forgets the connection on clear', () => {
    const holder = new ConnectionHolder()
    holder.set(new Connection(info, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey }, undefined))
    expect(holder.require().info).toEqual(info)
    holder.clear()
    expect(holder.current).toBeNull()
  })
})

describe('Connection', () => {
  it('knows the account’s partition from the caller’s ARN', () => {
    const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey }
    expect(new Connection(info, credentials, undefined).partition).toBe('aws')
    expect(new Connection({ ...info, arn: 'arn:aws-cn:iam::111122223333:user/admin', isRoot: false }, credentials, undefined).partition).toBe('aws-cn')
    expect(new Connection({ ...info, arn: 'arn:aws-us-gov:iam::111122223333:root' }, credentials, undefined).partition).toBe('aws-us-gov')
  })

  it('reuses its clients and keeps apply clients to one attempt', async () => {
    const connection = new Connection(info, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey }, 'http://127.0.0.1:1')
    expect(connection.clients('read')).toBe(connection.clients('read'))
    expect(await connection.clients('apply').iam.config.maxAttempts()).toBe(1)
    expect(await connection.clients('read').iam.config.retryStrategy()).toBeInstanceOf(ReadRetryStrategy)
    expect(connection.isTemporary).toBe(false)
  })
})
