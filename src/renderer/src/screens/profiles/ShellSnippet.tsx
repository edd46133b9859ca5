import { useState } from 'react'

type Copy = 'idle' | 'copied' | 'failed'

/** The one line a shell needs to follow the active role, with a Copy button. */
export function ShellSnippet({ snippet }: { snippet: string }) {
  const [copy, setCopy] = useState<Copy>('idle')
  return (
    <div className="shell-snippet">
      <code className="mono" data-testid="shell-snippet">
        {snippet}
      </code>
      <button
        type="button"
        onClick={() => {
          navigator.clipboard.writeText(snippet).then(
            () => setCopy('copied'),
            () => setCopy('failed')
          )
        }}
      >
        Copy<span className="visually-hidden"> the command</span>
      </button>
      <span role="status" className={copy === 'failed' ? 'problem' : 'ok'}>
        {copy === 'copied' ? 'Copied' : copy === 'failed' ? 'Copying did not work: select the line and copy it yourself.' : ''}
      </span>
    </div>
  )
}
