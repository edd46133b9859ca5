import path from 'node:path'

export interface AwsFilePaths {
  /** The shared config file: where Cairn writes its `[profile cairn-*]` sections. */
  config: string
  /** The shared credentials file: Cairn never writes it, but what it holds can shadow Cairn's profiles. */
  credentials: string
}

type Environment = Readonly<Record<string, string | undefined>>

/**
 * Where the AWS CLI and SDKs look for their files. Like the CLI (botocore's configloader), a
 * path from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE has its variables and `~` expanded.
 * An empty variable counts as unset, as the JavaScript SDK treats it (the Python CLI would read
 * no file at all, and Cairn has to write somewhere).
 */
export function resolveAwsFilePaths(env: Environment, homedir: string, cwd: string = process.cwd()): AwsFilePaths {
  const pick = (variable: string, fallback: string): string => {
    const value = env[variable]
    if (value === undefined || value === '') return path.join(homedir, '.aws', fallback)
    return path.resolve(cwd, expandHome(expandVariables(value, env), homedir))
  }
  return { config: pick('AWS_CONFIG_FILE', 'config'), credentials: pick('AWS_SHARED_CREDENTIALS_FILE', 'credentials') }
}

/** Python's os.path.expandvars on POSIX: `$NAME` and `${NAME}`; unknown variables stay as written. */
function expandVariables(value: string, env: Environment): string {
  return value.replace(/\$(\w+|\{[^}]*\})/g, (whole, name: string) => {
    const bare = name.startsWith('{') ? name.slice(1, -1) : name
    return env[bare] ?? whole
  })
}

/** Python's os.path.expanduser for the current user: `~` alone or followed by a separator. */
function expandHome(value: string, homedir: string): string {
  if (value === '~') return homedir
  if (value.startsWith('~/') || value.startsWith('~\\')) return path.join(homedir, value.slice(2))
  return value
}
