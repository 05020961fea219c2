// The app's PNG icons (web app manifest, home screens), drawn from public/favicon.svg by Chromium.
// Run once after changing the SVG, and commit the PNGs: `node scripts/icons.mjs`.
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'public', 'icons')
const svg = readFileSync(join(ROOT, 'public', 'favicon.svg'), 'utf8')
const BACKGROUND = '#0d1117' // the SVG's own background: a maskable icon bleeds it to the edges

// `any`: the SVG as it is (its rounded square). `maskable`: the launcher cuts its own shape out of
// a full square, keeping at least the middle 80 %: the symbol stays inside that circle.
const ICONS = [
  { file: 'icon-192.png', size: 192, scale: 1, bleed: false },
  { file: 'icon-512.png', size: 512, scale: 1, bleed: false },
  { file: 'icon-maskable-512.png', size: 512, scale: 0.75, bleed: true },
  { file: 'apple-touch-icon-180.png', size: 180, scale: 0.85, bleed: true },
]

function page({ size, scale, bleed }) {
  const inner = Math.round(size * scale)
  return `<!doctype html><html><body style="margin:0;width:${size}px;height:${size}px;display:grid;
    place-items:center;background:${bleed ? BACKGROUND : 'transparent'}">
    <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div>
  </body></html>`
}

mkdirSync(OUT, { recursive: true })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
try {
  for (const icon of ICONS) {
    const tab = await browser.newPage({ viewport: { width: icon.size, height: icon.size } })
    await tab.setContent(page(icon))
    await tab.screenshot({ path: join(OUT, icon.file), omitBackground: !icon.bleed })
    await tab.close()
    console.log(`public/icons/${icon.file}`)
  }
} finally {
  await browser.close()
}
