import { defineConfig } from '@playwright/test'

/** Debian's Chromium: Playwright cannot download its own browser on our build machines. */
export const chromiumLaunchOptions = {
  executablePath: process.env['CAIRN_CHROMIUM'] ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
}

export default defineConfig({
  testDir: 'tests',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Screens that talk to the practice account and take screenshots in two themes need more than the default.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  outputDir: '.test-artifacts/playwright',
  reporter: 'list',
  projects: [
    { name: 'renderer', testMatch: 'e2e/**/*.spec.ts', use: { browserName: 'chromium', launchOptions: chromiumLaunchOptions } },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' }
  ]
})
