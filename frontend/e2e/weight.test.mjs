// A light app (issue 14), in Chromium on `make run`'s server with the demo event: icons are inline
// SVG (no icon font), the static files come gzipped and cached for a year, Chart.js loads only when
// the chart is in sight, and an idle page runs no animation (nothing but the once-a-second tick).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { ARTIFACTS, launchBrowser, startServer } from './harness.mjs'

let server
let browser

before(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function open(path, viewport) {
  const context = await browser.newContext({ viewport, baseURL: server.url })
  const page = await context.newPage()
  const loaded = []
  page.on('response', (response) => loaded.push(response))
  await page.goto(path)
  return { context, page, loaded }
}

test('a phone gets the statistics without a font, gzipped and cached, and Chart.js only at the chart', async () => {
  const { context, page, loaded } = await open('/', { width: 360, height: 640 })
  await page.locator('[data-test="current-runner"]').waitFor()
  await page.waitForLoadState('networkidle')

  const files = loaded.filter((r) => r.url().includes('/static/app/assets/'))
  assert.ok(files.length > 0)
  assert.deepEqual(
    files.filter((r) => r.request().resourceType() === 'font').map((r) => r.url()),
    [],
    'no font is loaded',
  )
  for (const response of files) {
    const headers = response.headers()
    assert.equal(headers['cache-control'], 'public, max-age=31536000, immutable', response.url())
    // The build writes a gzipped copy of every file that gzip makes smaller (not of a tiny one).
    if ((await response.body()).length > 1024)
      assert.equal(headers['content-encoding'], 'gzip', response.url())
  }
  const index = loaded.find((r) => r.request().resourceType() === 'document')
  assert.equal(index.headers()['cache-control'], 'no-cache')

  // Every icon is an inline SVG path (the icon font's classes are gone).
  const icons = await page
    .locator('.v-icon')
    .evaluateAll((els) =>
      els.map((el) => ({ svg: !!el.querySelector('svg path[d]'), mdi: el.className.includes('mdi-') })),
    )
  assert.ok(icons.length > 5)
  assert.deepEqual(
    icons.filter((icon) => !icon.svg || icon.mdi),
    [],
  )

  // The chart is below the fold on a phone: Chart.js comes when it is scrolled to.
  const chartCode = () => loaded.filter((r) => /\/LapScatter-[^/]+\.js$/.test(r.url())).length
  assert.equal(chartCode(), 0, 'Chart.js is not loaded before the chart is in sight')
  await page.locator('[data-test="lap-chart"]').scrollIntoViewIfNeeded()
  await page.locator('[data-test="lap-chart"] canvas').waitFor()
  assert.equal(chartCode(), 1)
  await page.screenshot({ path: join(ARTIFACTS, 'weight-stats-360x640.png'), fullPage: true })
  await context.close()
})

test('an idle statistics page or projector runs no animation', async () => {
  for (const [path, ready] of [
    ['/', '[data-test="current-runner"]'],
    ['/fullscreen', '[data-test="fs-timer"]'],
  ]) {
    const { context, page } = await open(path, { width: 1280, height: 800 })
    await page.locator(ready).first().waitFor()
    await page.waitForTimeout(1500) // the first data's transitions end
    // Sampled over two ticks of the clock: a transition after each tick, or an endless animation,
    // would keep the page drawing many frames a second.
    const running = await page.evaluate(async () => {
      const seen = new Set()
      for (let i = 0; i < 20; i++) {
        for (const animation of document.getAnimations()) {
          if (animation.playState === 'running') {
            const target = animation.effect?.target
            seen.add(
              `${animation.constructor.name} ${animation.animationName ?? animation.transitionProperty ?? ''} on .${target?.className}`,
            )
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      return [...seen]
    })
    assert.deepEqual(running, [], `${path} animates while idle`)
    await context.close()
  }
})
