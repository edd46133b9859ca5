import path from 'node:path'
import { APP_ORIGIN } from '../ipc/trusted-sender'

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json'
}

export interface ResolvedAsset {
  filePath: string
  mimeType: string
}

/**
 * Maps app://cairn/<path> to a file inside the built renderer folder. Anything that is not our
 * host, escapes the folder (.., encoded or not), or has an unknown type resolves to null (404).
 */
export function resolveAppAsset(rendererRoot: string, requestUrl: string, origin = APP_ORIGIN): ResolvedAsset | null {
  let url: URL
  try {
    url = new URL(requestUrl)
  } catch {
    return null
  }
  if (`${url.protocol}//${url.host}` !== origin) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  if (pathname === '/' || pathname === '') pathname = '/index.html'
  const root = path.resolve(rendererRoot)
  const filePath = path.resolve(root, `.${pathname}`)
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return null
  const mimeType = mimeTypes[path.extname(filePath).toLowerCase()]
  return mimeType ? { filePath, mimeType } : null
}
