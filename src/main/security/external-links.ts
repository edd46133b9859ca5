/**
 * Links the app may hand to the OS browser: AWS's own console, sign-in and documentation,
 * over https only. Everything else is refused, whatever the page asked for.
 */
const allowedHosts: readonly string[] = ['aws.amazon.com', 'signin.aws.amazon.com', 'console.aws.amazon.com', 'docs.aws.amazon.com']
const allowedHostSuffixes: readonly string[] = ['.aws.amazon.com', '.signin.aws.amazon.com']

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false
  const host = url.hostname.toLowerCase()
  return allowedHosts.includes(host) || allowedHostSuffixes.some((suffix) => host.endsWith(suffix))
}
