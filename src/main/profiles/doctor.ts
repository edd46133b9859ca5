import { existsSync } from 'node:fs'
import path from 'node:path'
import type { KeychainStatus } from '../../shared/contract'
import { probeKeychain } from '../vault/keychain-probe'
import { currentAccount, readRegistry, registryPath, sortRoles, type AccountRegistry } from './account-registry'
import { resolveAwsFilePaths } from './aws-files'
import { cairnProfilesIn, profilesShadowedByCredentialsFile } from './cairn-sections'
import { readConfigFile } from './config-file-writer'
import { parseIni, shellWords } from './ini-document'
import { ACTIVE_PROFILE, profileNameOf } from './profile-set'

/** `cairn doctor`: what is set up on this computer for Cairn, and what to do about what is not. */

export interface DoctorCheck {
  title: string
  status: 'ok' | 'warn' | 'fail'
  detail: string
}

export interface DoctorInput {
  platform: NodeJS.Platform
  env: Readonly<Record<string, string | undefined>>
  homedir: string
  dataDir: string
  probe?: () => Promise<KeychainStatus>
  exists?: (file: string) => boolean
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

function describeRegistry(registry: AccountRegistry, file: string): DoctorCheck {
  const account = currentAccount(registry)
  if (!account || account.roles.length === 0)
    return { title: 'Roles', status: 'warn', detail: `No roles yet (${file}). Finish setup in Cairn (Plan, then Apply).` }
  const roles = sortRoles(account.roles).map((role) => {
    // The roles layout: a role assumed from the day's sign-in has no key of its own, and needs none.
    if (role.roleArn !== undefined) return `${role.role} = ${role.roleArn} (assumed by ${role.userName} with MFA)`
    const use = role.hasAccessKey ? (role.requiresMfa ? 'CLI with MFA' : 'CLI') : 'console only'
    return `${role.role} = ${role.userName} (${use})`
  })
  const where = account.endpoint ? ` at ${account.endpoint}` : ''
  const active = registry.activeRole ? `active: ${registry.activeRole}` : 'no active role yet (`cairn switch ROLE`)'
  const signIn = account.signIn
  const noSignInKey = signIn !== undefined && account.roles.some((role) => role.roleArn !== undefined && !role.hasAccessKey)
  const person = signIn ? ` You sign in for the day as ${signIn.userName} (\`cairn signin\`).` : ''
  const detail = `Account ${account.accountId}${where}, region ${account.region}: ${roles.join(', ')}; ${active}.${person} (${file})`
  if (noSignInKey && signIn)
    return {
      title: 'Roles',
      status: 'warn',
      detail: `${detail} Cairn holds no access key for ${signIn.userName}, so signing in cannot work yet: apply the plan again in Cairn (Plan, then Apply).`
    }
  return { title: 'Roles', status: 'ok', detail }
}

/** Each Cairn profile's credential_process must still point at a Node and a cairn that exist. */
function commandProblems(configText: string, exists: (file: string) => boolean): string[] {
  const problems: string[] = []
  const cairns = cairnProfilesIn(configText)
  for (const section of parseIni(configText).sections) {
    const command = section.values.get('credential_process')
    if (!command || !cairns.includes(section.name)) continue
    const argv = shellWords(command) ?? []
    for (const file of argv.slice(0, 2).filter((arg) => path.isAbsolute(arg))) {
      if (!exists(file)) problems.push(`[profile ${section.name}] runs ${file}, which no longer exists`)
    }
  }
  return problems
}

export async function doctorChecks(input: DoctorInput): Promise<DoctorCheck[]> {
  const exists = input.exists ?? existsSync
  const checks: DoctorCheck[] = []

  const keychain = await (input.probe ?? (() => probeKeychain({ platform: input.platform })))()
  checks.push(
    keychain.available
      ? { title: 'Keychain', status: 'ok', detail: `${keychain.backend} is reachable and unlocked.` }
      : { title: 'Keychain', status: 'fail', detail: `${keychain.backend}: ${keychain.message ?? 'not available.'}` }
  )

  const file = registryPath(input.dataDir)
  let registry: AccountRegistry | null = null
  try {
    registry = await readRegistry(file)
    checks.push(describeRegistry(registry, file))
  } catch (error) {
    checks.push({ title: 'Roles', status: 'fail', detail: messageOf(error) })
  }

  const files = resolveAwsFilePaths(input.env, input.homedir)
  const account = registry ? currentAccount(registry) : null
  const expected = account && account.roles.length > 0 ? [...sortRoles(account.roles).map((role) => profileNameOf(role.role)), ACTIVE_PROFILE] : []
  try {
    const text = await readConfigFile(files.config)
    const present = text === null ? [] : cairnProfilesIn(text)
    const missing = expected.filter((name) => !present.includes(name))
    const extra = present.filter((name) => name !== 'default' && !expected.includes(name))
    const broken = text === null ? [] : commandProblems(text, exists)
    if (broken.length > 0)
      checks.push({ title: 'AWS config file', status: 'fail', detail: `${files.config}: ${broken.join('; ')}. Run \`cairn switch ROLE\` to write them again.` })
    else if (missing.length > 0 || extra.length > 0) {
      const parts = [
        ...(missing.length > 0 ? [`missing ${missing.map((name) => `[profile ${name}]`).join(', ')}`] : []),
        ...(extra.length > 0 ? [`left over ${extra.map((name) => `[profile ${name}]`).join(', ')}`] : [])
      ]
      checks.push({
        title: 'AWS config file',
        status: 'warn',
        detail: `${files.config}: ${parts.join('; ')}. \`cairn switch ROLE\` writes Cairn's sections again (and only those).`
      })
    } else if (expected.length === 0) {
      checks.push({ title: 'AWS config file', status: 'ok', detail: `${files.config}: no Cairn sections, as expected without roles.` })
    } else {
      checks.push({
        title: 'AWS config file',
        status: 'ok',
        detail: `${files.config}: Cairn's ${present.length} sections are intact${present.includes('default') ? ' ([default] follows Cairn, as you chose)' : ''}.`
      })
    }
  } catch (error) {
    checks.push({ title: 'AWS config file', status: 'fail', detail: `${files.config}: ${messageOf(error)}` })
  }

  try {
    const credentials = await readConfigFile(files.credentials)
    const shadowed = credentials === null ? [] : profilesShadowedByCredentialsFile(credentials, expected)
    checks.push(
      shadowed.length > 0
        ? {
            title: 'AWS credentials file',
            status: 'warn',
            detail: `${files.credentials} also defines ${shadowed.map((name) => `[${name}]`).join(', ')}; the AWS CLI uses those keys instead of Cairn's. Remove those sections.`
          }
        : {
            title: 'AWS credentials file',
            status: 'ok',
            detail: `${files.credentials}: ${credentials === null ? 'not there' : 'nothing in it overrides Cairn profiles'}.`
          }
    )
  } catch (error) {
    checks.push({ title: 'AWS credentials file', status: 'warn', detail: `${files.credentials}: ${messageOf(error)}` })
  }
  return checks
}
