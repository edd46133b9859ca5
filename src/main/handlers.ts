import { readAppInfo, type AppInfoSource } from './app-info/app-info'
import type { Handlers } from './ipc/dispatcher'
import type { PracticeStatus } from '../shared/contract'

/** Everything the handlers need from the outside world, built once by the shell (or a test). */
export interface Services {
  appInfo: AppInfoSource
  practice: { status(): PracticeStatus }
}

/** One handler per contract channel; the type makes a missing channel a compile error. */
export function createHandlers(services: Services): Handlers {
  return {
    'app.info': () => readAppInfo(services.appInfo),
    'practice.status': () => services.practice.status()
  }
}
