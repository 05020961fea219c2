// Idle CPU of the public pages (issue 14), by hand: `node bench/idle_cpu.mjs [--seconds 10]`.
// The demo event that `make run` creates (a lap running, nothing pressed), each page opened in
// headless Chromium, left alone until its service worker (if any) is ready and 5 s more, then measured for --seconds: the page's main-thread busy
// time (CDP Performance.getMetrics TaskDuration) and the CPU time of every Chromium process
// (renderer, GPU/compositor, browser; from /proc), each as a share of one core.
import { readdirSync, readFileSync } from 'node:fs'

import { chromium } from '../frontend/node_modules/playwright-core/index.mjs'
import { startServerWith } from './server.mjs'

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback)
const seconds = Number(arg('--seconds', 10))
const TICKS = 100 // clock ticks a second (getconf CLK_TCK)

/** CPU seconds used so far by every process descended from this one (Chromium and its helpers). */
function treeCpu() {
  const parent = new Map()
  const used = new Map()
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      parent.set(pid, fields[1])
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS)
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = pid; p && p !== '0' && p !== '1'; p = parent.get(p)) if (p === String(process.pid)) return true
    return false
  }
  let total = 0
  for (const [pid, cpu] of used) if (pid !== String(process.pid) && mine(pid)) total += cpu
  return total
}

const server = await startServerWith(['competition_create_dummy_data', '--seed', '14'])
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
})
console.log(`idle for ${seconds} s after 5 s of settling; share of one core`)
console.log('| page | main thread (TaskDuration) | script | style + layout | all Chromium processes |')
console.log('|---|---|---|---|---|')
for (const path of ['/', '/fullscreen', '/queue']) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.goto(server.url + path)
  // The service worker fetches every file of the app once, after the first load: not idle yet.
  await page.evaluate(() =>
    Promise.race([navigator.serviceWorker?.ready ?? Promise.resolve(), new Promise((resolve) => setTimeout(resolve, 15000))]),
  )
  await page.waitForTimeout(5000)
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]))
  const before = await metrics()
  const cpuBefore = treeCpu()
  await page.waitForTimeout(seconds * 1000)
  const after = await metrics()
  const cpu = treeCpu() - cpuBefore
  const share = (name) => (after[name] - before[name]) / seconds
  const pct = (x) => `${(x * 100).toFixed(1)} %`
  console.log(
    `| \`${path}\` | ${pct(share('TaskDuration'))} | ${pct(share('ScriptDuration'))} | ` +
      `${pct(share('RecalcStyleDuration') + share('LayoutDuration'))} | ${pct(cpu / seconds)} |`,
  )
  await context.close()
}
await browser.close()
await server.stop()
