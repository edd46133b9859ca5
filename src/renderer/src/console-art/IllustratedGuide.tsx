import type { ReactNode } from 'react'
import type { ConsoleGuide, ConsoleLabelId } from '../../../shared/contract'
import { ConsoleDrawing } from './ConsoleDrawing'

/**
 * A console-only task as drawings of each page with numbered callouts, each beside the
 * numbered steps for that page. The list is the accessible text; numbers run on across pages.
 */
export function IllustratedGuide({ guide, headingLevel = 3 }: { guide: ConsoleGuide; headingLevel?: 3 | 4 }) {
  const panels = numberedPanels(guide)
  return (
    <div className="illustrated-guide">
      {panels.map((panel) => (
        <Panel key={`${panel.page}-${panel.first}`} panel={panel} guide={guide} headingLevel={headingLevel} />
      ))}
      <GuideChecked guide={guide} />
    </div>
  )
}

export function GuideChecked({ guide }: { guide: ConsoleGuide }) {
  return (
    <p className="guide-checked muted">
      Labels as in the AWS console ({guide.checked}). A dashed outline marks a label that may differ slightly on your screen.
    </p>
  )
}

export type PanelView = ConsoleGuide['panels'][number] & { first: number; callouts: Partial<Record<ConsoleLabelId, number>> }

/** The guide's panels with their step numbers, which run on across panels, and the callouts they draw. */
export function numberedPanels(guide: ConsoleGuide): PanelView[] {
  return guide.panels.map((panel, index) => {
    // Numbers run on across panels: this one starts after every step drawn before it.
    const first = 1 + guide.panels.slice(0, index).reduce((sum, before) => sum + before.steps.length, 0)
    const callouts: Partial<Record<ConsoleLabelId, number>> = {}
    panel.steps.forEach((step, i) => {
      if (step.target) callouts[step.target] = first + i
    })
    return { ...panel, first, callouts }
  })
}

export function Panel({ panel, guide, headingLevel, children }: { panel: PanelView; guide: ConsoleGuide; headingLevel: 3 | 4; children?: ReactNode }) {
  const last = panel.first + panel.steps.length - 1
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  const summary = `${panel.caption} Numbered marks ${panel.first === last ? panel.first : `${panel.first} to ${last}`} point at what to choose; the steps are listed next to it.`
  return (
    <div className="guide-panel">
      <ConsoleDrawing page={panel.page} summary={summary} labels={guide.labels} callouts={panel.callouts} />
      <div>
        <Heading className="visually-hidden">{panel.first === last ? `Step ${panel.first}` : `Steps ${panel.first} to ${last}`}</Heading>
        <ol start={panel.first} className="guide-steps">
          {panel.steps.map((step, i) => (
            <li key={step.instruction} value={panel.first + i}>
              {step.instruction}
              {step.target && !guide.labels[step.target].confirmed ? <span className="label-may-differ"> (label may differ slightly)</span> : null}
            </li>
          ))}
        </ol>
        {children}
      </div>
    </div>
  )
}
