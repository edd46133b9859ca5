export interface GraphNode {
  id: string
  dependsOn: readonly string[]
}

export type NodeOutcome = 'done' | 'failed' | 'skipped'

export interface RunGraphOptions<N extends GraphNode> {
  /** How many nodes run at once. */
  concurrency: number
  run(node: N): Promise<NodeOutcome>
  /** A node that will not run because `blocker` failed or was skipped; its outcome is 'skipped'. */
  onBlocked?(node: N, blocker: string): void
  signal?: AbortSignal
}

/**
 * Runs nodes as soon as everything they depend on is done, at most `concurrency` at a time,
 * in the order given among those ready. A failure stops only the nodes that wait on it. A
 * dependency outside `nodes` counts as done (a plan filtered to what is left to do).
 */
export async function runGraph<N extends GraphNode>(nodes: readonly N[], options: RunGraphOptions<N>): Promise<Map<string, NodeOutcome>> {
  const ids = new Set(nodes.map((node) => node.id))
  const outcomes = new Map<string, NodeOutcome>()
  const waiting = new Set(nodes)
  let running = 0
  let wake: (() => void) | null = null
  let crashed: { error: unknown } | null = null

  const blockerOf = (node: N): string | undefined =>
    node.dependsOn.find((id) => ids.has(id) && (outcomes.get(id) === 'failed' || outcomes.get(id) === 'skipped'))
  const ready = (node: N): boolean => node.dependsOn.every((id) => !ids.has(id) || outcomes.get(id) === 'done')

  const start = (node: N) => {
    running++
    waiting.delete(node)
    options
      .run(node)
      .then(
        (outcome) => outcomes.set(node.id, outcome),
        (error: unknown) => {
          crashed ??= { error }
          outcomes.set(node.id, 'failed')
        }
      )
      .finally(() => {
        running--
        wake?.()
      })
  }

  for (;;) {
    if (crashed || options.signal?.aborted) break
    // Blocking propagates through whole chains in one pass: nodes are in dependency order.
    for (const node of [...waiting]) {
      const blocker = blockerOf(node)
      if (blocker === undefined) continue
      waiting.delete(node)
      outcomes.set(node.id, 'skipped')
      options.onBlocked?.(node, blocker)
    }
    for (const node of [...waiting]) {
      if (running >= options.concurrency) break
      if (ready(node)) start(node)
    }
    if (running === 0) break
    await new Promise<void>((resolve) => (wake = resolve))
    wake = null
  }
  // Let what is in flight settle before reporting, so nothing runs on after we return.
  while (running > 0) await new Promise<void>((resolve) => (wake = resolve))
  if (crashed) throw (crashed as { error: unknown }).error
  options.signal?.throwIfAborted()
  for (const node of waiting) outcomes.set(node.id, 'skipped')
  return outcomes
}
