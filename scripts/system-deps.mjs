// Makes sure the Debian/Ubuntu packages the tests need are installed: installs them when
// running as root with apt-get, otherwise prints the exact command and stops.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export const debianPackages = ['libsecret-1-dev', 'gnome-keyring', 'dbus', 'chromium', 'awscli']

function installed(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' })
  return result.status === 0 && result.stdout.includes('install ok installed')
}

export function ensureSystemPackages() {
  if (process.platform !== 'linux') return
  if (!existsSync('/usr/bin/dpkg-query')) {
    console.error(`Cairn's tests need these system packages (Debian names): ${debianPackages.join(' ')}. Install their equivalents, then run npm test again.`)
    process.exit(1)
  }
  const missing = debianPackages.filter((pkg) => !installed(pkg))
  if (missing.length === 0) return
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `Cairn's tests need system packages that are missing. Install them, then run npm test again:\n\n  sudo apt-get install -y ${missing.join(' ')}\n`
    )
    process.exit(1)
  }
  console.log(`Installing missing system packages: ${missing.join(' ')}`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env })
}
