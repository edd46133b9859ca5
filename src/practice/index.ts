/**
 * The practice account's public interface: a local IAM + STS service that the app embeds and
 * `cairn practice` runs alone. Everything outside src/practice (the app, the command line, the
 * tests of other parts, the benches) imports it from here; the lint rule `cairn/layers` refuses
 * a deeper import.
 */
export { startPracticeServer, StateFileInUseError, type PracticeServer, type PracticeServerOptions } from './server'
export { startEmbeddedPractice, type EmbeddedPractice } from './embedded'
export {
  callRootConsole,
  isPracticeService,
  RootConsoleRefused,
  RootConsoleUnreachable,
  type RootConsoleAccess,
  type RootConsoleAnswer
} from './root-console-client'
export { awsManagedPolicies } from './policy/catalog'
export { loadStateFile } from './persistence'
export type { PracticeState, TemporarySession } from './state'
// For tests and benches that drive the service from outside: codes an authenticator app would
// show, the seeded randomness of its fault knobs, and its SigV4 check.
export { totpAt } from './mfa/totp'
export { mulberry32 } from './faults'
export { NodeSha256, parseSignatureClaim, verifySignature } from './sigv4'
