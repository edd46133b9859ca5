import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAwsFilePaths } from '../../../src/main/profiles/aws-files'

const home = path.resolve('/home/ada')

describe('resolveAwsFilePaths', () => {
  it('uses ~/.aws/config and ~/.aws/credentials when nothing says otherwise', () => {
    expect(resolveAwsFilePaths({}, home)).toEqual({
      config: path.join(home, '.aws', 'config'),
      credentials: path.join(home, '.aws', 'credentials')
    })
  })

  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    const env = { AWS_CONFIG_FILE: '/etc/aws/config', AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/credentials' }
    expect(resolveAwsFilePaths(env, home)).toEqual({ config: path.resolve('/etc/aws/config'), credentials: path.resolve('/etc/aws/credentials') })
  })

  it('expands a leading ~ the way the CLI does', () => {
    expect(resolveAwsFilePaths({ AWS_CONFIG_FILE: '~/work/aws-config' }, home).config).toBe(path.join(home, 'work', 'aws-config'))
    expect(resolveAwsFilePaths({ AWS_CONFIG_FILE: '~' }, home).config).toBe(home)
  })

  it('leaves ~user and a ~ in the middle alone, as the CLI does for the current user only', () => {
    expect(resolveAwsFilePaths({ AWS_CONFIG_FILE: '/data/~/config' }, home).config).toBe(path.resolve('/data/~/config'))
    expect(resolveAwsFilePaths({ AWS_CONFIG_FILE: '~bob/config' }, home, '/cwd').config).toBe(path.resolve('/cwd', '~bob/config'))
  })

  it('expands $VAR and ${VAR} like the CLI, keeping unknown ones as written', () => {
    const env = { AWS_CONFIG_FILE: '$XDG/aws/${NAME}', XDG: '/cfg', NAME: 'config', AWS_SHARED_CREDENTIALS_FILE: '$NOPE/credentials' }
    const paths = resolveAwsFilePaths(env, home, '/cwd')
    expect(paths.config).toBe(path.resolve('/cfg/aws/config'))
    expect(paths.credentials).toBe(path.resolve('/cwd', '$NOPE/credentials'))
  })

  it('treats an empty variable as unset, like the JavaScript SDK', () => {
    expect(resolveAwsFilePaths({ AWS_CONFIG_FILE: '' }, home).config).toBe(path.join(home, '.aws', 'config'))
  })

  it('resolves a relative path against the working directory', () => {
    expect(resolveAwsFilePaths({ AWS_CONFIG_FILE: 'aws/config' }, home, '/project').config).toBe(path.resolve('/project/aws/config'))
  })
})
