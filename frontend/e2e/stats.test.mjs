// The statistics page with one long lap (issue 13): a runner lost for 20 minutes among 3-minute laps
// must not flatten the chart, move the average lap or let a 36 s lap top "Fastest lap".
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { ARTIFACTS, Api, launchBrowser, registerRunners, scrollThrough, startServer } from './harness.mjs'

let server
let browser
let staff

// Lap times in seconds, oldest first: three minutes give or take, one runner lost for 20 minutes
// and one press 36 s after the previous (just over the 30 s minimum lap time).
const LAPS = [
  185, 172, 201, 166, 193, 210, 178, 188, 1200, 169, 195, 182, 36, 204, 176, 191, 187, 199, 171, 183,
]

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  staff = await new Api(server.url).login('admin', 'admin')
  // Press times up to two hours back, as an organiser's laptop would send them after an outage.
  await staff.ok('PATCH', '/api/settings/', { press_time_window: 3 * 3600 })
  const runners = await registerRunners(staff, [
    'Ann Peeters',
    'Bram Janssens',
    'Chloë Maes',
    'Dries Jacobs',
    'Eline Mertens',
    'Femke Willems',
  ])
  const total = LAPS.reduce((sum, seconds) => sum + seconds, 0)
  let at = Date.now() - (total + 60) * 1000
  let running = null
  for (let i = 0; i <= LAPS.length; i++) {
    await staff.ok('POST', '/api/queue/', { runner: runners[i % runners.length].id })
    const answer = await staff.ok('POST', '/api/laps/advance/', {
      idempotency_key: crypto.randomUUID(),
      expected_lap: running,
      at: new Date(at).toISOString(),
    })
    running = answer.started.id
    at += (LAPS[i] ?? 0) * 1000
  }
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

test('one 20-minute lap among 3-minute laps leaves the chart, the average and the fastest lap alone', async () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport, baseURL: server.url })
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto('/')
    await page.locator('.stats-page').waitFor()
    // The cards below the first row are set up near the screen, and Chart.js is loaded once the
    // chart is in sight: below the fold on a phone.
    await scrollThrough(page)
    await page.locator('[data-test="lap-chart"]').scrollIntoViewIfNeeded()
    const canvas = page.locator('[data-test="lap-chart"] canvas')
    await canvas.waitFor()
    // The y-range as Chart.js laid the axis out (the chart writes it on its canvas).
    await page.waitForFunction(() => document.querySelector('[data-test="lap-chart"] canvas')?.dataset.yMax)
    const { yMax, offScale } = await canvas.evaluate((el) => ({
      yMax: Number(el.dataset.yMax),
      offScale: Number(el.dataset.offScale),
    }))
    assert.ok(yMax < 10 * 60, `the lap-time axis ends at ${yMax} s, under 10 minutes`)
    assert.ok(yMax >= 210, `the axis still shows the longest ordinary lap (3:30), not ${yMax} s`)
    assert.equal(offScale, 1, 'the 20-minute lap is drawn on the top edge')

    const text = await page.locator('body').innerText()
    assert.match(text, /Median lap · last 20/)
    const fastest = await page.locator('[data-test="board-fastest"]').innerText()
    assert.doesNotMatch(fastest, /0:36/, 'the 36 s lap is not a fastest lap before staff confirm it')
    assert.match(fastest, /2:46/)

    await page.waitForTimeout(500) // the chart's animation
    await page.screenshot({
      path: join(ARTIFACTS, `stats-long-lap-${viewport.width}x${viewport.height}.png`),
      fullPage: true,
    })
    assert.deepEqual(errors, [])
    await context.close()
  }
})
