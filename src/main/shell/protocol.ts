import { protocol } from 'electron'
import { serveAppAsset } from '../app-protocol/serve-asset'

export const APP_SCHEME = 'app'

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const asset = await serveAppAsset(rendererRoot, request.url)
    return new Response(new Uint8Array(asset.body), { status: asset.status, headers: asset.headers })
  })
}
