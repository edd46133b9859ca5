import { execFile, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A gnome-keyring of this test file's own, on a D-Bus session of its own, so locking it touches
 * no other test. It can be locked (Secret Service `Lock`, over D-Bus) and unlocked again
 * (gnome-keyring's control socket, as `gnome-keyring-daemon --unlock` does at login), which is
 * what a screen lock or a user's "Lock keyring" does to a running Cairn.
 */
export interface PrivateKeyring {
  /** DBUS_SESSION_BUS_ADDRESS, XDG_RUNTIME_DIR, XDG_DATA_HOME for this keyring. */
  env: Record<string, string>
  lock(): Promise<void>
  /**
   * Locks before returning, blocking this process meanwhile: from inside an apply's progress
   * callback, the very next keychain call finds the keyring locked.
   */
  lockNow(): void
  /** Resolves with gnome-keyring's answer: true when the password unlocked the login keyring. */
  unlock(password?: string): Promise<boolean>
  locked(): Promise<boolean>
  close(): void
}

const PASSWORD = 'cairn-fault-test'

const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const folder = mkdtempSync(join(tmpdir(), 'cairn-fault-keyring-'))
  const runtime = join(folder, 'run')
  execFileSync('mkdir', ['-m', '700', runtime])
  const base = { ...process.env, XDG_RUNTIME_DIR: runtime, XDG_DATA_HOME: join(folder, 'data') }
  // `exec sleep`: the pid printed is the sleep's; ending it ends the session, its bus and its keyring.
  const script = `printf '${PASSWORD}' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; echo "$$ $DBUS_SESSION_BUS_ADDRESS"; exec sleep 3600`
  // A session bus that activates nothing: a locked keyring's unlock prompt (gcr-prompter) fails at
  // once, as when the user dismisses it, instead of starting a GTK program that finds no display.
  const config = join(folder, 'session.conf')
  writeFileSync(config, BUS_CONFIG)
  const child = spawn('dbus-run-session', [`--config-file=${config}`, '--', 'sh', '-c', script], { env: base, stdio: ['ignore', 'pipe', 'ignore'] })
  const line = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) resolve(out.split('\n')[0]!)
    })
    child.once('exit', (code) => reject(new Error(`dbus-run-session exited (${code}) before the keyring started`)))
  })
  const [pid, address] = line.split(' ') as [string, string]
  const env = { DBUS_SESSION_BUS_ADDRESS: address, XDG_RUNTIME_DIR: runtime, XDG_DATA_HOME: base.XDG_DATA_HOME }
  // Asynchronous, so this process's own keychain calls go on answering while gdbus waits.
  const gdbus = (...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        'gdbus',
        ['call', '--session', '--dest', 'org.freedesktop.secrets', ...args],
        { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 },
        (error, stdout) => (error ? reject(error) : resolve(stdout))
      )
    )
  return {
    env,
    lock: async () =>
      void (await gdbus(
        '--object-path',
        '/org/freedesktop/secrets',
        '--method',
        'org.freedesktop.Secret.Service.Lock',
        "['/org/freedesktop/secrets/collection/login']"
      )),
    lockNow: () =>
      void execFileSync(
        'gdbus',
        [
          'call',
          '--session',
          '--dest',
          'org.freedesktop.secrets',
          '--object-path',
          '/org/freedesktop/secrets',
          '--method',
          'org.freedesktop.Secret.Service.Lock',
          "['/org/freedesktop/secrets/collection/login']"
        ],
        {
          env: { ...process.env, ...env },
          timeout: 30_000
        }
      ),
    locked: async () =>
      (
        await gdbus(
          '--object-path',
          '/org/freedesktop/secrets/collection/login',
          '--method',
          'org.freedesktop.DBus.Properties.Get',
          'org.freedesktop.Secret.Collection',
          'Locked'
        )
      ).includes('true'),
    unlock: (password = PASSWORD) => controlUnlock(join(runtime, 'keyring', 'control'), password),
    close: () => {
      try {
        process.kill(Number(pid))
      } catch {
        // Already gone.
      }
      rmSync(folder, { recursive: true, force: true })
    }
  }
}

/** gnome-keyring's control protocol: a credentials byte, then [length, op UNLOCK=1, string]; the answer is [8, result]. */
function controlUnlock(socket: string, password: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const connection = createConnection(socket)
    const answer: Buffer[] = []
    connection.on('connect', () => {
      const secret = Buffer.from(password, 'utf8')
      const packet = Buffer.alloc(12 + secret.length)
      packet.writeUInt32BE(packet.length, 0)
      packet.writeUInt32BE(1, 4)
      packet.writeUInt32BE(secret.length, 8)
      secret.copy(packet, 12)
      connection.write(Buffer.concat([Buffer.from([0]), packet]))
    })
    connection.on('data', (chunk) => answer.push(chunk))
    connection.on('error', reject)
    connection.on('end', () => {
      const bytes = Buffer.concat(answer)
      resolve(bytes.length === 8 && bytes.readUInt32BE(4) === 0)
    })
  })
}
