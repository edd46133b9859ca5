import type { ActionContext } from '../action'
import { awsErrors } from '../errors'
import { validateMaxItems } from '../rules/names'

const DEFAULT_MAX_ITEMS = 100
const MARKER_PREFIX = 'cairn1:'

export interface Page<T> {
  items: T[]
  /** Spread into the result: IAM always says IsTruncated, and gives Marker only when true. */
  tail: { IsTruncated: boolean; Marker?: string }
}

/**
 * Marker/MaxItems pagination for every List* action. Items are sorted by `keyOf`; the marker
 * names the first key of the next page, so deleting entities between calls never skips others.
 */
export function paginate<T>(ctx: ActionContext, items: readonly T[], keyOf: (item: T) => string): Page<T> {
  const maxItems = maxItemsOf(ctx)
  const sorted = [...items].sort((a, b) => compare(keyOf(a), keyOf(b)))
  const from = ctx.params.Marker === undefined ? undefined : decodeMarker(ctx.params.Marker)
  const remaining = from === undefined ? sorted : sorted.filter((item) => compare(keyOf(item), from) >= 0)
  const page = remaining.slice(0, maxItems)
  const next = remaining[maxItems]
  if (next === undefined) return { items: page, tail: { IsTruncated: false } }
  return { items: page, tail: { IsTruncated: true, Marker: encodeMarker(keyOf(next)) } }
}

function maxItemsOf(ctx: ActionContext): number {
  return validateMaxItems(ctx.params.MaxItems) ?? DEFAULT_MAX_ITEMS
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function encodeMarker(key: string): string {
  return Buffer.from(MARKER_PREFIX + key, 'utf8').toString('base64')
}

function decodeMarker(marker: string): string {
  const decoded = Buffer.from(marker, 'base64').toString('utf8')
  if (!decoded.startsWith(MARKER_PREFIX)) throw awsErrors.invalidInput('Invalid Marker.')
  return decoded.slice(MARKER_PREFIX.length)
}
