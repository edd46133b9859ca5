import { useId, useState } from 'react'
import type { ConsoleGuide } from '../../../shared/contract'
import { GuideChecked, IllustratedGuide, numberedPanels, Panel } from './IllustratedGuide'

/**
 * An illustrated guide shown one drawn console page at a time, so the page the user is on and
 * the button that moves on both fit in the window. "I did this" moves to the next page; the
 * last one says the guide is done. Every page stays one click away with "Show all pages".
 */
export function PagedGuide({ guide, headingLevel = 3 }: { guide: ConsoleGuide; headingLevel?: 3 | 4 }) {
  const panels = numberedPanels(guide)
  const [index, setIndex] = useState(0)
  const [finished, setFinished] = useState(false)
  const [all, setAll] = useState(false)
  const statusId = useId()
  const count = panels.length

  if (all || count < 2) {
    return (
      <>
        {count < 2 ? null : (
          <button type="button" className="link guide-pager-toggle" onClick={() => setAll(false)}>
            One page at a time
          </button>
        )}
        <IllustratedGuide guide={guide} headingLevel={headingLevel} />
      </>
    )
  }

  const panel = panels[Math.min(index, count - 1)]!
  const last = index >= count - 1
  return (
    <div className="illustrated-guide paged-guide" data-testid="paged-guide">
      <Panel panel={panel} guide={guide} headingLevel={headingLevel}>
        <div className="guide-pager">
          <div className="guide-pager-buttons">
            <button
              type="button"
              onClick={() => {
                if (last) setFinished(true)
                else setIndex(index + 1)
              }}
            >
              I did this
            </button>
            {index > 0 ? (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setFinished(false)
                  setIndex(index - 1)
                }}
              >
                Previous page
              </button>
            ) : null}
            {last ? null : (
              <button type="button" className="link" onClick={() => setIndex(index + 1)}>
                Next page
              </button>
            )}
          </div>
          <div className="guide-pager-foot">
            <p className="guide-pager-status muted" id={statusId} role="status">
              {finished ? `All ${count} pages done.` : `Page ${index + 1} of ${count}`}
            </p>
            <button type="button" className="link guide-pager-toggle" onClick={() => setAll(true)}>
              Show all {count} pages
            </button>
          </div>
        </div>
      </Panel>
      <GuideChecked guide={guide} />
    </div>
  )
}
