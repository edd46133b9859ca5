import { describe, expect, it } from 'vitest'
import { nextStep, previousStep, stepIndex, stepInfo, steps } from '../../../src/renderer/src/journey/steps'

describe('the journey’s steps', () => {
  it('runs from Welcome to Profiles in the documented order', () => {
    expect(steps.map((step) => step.id)).toEqual(['welcome', 'root', 'connect', 'status', 'plan', 'apply', 'mfa', 'billing', 'profiles'])
  })

  it('needs the bootstrap connection only from Security status to MFA', () => {
    expect(steps.filter((step) => step.needsConnection).map((step) => step.id)).toEqual(['status', 'plan', 'apply', 'mfa'])
  })

  it('finds a step’s place, label and neighbours', () => {
    expect(stepIndex('apply')).toBe(5)
    expect(stepInfo('mfa').label).toBe('MFA for each user')
    expect(nextStep('apply')).toBe('mfa')
    expect(previousStep('apply')).toBe('plan')
  })

  it('has nothing before the first step or after the last', () => {
    expect(previousStep('welcome')).toBeNull()
    expect(nextStep('profiles')).toBeNull()
  })
})
