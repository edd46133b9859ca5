import type { JourneyStep } from '../../../shared/contract'

export interface StepInfo {
  id: JourneyStep
  /** Short, for the stepper. */
  label: string
  /** Needs the bootstrap connection (kept in memory only, so a restart asks for it again). */
  needsConnection: boolean
}

export const steps: readonly StepInfo[] = [
  { id: 'welcome', label: 'Welcome', needsConnection: false },
  { id: 'root', label: 'Secure the root user', needsConnection: false },
  { id: 'connect', label: 'Connect', needsConnection: false },
  { id: 'status', label: 'Security status', needsConnection: true },
  { id: 'plan', label: 'Plan', needsConnection: true },
  { id: 'apply', label: 'Apply', needsConnection: true },
  { id: 'mfa', label: 'MFA for each user', needsConnection: true },
  { id: 'billing', label: 'Billing access', needsConnection: false },
  { id: 'profiles', label: 'Profiles', needsConnection: false }
]

export const stepIndex = (id: JourneyStep): number => steps.findIndex((step) => step.id === id)

export const stepInfo = (id: JourneyStep): StepInfo => steps[stepIndex(id)] as StepInfo

export const nextStep = (id: JourneyStep): JourneyStep | null => steps[stepIndex(id) + 1]?.id ?? null

export const previousStep = (id: JourneyStep): JourneyStep | null => steps[stepIndex(id) - 1]?.id ?? null
