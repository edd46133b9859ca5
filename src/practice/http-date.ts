/**
 * The Date header from the service's clock rather than the host's. SDKs correct their clock skew
 * from it, and Cairn reads it to learn "AWS time", so every reply (the API, /federation, /console,
 * /_practice) must tell the same time as the service that checks signatures and MFA codes.
 */
export function dateHeader(now: Date): { Date: string } {
  return { Date: now.toUTCString() }
}
