import { describe, expect, it } from 'vitest'
import { consoleGuide, consoleLabelIds, type ConsoleGuide } from '../../../src/shared/channels/guide'
import { billingAccessIllustrated, rootAccessKeysIllustrated, rootMfaIllustrated } from '../../../src/main/guide/illustrated-guides'
import { consoleLabels } from '../../../src/main/guide/console-labels'
import { isAllowedExternalUrl } from '../../../src/main/security/external-links'

const guides: Array<[string, ConsoleGuide]> = [
  ['root MFA', rootMfaIllustrated],
  ['root access key: create', rootAccessKeysIllustrated.create],
  ['root access key: delete', rootAccessKeysIllustrated.delete],
  ['billing access', billingAccessIllustrated]
]

// Targets whose label is a description, not words printed on the console page.
const described = new Set(['account-name', 'type-key-id'])

describe.each(guides)('the %s guide', (_name, guide) => {
  it('fits the contract, so the drawings get every label they place', () => {
    expect(consoleGuide.parse(guide)).toEqual(guide)
    expect(Object.keys(guide.labels).sort()).toEqual([...consoleLabelIds].sort())
  })

  it('opens an AWS console page the app is allowed to hand to the browser', () => {
    expect(isAllowedExternalUrl(guide.consoleUrl)).toBe(true)
  })

  it('quotes, in each instruction, the very label its callout points at', () => {
    for (const step of guide.panels.flatMap((p) => p.steps)) {
      if (step.target === null || described.has(step.target)) continue
      expect(step.instruction).toContain(`"${consoleLabels[step.target].text}"`)
    }
  })

  it('puts at most one callout on each element of a drawing', () => {
    for (const panel of guide.panels) {
      const targets = panel.steps.flatMap((s) => (s.target ? [s.target] : []))
      expect(new Set(targets).size).toBe(targets.length)
    }
  })
})

describe('the root MFA guide', () => {
  it("walks today's console path, account name > Security credentials > Multi-factor authentication (MFA) > Assign MFA device, in the labels' words", () => {
    const instructions = rootMfaIllustrated.panels.flatMap((p) => p.steps.map((s) => s.instruction)).join('\n')
    const path = ['security-credentials', 'mfa-section', 'assign-mfa-device'] as const
    expect(path.map((id) => consoleLabels[id].text)).toEqual(['Security credentials', 'Multi-factor authentication (MFA)', 'Assign MFA device'])
    const positions = path.map((id) => instructions.indexOf(`"${consoleLabels[id].text}"`))
    expect(positions.every((at) => at >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(instructions).toMatch(/account name at the top right/)
    expect(rootMfaIllustrated.labels['assign-mfa-device']).toBe(consoleLabels['assign-mfa-device'])
    expect(rootMfaIllustrated.beforeYouStart.join(' ')).toMatch(/email address and phone number/)
    expect(rootMfaIllustrated.beforeYouStart.join(' ')).toMatch(/up to 8/)
  })

  it('marks the labels only community walkthroughs report as unconfirmed', () => {
    expect(rootMfaIllustrated.labels['show-qr-code'].confirmed).toBe(false)
    expect(rootMfaIllustrated.labels['assign-mfa-device'].confirmed).toBe(true)
    expect(billingAccessIllustrated.labels['activate-iam-access'].confirmed).toBe(false)
  })
})
