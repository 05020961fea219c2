// Budgets of the app (issues 3 and 14), measured by hand: `node bench/frontend_budget.mjs [--laps 20000]`.
// Starts the real server on a fresh SQLite database with a demo event of the given size, opens
// each public page in headless Chromium over loopback, and prints what each page loaded before it
// showed its data (scripts, stylesheets and fonts, each gzipped at level 6, as NGINX sends them),
// and the time until then. Budget: 250 KB (244 KiB) of the three together.
import { gzipSync } from 'node:zlib'

import { chromium } from '../frontend/node_modules/playwright-core/index.mjs'
import { startServerWith } from './server.mjs'

const laps = process.argv.includes('--laps') ? Number(process.argv[process.argv.indexOf('--laps') + 1]) : 20000
const runs = 5
const server = await startServerWith(['competition_create_dummy_data', '--runners', '2000', '--laps', String(laps), '--queue', '300'])
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})

async function measure(path, readySelector) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const loaded = new Map() // url -> [kind, gzipped size]; only what arrived before the data showed
  const bodies = []
  let shown = false
  page.on('response', (response) => {
    const kind = KINDS[response.request().resourceType()]
    if (!kind || shown) return
    bodies.push(response.body().then((body) => loaded.set(response.url(), [kind, gzipSync(body).length])))
  })
  const started = Date.now()
  await page.goto(server.url + path)
  await page.locator(readySelector).first().waitFor({ timeout: 15000 })
  shown = true
  const interactive = Date.now() - started
  await Promise.allSettled(bodies)
  await context.close()
  const bytes = { script: 0, stylesheet: 0, font: 0 }
  for (const [kind, size] of loaded.values()) bytes[kind] += size
  return { interactive, bytes }
}

const KINDS = { script: 'script', stylesheet: 'stylesheet', font: 'font' }
const kib = (n) => (n / 1024).toFixed(1)

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
  const { script, stylesheet, font } = results[0].bytes
  const total = script + stylesheet + font
  console.log(
    `${path.padEnd(12)} gzipped: JS ${kib(script)} + CSS ${kib(stylesheet)} + fonts ${kib(font)} = ${kib(total)} KiB` +
      ` (${total <= 250_000 ? 'within' : 'OVER'} 250 KB)` +
      ` · data shown after median ${times[Math.floor(runs / 2)]} ms (min ${times[0]}, max ${times.at(-1)})`,
  )
}
await browser.close()
await server.stop()
