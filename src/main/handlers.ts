import { readAppInfo, type AppInfoSource } from './app-info/app-info'
import type { Handlers } from './ipc/dispatcher'
import type { PracticeStatus } from '../shared/contract'
import { setupHandlers } from './setup/ipc-handlers'
import type { SetupService } from './setup/setup-service'
import { policiesHandlers } from './policies/ipc-handlers'
import type { PoliciesService } from './policies/policies-service'
import type { MfaService } from './mfa/mfa-service'
import { profilesHandlers } from './profiles/ipc-handlers'
import type { ProfilesService } from './profiles/profiles-service'
import type { JourneyStore } from './journey/journey-store'
import { isAllowedExternalUrl } from './security/external-links'
import { CairnError } from '../shared/errors'
import type { GuideService } from './guide/guide-service'

/** Everything the handlers need from the outside world, built once by the shell (or a test). */
export interface Services {
  appInfo: AppInfoSource
  practice: { status(): PracticeStatus }
  mfa: MfaService
  /** Connect, security status, plan and apply. */
  setup: SetupService
  /** The AWS managed policies the Plan screen offers, read once per connection. */
  policies: PoliciesService
  /** Roles every day: the active CLI role, sessions, console sign-in, the AWS config file. */
  profiles: ProfilesService
  /** Which step the user is on, kept across restarts (no secrets). */
  journey: JourneyStore
  /** Illustrated console-only steps, and billing access where it can be read. */
  guide: GuideService
  /** Hands a URL to the OS browser; the Electron shell provides it, tests record the calls. */
  openExternal(url: string): Promise<void>
}

/** One handler per contract channel; the type makes a missing channel a compile error. */
export function createHandlers(services: Services): Handlers {
  return {
    'app.info': () => readAppInfo(services.appInfo),
    'app.openExternal': async ({ url }) => {
      if (!isAllowedExternalUrl(url)) throw new CairnError('INVALID_REQUEST', 'Cairn only opens AWS pages over https in your browser. Copy the address and open it yourself if you trust it.')
      await services.openExternal(url)
      return { opened: true as const }
    },
    'journey.get': () => services.journey.get(),
    'journey.update': (request) => services.journey.update(request),
    'journey.reset': () => services.journey.reset(),
    'practice.status': () => services.practice.status(),
    'mfa.rootCheck': (request) => services.mfa.rootCheck(request),
    'mfa.practiceRootEnroll': () => services.mfa.practiceRootEnroll(),
    'mfa.practiceRootConfirm': (request) => services.mfa.practiceRootConfirm(request),
    'mfa.enroll': (request) => services.mfa.enroll(request),
    'mfa.showSecret': (request) => services.mfa.showSecret(request),
    'mfa.confirm': (request) => services.mfa.confirm(request),
    'mfa.resync': (request) => services.mfa.resync(request),
    'mfa.abandon': (request) => services.mfa.abandon(request),
    'mfa.devices': (request) => services.mfa.devices(request),
    'mfa.remove': (request) => services.mfa.remove(request),
    ...setupHandlers(services.setup),
    ...policiesHandlers(services.policies),
    ...profilesHandlers(services.profiles),
    'guide.rootMfa': () => services.guide.rootMfa(),
    'guide.rootAccessKeys': () => services.guide.rootAccessKeys(),
    'guide.billingAccess': () => services.guide.billingAccess(),
    'billing.check': (request) => services.guide.checkBilling(request),
    'practice.activateBillingAccess': () => services.guide.activatePracticeBilling()
  }
}
