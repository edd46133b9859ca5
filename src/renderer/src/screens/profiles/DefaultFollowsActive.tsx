import { useId } from 'react'
import type { ProfilesOverview } from '../../../../shared/contract'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useAction } from '../../ui/use-action'
import { WriteReport } from './WriteReport'

/** The profile that always acts as the active role; [default] follows the active role when it names this one. */
const ACTIVE_PROFILE = 'cairn'

/** Opt-in: plain `aws` commands (no --profile, no AWS_PROFILE) act as the active role. */
export function DefaultFollowsActive({ overview, onChanged }: { overview: ProfilesOverview; onChanged(): void }) {
  const [saving, save] = useAction((follow: boolean) => window.cairn.profiles.setDefault({ role: follow ? 'active' : null }))
  const hintId = useId()
  const follows = overview.defaultProfile === ACTIVE_PROFILE
  return (
    <section aria-labelledby="default-profile" className="profiles-section">
      <h2 id="default-profile">Plain aws commands</h2>
      <label className="default-choice">
        <input
          type="checkbox"
          checked={follows}
          aria-disabled={saving.status === 'running' || undefined}
          aria-describedby={hintId}
          onChange={async () => {
            if (await save(!follows)) onChanged()
          }}
        />
        <span>Make [default] follow the active role</span>
      </label>
      <div id={hintId} className="field-hint default-hint">
        <p>
          Then an <code>aws</code> command with neither <code>--profile</code> nor <code>AWS_PROFILE</code> acts as the active role
          {overview.activeRole ? ` (now ${overview.activeRole})` : ''}, and so do tools that only read [default].
        </p>
        <p>
          Cairn keeps your own [default] section, if you have one, inside its own as comment lines and puts it back when you turn this off. The file is backed
          up before Cairn’s first change.
        </p>
        {overview.defaultProfile !== null && !follows ? (
          <p>
            [default] acts as <span className="mono">{overview.defaultProfile}</span> now (chosen with the cairn command); turning this on makes it follow the
            active role instead.
          </p>
        ) : null}
      </div>
      <div role="status">{saving.status === 'done' ? <WriteReport result={saving.value} /> : null}</div>
      {saving.status === 'failed' ? <ErrorNotice error={saving.error} /> : null}
    </section>
  )
}
