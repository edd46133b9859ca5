import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { channelNames } from '../../src/shared/contract'
import { repoRoot } from '../support/build'

/**
 * The packaged shell, for real. Electron downloads its binary the first time it is required;
 * build machines without that download skip these tests and say why.
 */
function electronBinary(): string | null {
  const dir = path.join(repoRoot, 'node_modules', 'electron')
  const pathFile = path.join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
const skipReason = 'the Electron binary is not downloaded on this machine (node_modules/electron/dist is empty); run `npm start` once where it can be fetched'

test.describe('the Electron app', () => {
  test.skip(binary === null, skipReason)

  test('opens one hardened window on the Welcome screen', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [path.join(repoRoot, 'out/main/index.js')] })
    try {
      const page = await app.firstWindow()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Secure your AWS account, calmly.')
      expect(page.url()).toBe('app://cairn/index.html')
      expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1)
      // No Node in the page, and only the contract crosses the bridge.
      expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual([
        'undefined',
        'undefined'
      ])
      expect(await page.evaluate(() => Object.keys(window.cairn).sort())).toEqual(
        [...new Set([...channelNames.map((name) => name.split('.')[0]!), 'on'])].sort()
      )
      await page.evaluate(() => {
        location.href = 'https://evil.example/'
      })
      await page.waitForTimeout(300)
      expect(page.url()).toBe('app://cairn/index.html')
    } finally {
      await app.close()
    }
  })
})
