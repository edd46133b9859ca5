import { AwsError } from './errors'

export type InjectedFailure = 'Throttling' | 'ServiceFailure' | 'ServiceUnavailable'

/**
 * Reliability knobs for the AWS API routes (IAM and STS), never for /federation, /console or
 * /_practice. Every random choice comes from `seed`, so the same seed and the same sequence of
 * calls replays the same faults.
 */
export interface FaultOptions {
  seed?: number
  /** Added to every call, in ms. */
  latencyMs?: number
  /** Extra uniform random latency in [0, jitterMs). */
  jitterMs?: number
  /** Probability in [0, 1] that a call answers 400 Throttling "Rate exceeded". */
  throttleRate?: number
  /** Probability in [0, 1] that a call answers 500 ServiceFailure or 503 ServiceUnavailable. */
  serverErrorRate?: number
  /** 1-based call numbers (counted since the faults were set) that fail with `failWith`. */
  failCalls?: number[]
  failWith?: InjectedFailure
  /** Only these actions (e.g. 'CreateUser', 'GetCallerIdentity') are affected and counted. Default: all. */
  actions?: string[]
  /** Eventual consistency: new entities are invisible and new keys unusable for this long. */
  consistencyDelayMs?: number
}

/** mulberry32: tiny, fast, and the same sequence on every platform for a given seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function injectedError(kind: InjectedFailure): AwsError {
  switch (kind) {
    case 'Throttling':
      return new AwsError('Throttling', 'Rate exceeded', 400)
    case 'ServiceFailure':
      return new AwsError('ServiceFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500, 'Receiver')
    case 'ServiceUnavailable':
      return new AwsError('ServiceUnavailable', 'Service is unable to handle request.', 503, 'Receiver')
  }
}

export interface FaultDecision {
  delayMs: number
  error: AwsError | null
  /** The call number this decision was made for (1-based), for logs and replays. */
  call: number
}

const NO_FAULT: FaultDecision = { delayMs: 0, error: null, call: 0 }

/**
 * Decides, call by call, what goes wrong. Each counted call draws exactly three numbers
 * (jitter, throttle, server error) so one knob never shifts another's sequence.
 */
export class FaultPlan {
  private random: () => number
  private calls = 0

  constructor(readonly options: Readonly<FaultOptions> = {}) {
    this.random = mulberry32(options.seed ?? 1)
  }

  get consistencyDelayMs(): number | undefined {
    return this.options.consistencyDelayMs
  }

  next(action: string): FaultDecision {
    const o = this.options
    if (o.actions && !o.actions.includes(action)) return NO_FAULT
    const call = ++this.calls
    const jitter = this.random()
    const throttle = this.random()
    const server = this.random()
    const delayMs = Math.max(0, (o.latencyMs ?? 0) + (o.jitterMs ? Math.floor(jitter * o.jitterMs) : 0))
    let error: AwsError | null = null
    if (o.failCalls?.includes(call)) error = injectedError(o.failWith ?? 'ServiceFailure')
    else if (throttle < (o.throttleRate ?? 0)) error = injectedError('Throttling')
    else if (server < (o.serverErrorRate ?? 0)) {
      // Reuse the draw: its position inside the error band picks 500 or 503 without a fourth draw.
      error = injectedError(server < (o.serverErrorRate ?? 0) / 2 ? 'ServiceFailure' : 'ServiceUnavailable')
    }
    return { delayMs, error, call }
  }
}
