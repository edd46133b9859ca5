import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { JourneyStep } from '../../../shared/contract'
import { Welcome } from '../screens/Welcome'

/**
 * One screen per step. Welcome ships in the first bundle; the rest load when first opened,
 * which keeps the initial JavaScript small (the bench reports it).
 */
export const screens: Record<JourneyStep, ComponentType | LazyExoticComponent<ComponentType>> = {
  welcome: Welcome,
  root: lazy(() => import('../screens/root/SecureRoot')),
  connect: lazy(() => import('../screens/connect/Connect')),
  status: lazy(() => import('../screens/status/SecurityStatus')),
  plan: lazy(() => import('../screens/plan/Plan')),
  apply: lazy(() => import('../screens/apply/Apply')),
  mfa: lazy(() => import('../screens/mfa/UserMfa')),
  billing: lazy(() => import('../screens/billing/BillingAccess')),
  profiles: lazy(() => import('../screens/profiles/Profiles'))
}
