/**
 * The Content-Security-Policy of every app window: only our own bundled code and styles,
 * images from our bundle or data: URLs (QR codes), no network but our own origin, no
 * plugins, no framing, no forms posting anywhere.
 */
export const cspDirectives: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-src': ["'none'"],
  'worker-src': ["'none'"],
  'manifest-src': ["'none'"],
  'media-src': ["'none'"]
}

/** frame-ancestors only works as a header, so the meta tag leaves it out. */
const headerOnly: Readonly<Record<string, readonly string[]>> = { 'frame-ancestors': ["'none'"] }

function serialize(directives: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ')
}

export const contentSecurityPolicyMeta = serialize(cspDirectives)
export const contentSecurityPolicyHeader = serialize({ ...cspDirectives, ...headerOnly })

export function parseCsp(policy: string): Record<string, string[]> {
  const parsed: Record<string, string[]> = {}
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) parsed[name.toLowerCase()] = sources
  }
  return parsed
}
