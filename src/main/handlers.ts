import type { AppService } from './app-info/app-service'
import type { AuditService } from './audit/audit-service'
import type { ConnectService } from './connect/connect-service'
import type { GuideService } from './guide/guide-service'
import type { Handlers } from './ipc/dispatcher'
import { serveChannels, type ChannelService } from './ipc/service-channels'
import type { JourneyStore } from './journey/journey-store'
import type { MfaService } from './mfa/mfa-service'
import type { PoliciesService } from './policies/policies-service'
import type { ProfilesService } from './profiles/profiles-service'
import type { SetupService } from './setup/setup-service'

/** One service per namespace of the contract, built once by the shell (or a test). */
export interface Services {
  /** What this Cairn is, and AWS pages opened in the user's browser. */
  app: AppService
  /** Which step the user is on, kept across restarts (no secrets). */
  journey: JourneyStore
  /** The embedded practice account's state. */
  practice: ChannelService<'practice'>
  mfa: MfaService
  /** The bootstrap connection, in memory only; the services below act through it. */
  connect: ConnectService
  /** The security status of the connected account. */
  audit: AuditService
  /** Plan and apply. */
  setup: SetupService
  /** The AWS managed policies the Plan screen offers, read once per connection. */
  policies: PoliciesService
  /** Roles every day: the active CLI role, sessions, console sign-in, the AWS config file. */
  profiles: ProfilesService
  /** Illustrated console-only steps, and billing access where it can be read. */
  guide: GuideService
}

/** Every contract channel, served by its namespace's service: 'setup.apply' is services.setup.apply. */
export function createHandlers(services: Services): Handlers {
  const { app, journey, practice, mfa, connect, audit, setup, policies, profiles, guide } = services
  return serveChannels({ app, journey, practice, mfa, connect, audit, setup, policies, profiles, guide })
}
