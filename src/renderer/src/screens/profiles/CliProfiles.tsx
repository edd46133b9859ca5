import type { ProfilesOverview } from '../../../../shared/contract'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useAction } from '../../ui/use-action'
import { ShellSnippet } from './ShellSnippet'
import { WriteReport } from './WriteReport'

/** How the AWS CLI and SDKs reach the roles: the shell line, the config file, and writing Cairn's profiles to it. */
export function CliProfiles({ overview, onChanged }: { overview: ProfilesOverview; onChanged(): void }) {
  const [writing, write] = useAction(() => window.cairn.profiles.writeConfig())
  return (
    <section aria-labelledby="cli-profiles" className="profiles-section">
      <h2 id="cli-profiles">The AWS CLI and SDKs</h2>
      <p>
        Run this once in a shell (or put it in your shell’s startup file) and every <code>aws</code> command there acts as the active role. Making another role
        active takes effect in every such shell at once.
      </p>
      <ShellSnippet snippet={overview.shellSnippet} />
      <p>
        AWS CLI config file:{' '}
        <span className="mono" data-testid="config-file">
          {overview.configFile}
        </span>
      </p>
      <p className="muted">
        Cairn’s profiles there hold no key: each asks Cairn for a session, which lives in your keychain. Cairn backs the file up before its first change and
        never touches your own sections.
      </p>
      <button
        type="button"
        aria-disabled={writing.status === 'running' || undefined}
        onClick={async () => {
          if (await write()) onChanged()
        }}
      >
        {writing.status === 'running' ? 'Writing…' : 'Write AWS CLI profiles'}
      </button>
      <div role="status">{writing.status === 'done' ? <WriteReport result={writing.value} /> : null}</div>
      {writing.status === 'failed' ? <ErrorNotice error={writing.error} /> : null}
    </section>
  )
}
