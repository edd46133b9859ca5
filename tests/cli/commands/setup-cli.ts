import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { main } from '../../../src/cli/main'
import { startPracticeServer, type PracticeServer, type PracticeServerOptions } from '../../../src/practice'
import { keytarSecretStore, loadSearchableKeytar, type SecretStore } from '../../../src/main/vault/secret-store'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export interface SetupCli {
  server: PracticeServer
  env: Record<string, string>
  vault: SecretStore
  dataDir: string
  run(args: string[], env?: Record<string, string | undefined>): Promise<CliRun>
  close(): Promise<void>
}

/**
 * A practice account and the environment `cairn` reads: the root bootstrap key, the
 * endpoint, a data dir and a keychain service of this test's own.
 */
export async function setupCli(options: PracticeServerOptions = {}): Promise<SetupCli> {
  const server = await startPracticeServer(options)
  const dataDir = mkdtempSync(join(tmpdir(), 'cairn-cli-setup-'))
  const service = `Cairn test ${randomUUID()}`
  const keytar = await loadSearchableKeytar()
  const env = {
    AWS_ACCESS_KEY_ID: server.rootCredentials!.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.rootCredentials!.secretAccessKey,
    AWS_ENDPOINT_URL: server.endpoint,
    CAIRN_DATA_DIR: dataDir,
    CAIRN_VAULT_SERVICE: service
  }
  return {
    server,
    env,
    vault: keytarSecretStore(keytar, { service }),
    dataDir,
    run: async (args, extra = {}) => {
      const out = { stdout: '', stderr: '' }
      const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) }, env: { ...env, ...extra } }
      const code = await main(args, io)
      return { code, ...out }
    },
    close: async () => {
      for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account)
      rmSync(dataDir, { recursive: true, force: true })
      await server.close()
    }
  }
}
