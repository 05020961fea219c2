// Budgets of the app (issue 3), measured by hand: `node bench/frontend_budget.mjs [--laps 20000]`.
// Starts the real server on a fresh SQLite database with a demo event of the given size, opens
// each public page in headless Chromium over loopback, and prints the gzipped JavaScript each
// page loaded before it was interactive, and the time until the Statistics page shows its data.
import { gzipSync } from 'node:zlib'

import { chromium } from '../frontend/node_modules/playwright-core/index.mjs'
import { startServerWith } from './server.mjs'

const laps = Number(process.argv[process.argv.indexOf('--laps') + 1] || 20000)
const runs = 5
const server = await startServerWith(['competition_create_dummy_data', '--runners', '2000', '--laps', String(laps), '--queue', '300'])
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})

async function measure(path, readySelector) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const scripts = new Map()
  page.on('response', async (response) => {
    if (response.request().resourceType() === 'script') scripts.set(response.url(), gzipSync(await response.body()).length)
  })
  const started = Date.now()
  await page.goto(server.url + path)
  await page.locator(readySelector).first().waitFor({ timeout: 15000 })
  const interactive = Date.now() - started
  await context.close()
  const bytes = [...scripts.values()].reduce((a, b) => a + b, 0)
  return { interactive, bytes }
}

const pages = [
  ['/', '[data-test="current-runner"]'],
  ['/fullscreen', '[data-test="fs-timer"]'],
  ['/queue', '[data-test="queue-card"]'],
]
console.log(`demo event: 2,000 runners, ${laps} laps, 300 queued; ${runs} loads per page (cold browser context)`)
for (const [path, selector] of pages) {
  const results = []
  for (let i = 0; i < runs; i++) results.push(await measure(path, selector))
  const times = results.map((r) => r.interactive).sort((a, b) => a - b)
  const kb = (results[0].bytes / 1024).toFixed(1)
  console.log(`${path.padEnd(12)} JS gzipped ${kb} KiB · data shown after median ${times[Math.floor(runs / 2)]} ms (min ${times[0]}, max ${times.at(-1)})`)
}
await browser.close()
await server.stop()
