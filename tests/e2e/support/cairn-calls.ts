import type { Page } from '@playwright/test'
import { authenticator } from 'otplib'
import type { ChannelName, RequestOf, ResponseOf } from '../../../src/shared/contract'
import type { IpcResult } from '../../../src/shared/errors'

/** One call through window.cairn, as the screens make it; a refusal fails the test with main's message. */
export async function ask<C extends ChannelName>(page: Page, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = (await page.evaluate(
    ([name, payload]) => {
      const [domain, verb] = name.split('.') as [string, string]
      const api = window.cairn as unknown as Record<string, Record<string, (request: unknown) => Promise<unknown>>>
      return api[domain]![verb]!(payload)
    },
    [channel, request] as const
  )) as IpcResult<ResponseOf<C>>
  if (!result.ok) throw new Error(`${channel} was refused: ${result.error.code}: ${result.error.message}`)
  return result.value
}

/** The code an authenticator app shows for `seed` at `ms`. */
export const codeAt = (seed: string, ms: number) => authenticator.clone({ epoch: ms }).generate(seed)

/** Now, away from the second and a half around a code change, so the test and the practice account read the same 30-second step. */
export async function steadyNow(): Promise<number> {
  const into = Date.now() % 30_000
  if (into < 1500 || into > 28_500) await new Promise((resolve) => setTimeout(resolve, (31_500 - into) % 30_000))
  return Date.now()
}
