import { describe, expect, it } from 'vitest'
import { runGraph, type GraphNode } from '../../../../src/main/setup/apply/run-graph'

const node = (id: string, ...dependsOn: string[]): GraphNode => ({ id, dependsOn })
const tick = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('runGraph', () => {
  it('runs a node only after everything it depends on is done', async () => {
    const finished: string[] = []
    const started: Record<string, string[]> = {}
    await runGraph([node('group'), node('user'), node('member', 'user', 'group'), node('key', 'user')], {
      concurrency: 8,
      run: async (n) => {
        started[n.id] = [...finished]
        await tick()
        finished.push(n.id)
        return 'done'
      }
    })
    expect(started['member']).toEqual(expect.arrayContaining(['user', 'group']))
    expect(started['key']).toContain('user')
    expect(started['group']).toEqual([])
  })

  it('never has more than `concurrency` nodes running', async () => {
    let running = 0
    let most = 0
    const nodes = Array.from({ length: 20 }, (_, i) => node(`n${i}`))
    await runGraph(nodes, {
      concurrency: 4,
      run: async () => {
        most = Math.max(most, ++running)
        await tick()
        running--
        return 'done'
      }
    })
    expect(most).toBe(4)
  })

  it('skips what waits on a failure, through whole chains, and runs everything else', async () => {
    const blocked: Array<[string, string]> = []
    const outcomes = await runGraph([node('a'), node('b', 'a'), node('c', 'b'), node('d')], {
      concurrency: 2,
      run: async (n) => (n.id === 'a' ? 'failed' : 'done'),
      onBlocked: (n, blocker) => blocked.push([n.id, blocker])
    })
    expect(Object.fromEntries(outcomes)).toEqual({ a: 'failed', b: 'skipped', c: 'skipped', d: 'done' })
    expect(blocked).toEqual([
      ['b', 'a'],
      ['c', 'b']
    ])
  })

  it('counts a dependency outside the graph as done', async () => {
    const outcomes = await runGraph([node('member', 'user:already-there')], { concurrency: 1, run: async () => 'done' })
    expect(outcomes.get('member')).toBe('done')
  })

  it('lets running nodes settle, then rejects, when a node throws', async () => {
    let settled = false
    const run = runGraph([node('boom'), node('slow')], {
      concurrency: 2,
      run: async (n) => {
        if (n.id === 'boom') throw new Error('bug')
        await tick()
        settled = true
        return 'done'
      }
    })
    await expect(run).rejects.toThrow('bug')
    expect(settled).toBe(true)
  })
})
