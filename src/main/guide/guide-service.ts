import type { BillingAccessState, ConsoleGuide } from '../../shared/channels/guide'
import type { PracticeAccess } from '../connect/practice-bootstrap'
import type { ChannelService } from '../ipc/service-channels'
import { activatePracticeBillingAccess, checkBillingAccess } from './billing-access'
import { billingAccessIllustrated, rootAccessKeysIllustrated, rootMfaIllustrated } from './illustrated-guides'

/** The console-only steps: their illustrated guidance, and billing access where it can be read. */
export interface GuideService extends ChannelService<'guide'> {
  rootMfa(): ConsoleGuide
  rootAccessKeys(): { create: ConsoleGuide; delete: ConsoleGuide }
  billingAccess(): ConsoleGuide
  checkBilling(request: { account: 'practice' | 'real' }): Promise<BillingAccessState>
  activatePracticeBilling(): Promise<BillingAccessState>
}

export function createGuideService(options: { practice: () => PracticeAccess | null }): GuideService {
  return {
    rootMfa: () => rootMfaIllustrated,
    rootAccessKeys: () => rootAccessKeysIllustrated,
    billingAccess: () => billingAccessIllustrated,
    checkBilling: ({ account }) => checkBillingAccess(account, options.practice()),
    activatePracticeBilling: () => activatePracticeBillingAccess(options.practice())
  }
}
