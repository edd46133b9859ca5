import { spawn, spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from './practice-clients'

const probe = spawnSync('python3', ['-c', 'import boto3'], { encoding: 'utf8' })
const boto3Missing = probe.error ? `python3 is not runnable (${probe.error.message})` : probe.status !== 0 ? 'python3 has no boto3 module' : null
if (boto3Missing) console.log(`Skipping the boto3 test: ${boto3Missing}`)

// Drives the practice endpoint with boto3 and prints one JSON object with what it saw.
const SCRIPT = `
import base64, json, sys
import boto3
from botocore.exceptions import ClientError
endpoint, key, secret = sys.argv[1:4]
kw = dict(endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=key, aws_secret_access_key=secret)
iam = boto3.client('iam', **kw)
sts = boto3.client('sts', **kw)
out = {'caller': sts.get_caller_identity()['Arn']}
iam.create_group(GroupName='Finance')
iam.attach_group_policy(GroupName='Finance', PolicyArn='arn:aws:iam::aws:policy/job-function/Billing')
iam.create_user(UserName='billing')
iam.add_user_to_group(UserName='billing', GroupName='Finance')
k = iam.create_access_key(UserName='billing')['AccessKey']
out['users'] = [u['UserName'] for u in iam.list_users()['Users']]
out['summary'] = iam.get_account_summary()['SummaryMap']['Users']
mfa = iam.create_virtual_mfa_device(VirtualMFADeviceName='billing')['VirtualMFADevice']
out['seed_bytes'] = len(mfa['Base32StringSeed'])
out['png'] = mfa['QRCodePNG'][1:4].decode()
try:
    iam.get_user(UserName='nobody')
except ClientError as e:
    out['missing'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
billing = boto3.client('iam', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=k['AccessKeyId'], aws_secret_access_key=k['SecretAccessKey'])
try:
    billing.create_user(UserName='x')
except ClientError as e:
    out['denied'] = [e.response['Error']['Code'], e.response['Error']['Message']]
print(json.dumps(out))
`

describe.skipIf(boto3Missing !== null)('the practice account through boto3', () => {
  let server: Awaited<ReturnType<typeof startServer>>
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(() => server.close())

  it('cannot be told from IAM and STS by boto3', async () => {
    const child = spawn('python3', ['-c', SCRIPT, server.endpoint, server.root.accessKeyId, server.root.secretAccessKey], {
      env: { PATH: process.env.PATH, HOME: '/nonexistent', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' }
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const code = await new Promise((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const seen = JSON.parse(stdout) as Record<string, unknown>
    expect(seen).toEqual({
      caller: `arn:aws:iam::${server.accountId}:root`,
      users: ['billing'],
      summary: 1,
      seed_bytes: 64,
      png: 'PNG',
      missing: ['NoSuchEntity', 404],
      denied: [
        'AccessDenied',
        `User: arn:aws:iam::${server.accountId}:user/billing is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${server.accountId}:user/x because no identity-based policy allows the iam:CreateUser action`
      ]
    })
  })
})
