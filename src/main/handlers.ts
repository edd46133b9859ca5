import { readAppInfo, type AppInfoSource } from './app-info/app-info'
import type { Handlers } from './ipc/dispatcher'

/** Everything the handlers need from the outside world, built once by the shell (or a test). */
export interface Services {
  appInfo: AppInfoSource
}

/** One handler per contract channel; the type makes a missing channel a compile error. */
export function createHandlers(services: Services): Handlers {
  return {
    'app.info': () => readAppInfo(services.appInfo)
  }
}
