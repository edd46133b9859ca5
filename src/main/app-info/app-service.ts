import type { AppInfo } from '../../shared/contract'
import { CairnError } from '../../shared/errors'
import type { ChannelService } from '../ipc/service-channels'
import { isAllowedExternalUrl } from '../security/external-links'
import { readAppInfo, type AppInfoSource } from './app-info'

export interface AppServiceInput {
  info: AppInfoSource
  /** Hands a URL to the OS browser; the Electron shell provides it, tests record the calls. */
  openExternal(url: string): Promise<void>
}

/** The app.* channels: what this Cairn is, and AWS pages opened in the user's browser. */
export interface AppService extends ChannelService<'app'> {
  info(): Promise<AppInfo>
  openExternal(request: { url: string }): Promise<{ opened: true }>
}

export function createAppService(input: AppServiceInput): AppService {
  return {
    info: () => readAppInfo(input.info),
    openExternal: async ({ url }) => {
      if (!isAllowedExternalUrl(url))
        throw new CairnError('INVALID_REQUEST', 'Cairn only opens AWS pages over https in your browser. Copy the address and open it yourself if you trust it.')
      await input.openExternal(url)
      return { opened: true as const }
    }
  }
}
