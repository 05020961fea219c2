// Accessibility (issue 14): axe-core on every page, for every role, with its dialogs and states open,
// on a laptop and on a phone; and the queue reordered and opened with the keyboard alone.
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import {
  ARTIFACTS,
  Api,
  launchBrowser,
  loginContext,
  registerRunners,
  scrollThrough,
  startServer,
} from './harness.mjs'

const AXE = createRequire(import.meta.url).resolve('axe-core')
// A11Y_ALL=1 also fails on moderate and minor violations (to see them while working on a page).
const IMPACTS = process.env.A11Y_ALL ? ['critical', 'serious', 'moderate', 'minor'] : ['critical', 'serious']
const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
}

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

async function open(user, viewport) {
  // The server's Content-Security-Policy refuses inline scripts, and axe is injected as one.
  const context = await browser.newContext({ viewport, baseURL: server.url, bypassCSP: true })
  if (user) await loginContext(context, server.url, user, user)
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (error) => errors.push(error.message))
  page.errors = errors
  page.problems = []
  return page
}

const hook = (page, name) => page.locator(`[data-test="${name}"]`).first()

function readable(violation) {
  const nodes = violation.nodes.map((node) => {
    const summary = (node.failureSummary ?? '').replace(/\n\s*/g, '\n      ')
    return `    at ${node.target.join(' ')}\n      ${node.html.slice(0, 160)}\n      ${summary}`
  })
  return `  [${violation.impact}] ${violation.id}: ${violation.help}\n    ${violation.helpUrl}\n${nodes.join('\n')}`
}

/** axe-core on the page as it is now: no critical or serious violation, and exactly one h1. Problems
 * are collected in `page.problems`, so one run reports every page state; `verdict` fails on them. */
async function check(page, label) {
  await page.waitForTimeout(400) // transitions (dialogs fading in) settle before colours are measured
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }))
  const bad = results.violations.filter((v) => IMPACTS.includes(v.impact))
  const headings = await page.locator('h1').count()
  const problems = bad.map(readable)
  if (headings !== 1) problems.push(`  ${headings} h1 elements (one per page)`)
  if (page.errors.length) problems.push(`  script errors: ${page.errors.join('; ')}`)
  page.errors.length = 0
  if (problems.length) page.problems.push(`${label}:\n${problems.join('\n')}`)
}

async function verdict(page) {
  await page.context().close()
  assert.ok(page.problems.length === 0, `\n${page.problems.join('\n\n')}`)
}

async function runnerOutsideQueue(name) {
  const [runner] = await registerRunners(staff, [name])
  return runner
}

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  test(`${size}: the public pages as an anonymous spectator`, async () => {
    const page = await open(null, viewport)
    await page.goto('/')
    await page.locator('.stats-page').waitFor()
    await scrollThrough(page) // every card below the fold set up, for axe to see
    await hook(page, 'lap-chart').waitFor()
    await page.locator('[data-test="board-fastest"]').waitFor()
    await check(page, `${size} /`)
    await page.goto('/fullscreen')
    await hook(page, 'fs-timer').waitFor()
    await check(page, `${size} /fullscreen`)
    await page.goto('/queue')
    await hook(page, 'queue-card').waitFor()
    await check(page, `${size} /queue (anonymous)`)
    await hook(page, 'queue-card').click()
    await hook(page, 'quick-info-close').waitFor()
    await page.locator('[data-test="quick-info"]').waitFor()
    await check(page, `${size} /queue quick info (anonymous)`)
    await page.goto('/login')
    await hook(page, 'username').waitFor()
    await check(page, `${size} /login`)

    // The staff banner, and the notices of a lost connection (the event stream refused).
    await staff.ok('PATCH', '/api/settings/', { banner: 'Pasta party at 19:00 in the main tent' })
    try {
      await page.route('**/api/events/**', (route) => route.abort())
      await page.goto('/')
      await hook(page, 'connection-lost').waitFor({ timeout: 15000 })
      await hook(page, 'banner').waitFor()
      await check(page, `${size} / with the banner and the connection lost`)
      await page.goto('/fullscreen')
      await hook(page, 'fs-connection-lost').waitFor({ timeout: 15000 })
      await check(page, `${size} /fullscreen with the banner and the connection lost`)
    } finally {
      await staff.ok('PATCH', '/api/settings/', { banner: '' })
    }
    await verdict(page)
  })

  test(`${size}: the kiosk as the volunteer (scanning, registration form, result, message, leaving)`, async () => {
    const page = await open('competition', viewport)
    await page.goto('/queue-up')
    const input = page.locator('[data-test="scan-input"] input')
    await input.waitFor()
    await check(page, `${size} /queue-up idle`)

    await input.fill(`r${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`) // unknown card
    await input.press('Enter')
    await hook(page, 'register-form').waitFor()
    await check(page, `${size} /queue-up registration form`)
    await hook(page, 'register-submit').click() // empty: the form says what is missing
    await page.waitForTimeout(300)
    await check(page, `${size} /queue-up registration form with errors`)
    await hook(page, 'register-cancel').click()

    const runner = await runnerOutsideQueue(size === 'phone' ? 'Axel Peeters' : 'Ines Maes')
    await input.fill(runner.identification)
    await input.press('Enter')
    await page.locator('[data-test="kiosk-message"][data-kind="success"]').waitFor()
    await hook(page, 'kiosk-result').waitFor()
    await check(page, `${size} /queue-up queued (result)`)

    await input.fill('not a card!')
    await input.press('Enter')
    await page.locator('[data-test="kiosk-message"]:not([data-kind="success"])').waitFor()
    await check(page, `${size} /queue-up error message`)

    // The shift board, in a dialog on the kiosk (issue 16).
    await hook(page, 'kiosk-open-shift-board').click()
    await hook(page, 'shift-board').waitFor()
    await check(page, `${size} /queue-up shift board dialog`)
    await hook(page, 'kiosk-shift-board-close').click()
    await hook(page, 'kiosk-shift-board').waitFor({ state: 'detached' })

    // The rewards, read-only for the volunteer.
    await page.goto('/rewards')
    await hook(page, 'rewards-page').waitFor()
    await page.locator('[data-test="rewards-due"], [data-test="rewards-none"]').first().waitFor()
    await check(page, `${size} /rewards (volunteer)`)
    await page.goto('/queue-up')
    await page.locator('[data-test="scan-input"] input').waitFor()

    await hook(page, 'logout').click()
    await hook(page, 'kiosk-leave').waitFor()
    await check(page, `${size} /queue-up leave dialog`)
    await verdict(page)
  })

  test(`${size}: control, query and queue as staff, with their dialogs`, async () => {
    const page = await open('admin', viewport)
    await page.goto('/control')
    await hook(page, 'next-lap').waitFor()
    await check(page, `${size} /control`)
    await hook(page, 'undo').click()
    await hook(page, 'undo-dialog').waitFor()
    await check(page, `${size} /control undo dialog`)
    await hook(page, 'cancel-undo').click()

    await page.goto('/query?tab=search')
    await page.locator('[data-test="query-search"] input').fill('a')
    await page.locator('[data-test="query-results"] tbody tr').nth(1).waitFor()
    await check(page, `${size} /query search`)
    await page.locator('[data-test="query-results"] tbody tr').first().click() // the runner's laps
    await page.waitForTimeout(500)
    await check(page, `${size} /query search with laps open`)
    await hook(page, 'tab-shift').click()
    await hook(page, 'shift-select').click()
    await page.locator('.v-overlay--active .v-list-item').first().click()
    await page.waitForTimeout(500)
    await check(page, `${size} /query shift`)
    await hook(page, 'tab-without').click()
    await page.waitForTimeout(800)
    await check(page, `${size} /query without shift`)
    if (size === 'phone') {
      // In Dutch, Vuetify's own words too: the phone's table header is its "Sort by" field.
      await page.getByRole('button', { name: 'NL', exact: true }).click()
      await page.locator('[data-test="without-results"]').getByText('Sorteer op').first().waitFor()
      await check(page, `${size} /query without shift, in Dutch`)
      await page.getByRole('button', { name: 'EN', exact: true }).click()
      await page.locator('[data-test="without-results"]').getByText('Sort by').first().waitFor()
    }

    await page.goto('/shifts')
    await page.locator('[data-test="shift-card"], [data-test="no-shifts"]').first().waitFor()
    await check(page, `${size} /shifts`)
    await page.goto('/rewards')
    await page.locator('[data-test="rewards-due"], [data-test="rewards-none"]').first().waitFor()
    await check(page, `${size} /rewards`)

    await page.goto('/queue')
    await hook(page, 'queue-card').waitFor()
    await check(page, `${size} /queue (staff)`)
    await hook(page, 'queue-card').click()
    await page.locator('[data-test="quick-info"]').waitFor()
    await check(page, `${size} /queue quick info (staff)`)
    await hook(page, 'quick-info-close').click()
    await hook(page, 'queue-remove').click()
    await hook(page, 'queue-remove-dialog').waitFor()
    await check(page, `${size} /queue remove dialog`)
    await hook(page, 'queue-remove-cancel').click()
    await verdict(page)
  })
}

test('staff reorder the queue and open a card with the keyboard alone', async () => {
  const page = await open('admin', VIEWPORTS.desktop)
  const moves = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/api\/queue\/\d+\/move\/$/.test(request.url()))
      moves.push(request.url())
  })
  const serverOrder = async () =>
    (await staff.ok('GET', '/api/queue/?page_size=500')).results.map((t) => t.id)
  const settled = async (expected) => {
    for (let i = 0; i < 50 && (await serverOrder()).join() !== expected.join(); i++)
      await new Promise((r) => setTimeout(r, 100))
    assert.deepEqual(await serverOrder(), expected, "the server's queue")
  }
  const focused = () =>
    page.evaluate(() => {
      const card = document.activeElement?.closest('[data-test="queue-card"]')
      return card && document.activeElement?.getAttribute('data-test') === 'queue-open'
        ? Number(card.getAttribute('data-ticket-id'))
        : null
    })
  const shown = async () =>
    (
      await page
        .locator('[data-test="queue-card"]')
        .evaluateAll((cards) => cards.map((c) => c.dataset.ticketId))
    ).map(Number)

  const start = await serverOrder()
  assert.ok(start.length >= 4, 'the demo queue has runners waiting')
  await page.goto('/queue')
  await hook(page, 'queue-card').waitFor()
  // Tab from the top of the page to the first card, then down two with the arrows.
  for (let i = 0; i < 40 && (await focused()) === null; i++) await page.keyboard.press('Tab')
  assert.equal(await focused(), start[0], 'Tab reaches the first card')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  const moving = start[2]
  assert.equal(await focused(), moving)
  const name = await page.locator(`[data-ticket-id="${moving}"] [data-test="queue-name"]`).innerText()

  await page.keyboard.press('Alt+ArrowUp') // one place up
  let expected = [start[0], moving, start[1], ...start.slice(3)]
  await settled(expected)
  assert.deepEqual(await shown(), expected, 'the page shows the new order')
  assert.equal(await focused(), moving, 'the focus stays on the moved card')
  assert.equal(await hook(page, 'queue-announce').innerText(), `${name} moved to position 2`)

  await page.keyboard.press('Alt+End') // to the bottom
  expected = [start[0], start[1], ...start.slice(3), moving]
  await settled(expected)
  assert.equal(await focused(), moving)
  await page.screenshot({ path: join(ARTIFACTS, 'queue-keyboard-moved.png') })

  await page.keyboard.press('m') // to a typed place
  await hook(page, 'queue-move-dialog').waitFor()
  await page.waitForTimeout(300)
  await check(page, 'desktop /queue move-to-place dialog')
  await page.screenshot({ path: join(ARTIFACTS, 'queue-keyboard-move-dialog.png') })
  await page.keyboard.press('Control+a')
  await page.keyboard.type('1')
  await page.keyboard.press('Enter')
  expected = [moving, start[0], start[1], ...start.slice(3)]
  await settled(expected)
  await page.locator('[data-test="queue-move-dialog"]').waitFor({ state: 'detached' })
  await page.waitForFunction(
    (id) =>
      document.activeElement?.closest('[data-test="queue-card"]')?.getAttribute('data-ticket-id') ===
      String(id),
    moving,
  )
  await page.screenshot({ path: join(ARTIFACTS, 'queue-keyboard-placed.png') })
  assert.equal(moves.length, 3, 'one request per move')

  await page.keyboard.press('Enter') // the quick information
  await page.locator('[data-test="quick-info-name"]').waitFor()
  assert.equal((await page.locator('[data-test="quick-info-name"]').innerText()).trim(), name)
  await page.keyboard.press('Escape')
  await page.locator('[data-test="quick-info"]').waitFor({ state: 'detached' })
  assert.equal(await focused(), moving, 'closing the details gives the focus back to the card')
  await verdict(page)

  // The same on a phone (a tablet with a keyboard at the desk): the focused card, moved down one.
  const phone = await open('admin', VIEWPORTS.phone)
  await phone.goto('/queue')
  await hook(phone, 'queue-card').waitFor()
  await phone.locator('[data-test="queue-open"]').first().focus()
  await phone.keyboard.press('Alt+ArrowDown')
  await settled([start[0], moving, ...expected.slice(2)])
  await phone.waitForTimeout(300)
  await phone.screenshot({ path: join(ARTIFACTS, 'queue-keyboard-moved-phone.png') })
  await verdict(phone)
})
