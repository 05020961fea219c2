// Results (issue 16): /results printed on A4 by Chromium has every board, each on a page of its own,
// black on white without the app's navigation; a picture of the first printed page; axe on the page;
// and visitors see the results (and the navigation offers them) only once staff publish them.
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { ARTIFACTS, Api, launchBrowser, loginContext, startServer } from './harness.mjs'
import { pdfPages } from './pdf.mjs'

const AXE = createRequire(import.meta.url).resolve('axe-core')
const BOARDS = ['Fastest lap', 'Most laps', 'Most points', 'Best first-year', 'Night & rain', 'Groups']
const LAPTOP = { width: 1280, height: 800 }
// The printable part of an A4 page (210 × 297 mm less the page's 12 and 14 mm margins) at 96 dpi.
const A4_PRINTABLE = { width: 703, height: 1017 }

let server
let browser
let staff

before(async () => {
  server = await startServer({ demo: true })
  browser = await launchBrowser()
  staff = await new Api(server.url).login('admin', 'admin')
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function open(user, viewport = LAPTOP) {
  // The server's Content-Security-Policy refuses inline scripts, and axe is injected as one.
  const context = await browser.newContext({ viewport, baseURL: server.url, bypassCSP: true })
  if (user) await loginContext(context, server.url, user, user)
  const page = await context.newPage()
  page.errors = []
  page.on('pageerror', (error) => page.errors.push(error.message))
  return page
}

const squash = (text) => text.replace(/\s+/g, '')

async function axe(page, label) {
  await page.waitForTimeout(400) // transitions settle before colours are measured
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))
  const bad = results.violations
    .filter((v) => ['critical', 'serious'].includes(v.impact))
    .map((v) => `[${v.impact}] ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
  assert.deepEqual(bad, [], `${label}:\n${bad.join('\n')}`)
  assert.equal(await page.locator('h1').count(), 1, `${label}: one h1`)
}

test('staff print the results on A4: every board, each on a page of its own', async () => {
  const page = await open('admin')
  await page.goto('/results')
  await page.locator('[data-test="results-board-groups"]').waitFor()
  for (const board of BOARDS) await page.getByRole('heading', { name: board, exact: true }).waitFor()
  const shown = await page.locator('[data-test="results-board-most_laps"] tbody tr').count()
  assert.equal(shown, 10, 'ten places a board to start with')
  await axe(page, 'desktop /results (staff)')
  await page.screenshot({ path: join(ARTIFACTS, 'results-desktop.png') })

  // The first page as it is printed: the printable width of A4, print styles, no app chrome.
  await page.setViewportSize(A4_PRINTABLE)
  await page.emulateMedia({ media: 'print' })
  for (const chrome of ['.v-app-bar', '.v-navigation-drawer', '[data-test="results-toolbar"]'])
    assert.equal(await page.locator(chrome).first().isVisible(), false, `${chrome} is not printed`)
  const colours = await page.evaluate(() => {
    const cell = document.querySelector('[data-test="results-board-fastest_lap"] td')
    return { text: getComputedStyle(cell).color, page: getComputedStyle(document.body).backgroundColor }
  })
  assert.deepEqual(colours, { text: 'rgb(0, 0, 0)', page: 'rgb(255, 255, 255)' }, 'black on white')
  const sheet = await page.locator('[data-test="results-page"]').boundingBox()
  assert.deepEqual(
    [sheet.x, sheet.width],
    [0, A4_PRINTABLE.width],
    'the results use the whole width of the paper',
  )
  // The first page ends where the second board starts (on paper, a new page).
  const second = await page.locator('[data-test="results-board-most_laps"]').boundingBox()
  const clip = { x: 0, y: 0, width: A4_PRINTABLE.width, height: Math.min(A4_PRINTABLE.height, second.y) }
  await page.screenshot({ path: join(ARTIFACTS, 'results-print-first-page.png'), clip })

  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true })
  writeFileSync(join(ARTIFACTS, 'results.pdf'), pdf)
  const pages = pdfPages(pdf).map(squash)
  assert.equal(pages.length, BOARDS.length, 'one page a board')
  assert.ok(pages[0].includes(squash('Results · 24-hour run (demo)')), 'the title on the first page')
  BOARDS.forEach((board, i) => assert.ok(pages[i].includes(squash(board)), `${board} on page ${i + 1}`))
  const leader = await page.locator('[data-test="results-board-most_points"] tbody tr td').nth(1).innerText()
  assert.ok(pages[2].includes(squash(leader)), `the most points leader (${leader}) is printed`)
  assert.ok(!pages.some((text) => text.includes(squash('Log out'))), 'no app bar on paper')
  assert.deepEqual(page.errors, [])
  await page.context().close()
})

test('visitors see the results only once staff publish them, and the navigation offers them then', async () => {
  const page = await open(null)
  await page.goto('/results')
  await page.waitForURL(/\/login\?next=/)
  await page.goto('/')
  await page.locator('[data-test="nav-stats"]').waitFor()
  assert.equal(await page.locator('[data-test="nav-results"]').count(), 0, 'no Results in the navigation')

  await staff.ok('PATCH', '/api/settings/', { results_published: true })
  try {
    await page.locator('[data-test="nav-results"]').waitFor() // live, from the settings event
    await page.locator('[data-test="nav-results"]').click()
    await page.locator('[data-test="results-board-groups"]').waitFor()
    assert.equal(await page.locator('[data-test="results-publish"]').count(), 0, 'only staff publish')
    await page.getByRole('button', { name: 'NL', exact: true }).click()
    await page.getByRole('heading', { name: 'Meeste punten', exact: true }).waitFor()
    await axe(page, 'desktop /results (public, Dutch)')
    await page.getByRole('button', { name: 'EN', exact: true }).click()

    const phone = await open(null, { width: 390, height: 844 })
    await phone.goto('/results')
    await phone.locator('[data-test="results-board-groups"]').waitFor()
    await axe(phone, 'phone /results (public)')
    await phone.screenshot({ path: join(ARTIFACTS, 'results-phone.png') })
    await phone.context().close()
  } finally {
    await staff.ok('PATCH', '/api/settings/', { results_published: false })
  }
  await page.locator('[data-test="nav-results"]').waitFor({ state: 'detached' })
  assert.deepEqual(page.errors, [])
  await page.context().close()
})
