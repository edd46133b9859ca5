import { useRef, useState } from 'react'
import type { ProfilesOverview } from '../../../../shared/contract'
import { ErrorNotice } from '../../ui/ErrorNotice'
import { useAction } from '../../ui/use-action'
import { WriteReport } from './WriteReport'

/** Uninstall from the AWS config file: every Cairn section goes, behind a confirmation; the roles stay in Cairn. */
export function RemoveProfiles({ overview, onChanged }: { overview: ProfilesOverview; onChanged(): void }) {
  const [confirming, setConfirming] = useState(false)
  const [removing, remove] = useAction(() => window.cairn.profiles.remove({ all: true }))
  const opener = useRef<HTMLButtonElement>(null)
  const profiles = [...overview.roles.map((role) => role.profile), 'cairn']

  const close = () => {
    setConfirming(false)
    opener.current?.focus()
  }

  return (
    <section aria-labelledby="remove-profiles" className="profiles-section">
      <h2 id="remove-profiles">Remove Cairn’s profiles</h2>
      <p className="muted">
        Takes Cairn’s sections out of <span className="mono">{overview.configFile}</span> and gives [default] back to you; nothing else in the file changes.
        Your roles stay in Cairn, so you can write the profiles again at any time.
      </p>
      <button type="button" className="secondary" ref={opener} aria-expanded={confirming} onClick={() => setConfirming((open) => !open)}>
        Remove Cairn’s profiles…
      </button>
      {confirming ? (
        <div className="notice notice-warn confirm" role="group" aria-labelledby="remove-confirm-title">
          <p className="notice-title" id="remove-confirm-title">
            Remove {profiles.map((name) => `[profile ${name}]`).join(', ')}?
          </p>
          <p>
            Afterwards <code>AWS_PROFILE=cairn</code> and the <code>--profile cairn-…</code> options stop working until the profiles are written again.
          </p>
          <div className="confirm-actions">
            <button
              type="button"
              className="primary"
              aria-disabled={removing.status === 'running' || undefined}
              onClick={async () => {
                const result = await remove()
                if (!result) return
                close()
                onChanged()
              }}
            >
              Remove them
            </button>
            {/* The safe choice takes the focus first. */}
            <button type="button" className="secondary" autoFocus onClick={close}>
              Keep them
            </button>
          </div>
        </div>
      ) : null}
      <div role="status">{removing.status === 'done' ? <WriteReport result={removing.value} removing /> : null}</div>
      {removing.status === 'failed' ? <ErrorNotice error={removing.error} /> : null}
    </section>
  )
}
