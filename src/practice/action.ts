import type { PracticeState, TemporarySession } from './state'

/** Who signed the request, resolved from the SigV4 access key id. */
export type Caller =
  | { kind: 'root'; arn: string; accessKeyId: string; session?: TemporarySession }
  | { kind: 'user'; userName: string; arn: string; accessKeyId: string; session?: TemporarySession }
  | { kind: 'role'; roleName: string; roleSessionName: string; arn: string; accessKeyId: string; session: TemporarySession }
  | { kind: 'federated'; federatedName: string; userName: string | null; arn: string; accessKeyId: string; session: TemporarySession }

/** Query parameters exactly as sent (X.member.N flattened keys kept as is). */
export type QueryParams = Readonly<Record<string, string>>

export interface ActionContext {
  state: PracticeState
  caller: Caller
  params: QueryParams
  now: Date
  requestId: string
  /**
   * Eventual-consistency knob: an entity created less than this many ms ago is not yet
   * visible to reads (Get/List) and a new access key is not yet usable. 0 = consistent.
   */
  consistencyDelayMs: number
  /** A new unique id: `${prefix}` followed by uppercase alphanumerics, AWS-shaped (21 chars total for AIDA/AGPA/ANPA). */
  newId(prefix: string, length?: number): string
  /** Call after changing state so it is persisted (atomically) when persistence is on. */
  markDirty(): void
}

/**
 * What a handler returns becomes `<{Action}Result>` in the response. Objects become elements,
 * arrays become `<member>` lists, `XmlMap` becomes `<entry><key/><value/></entry>` pairs,
 * Date becomes 2012-09-21T23:03:39Z, booleans `true`/`false`, undefined/null are omitted.
 */
export type XmlValue = string | number | boolean | Date | null | undefined | XmlMap | XmlValue[] | { [element: string]: XmlValue }

export class XmlMap {
  constructor(readonly entries: ReadonlyArray<readonly [string, XmlValue]>) {}
}

export interface ActionSpec {
  /** Handler returns the content of <ActionResult>, or undefined for an empty result (only ResponseMetadata). */
  handler(ctx: ActionContext): XmlValue | Promise<XmlValue>
  /** The ARN the IAM authorization check is made against, e.g. arn:aws:iam::ACCT:user/NAME. Default '*'. */
  resource?(ctx: ActionContext): string
  /** Whether the action changes state (persistence, fault knobs may care). */
  mutates: boolean
}

/** Registry of one service's actions, by Action name ('CreateUser'). */
export type ActionRegistry = Readonly<Record<string, ActionSpec>>
