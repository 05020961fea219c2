// Lighthouse (issue 14), by hand: `node bench/lighthouse.mjs [--runs 3] [--only embedded|nginx]`.
// Lighthouse 12.2.3 (pinned: newer needs Node 22), its mobile and desktop presets, headless Debian
// Chromium, anonymous, against /, /fullscreen and /queue of the demo event that `make run` creates,
// served (a) by `make run`'s server (one Daphne, DEBUG=1, static files from Django) and (b) by the
// production topology (NGINX with nginx/nginx.conf in front of a Daphne with DEBUG=0). Prints the
// four scores and the performance metrics of the run with the median performance score.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { startBehindNginx, startServerWith } from './server.mjs'

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback)
const runs = Number(arg('--runs', 3))
const only = arg('--only', '')
const demo = ['competition_create_dummy_data', '--seed', '14']
const pages = ['/', '/fullscreen', '/queue']
const presets = ['mobile', 'desktop']
const categories = ['performance', 'accessibility', 'best-practices', 'seo']
const out = mkdtempSync(join(tmpdir(), 'it24u-lighthouse-'))

function lighthouse(url, preset, attempts = 3) {
  try {
    return lighthouseOnce(url, preset)
  } catch (error) {
    // Lighthouse now and then fails to record a trace (NO_NAVSTART) on a busy machine: run it again.
    if (attempts <= 1) throw error
    return lighthouse(url, preset, attempts - 1)
  }
}

function lighthouseOnce(url, preset) {
  const report = join(out, 'report.json')
  execFileSync(
    'npx',
    [
      '-y',
      'lighthouse@12.2.3',
      url,
      '--quiet',
      '--output=json',
      `--output-path=${report}`,
      `--only-categories=${categories.join(',')}`,
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ],
    { env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' }, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const lhr = JSON.parse(readFileSync(report, 'utf8'))
  const audit = (id) => lhr.audits[id]?.numericValue ?? NaN
  return {
    scores: categories.map((c) => Math.round(lhr.categories[c].score * 100)),
    fcp: audit('first-contentful-paint'),
    lcp: audit('largest-contentful-paint'),
    tbt: audit('total-blocking-time'),
    cls: audit('cumulative-layout-shift'),
    bytes: audit('total-byte-weight'),
  }
}

function median(results) {
  const sorted = [...results].sort((a, b) => a.scores[0] - b.scores[0])
  return sorted[Math.floor(sorted.length / 2)]
}

const servers = [
  ['embedded (make run)', () => startServerWith(demo)],
  ['NGINX (production)', () => startBehindNginx(demo)],
].filter(([name]) => !only || name.toLowerCase().includes(only))

const s = (ms) => (ms / 1000).toFixed(1) + ' s'
console.log(`Lighthouse 12.2.3, ${runs} run(s) per row, the run with the median performance score`)
console.log('| server | page | preset | performance / accessibility / best practices / SEO | FCP | LCP | TBT | CLS | transferred |')
console.log('|---|---|---|---|---|---|---|---|---|')
for (const [name, start] of servers) {
  const server = await start()
  try {
    for (const path of pages) {
      for (const preset of presets) {
        const results = []
        for (let i = 0; i < runs; i++) results.push(lighthouse(server.url + path, preset))
        const r = median(results)
        const spread = results.map((x) => x.scores[0]).sort((a, b) => a - b)
        console.log(
          `| ${name} | \`${path}\` | ${preset} | ${r.scores.join(' / ')} (perf ${spread.join(', ')}) | ${s(r.fcp)} | ${s(r.lcp)} | ` +
            `${Math.round(r.tbt)} ms | ${r.cls.toFixed(3)} | ${Math.round(r.bytes / 1024)} KiB |`,
        )
      }
    }
  } finally {
    await server.stop()
  }
}
rmSync(out, { recursive: true, force: true })
