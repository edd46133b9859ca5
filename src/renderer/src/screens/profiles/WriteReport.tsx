import type { ProfilesWriteResult } from '../../../../shared/contract'

const sections = (names: readonly string[]) => names.map((name) => (name === 'default' ? '[default]' : `[profile ${name}]`)).join(', ')

/** What a write to the AWS config file did, in plain words: written, unchanged, or stopped by the user's own sections. */
export function WriteReport({ result, removing = false }: { result: ProfilesWriteResult; removing?: boolean }) {
  return (
    <div className="write-report" data-testid="write-report">
      {result.conflicts.length > 0 ? (
        <div className="notice notice-problem">
          <p className="notice-title">Nothing was written: your file already has sections with Cairn’s names</p>
          <ul>
            {result.conflicts.map((conflict) => (
              <li key={`${conflict.profile}:${conflict.line}`}>
                <span className="mono">[profile {conflict.profile}]</span>, line {conflict.line}: {conflict.message}
              </li>
            ))}
          </ul>
          <p>Rename or remove those sections in {result.file}, then try again.</p>
        </div>
      ) : result.written ? (
        <div className="notice notice-ok">
          <p className="notice-title">{removing ? `Removed Cairn’s profiles from ${result.file}` : `Wrote ${result.file}`}</p>
          <p>
            {removing
              ? 'Everything else in the file is as it was, and your own [default], if you had one, is back.'
              : `Cairn’s profiles in it: ${sections(result.profiles)}. They hold no secret: each runs cairn to get credentials. Nothing else in the file changed.`}
          </p>
          {result.backup ? (
            <p>
              Your file as it was before Cairn’s first change is kept at <span className="mono">{result.backup}</span>.
            </p>
          ) : null}
        </div>
      ) : (
        <div className="notice notice-ok">
          <p className="notice-title">{result.file} was already up to date</p>
          <p>{removing ? 'It holds none of Cairn’s profiles.' : `It already has ${sections(result.profiles)}; nothing needed changing.`}</p>
        </div>
      )}
      {result.shadowed.length > 0 ? (
        <div className="notice notice-warn">
          <p className="notice-title">Your AWS credentials file gets in the way</p>
          <p>
            It also defines {sections(result.shadowed)}, and the AWS CLI uses the keys there instead of asking Cairn. Remove those sections from the credentials
            file to let Cairn’s profiles work.
          </p>
        </div>
      ) : null}
    </div>
  )
}
