import { readFile } from 'node:fs/promises'
import { contentSecurityPolicyHeader } from '../security/csp'
import { APP_ORIGIN } from '../ipc/trusted-sender'
import { resolveAppAsset } from './resolve-asset'

export interface AssetResponse {
  status: 200 | 404
  headers: Record<string, string>
  body: Buffer
}

const securityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicyHeader,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store'
}

/** What the app:// protocol answers for a request; the same function serves the e2e tests. */
export async function serveAppAsset(rendererRoot: string, requestUrl: string, origin = APP_ORIGIN): Promise<AssetResponse> {
  const asset = resolveAppAsset(rendererRoot, requestUrl, origin)
  if (asset) {
    try {
      const body = await readFile(asset.filePath)
      return { status: 200, headers: { ...securityHeaders, 'Content-Type': asset.mimeType }, body }
    } catch {
      // Fall through to 404: a missing file is not an error worth more detail to a page.
    }
  }
  return { status: 404, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not found') }
}
