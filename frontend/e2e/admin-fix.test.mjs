// An organiser fixes the running lap in the Django admin (issue 15, one write path): the fix
// reaches an open full-screen page through the event stream, without a reload of the page.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { ARTIFACTS, Api, launchBrowser, loginContext, registerRunners, startServer } from './harness.mjs'

let server
let browser
let staff
let adminUrl

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  staff = await new Api(server.url).login('admin', 'admin')
  adminUrl = (await staff.ok('GET', '/api/auth/me/')).user.admin_url // ADMIN_PATH may move it
  await staff.ok('PATCH', '/api/settings/', { min_lap_time: 0 })
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function page(user, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, baseURL: server.url })
  if (user) await loginContext(context, server.url, user, 'admin')
  return context.newPage()
}

/** A lap started with the queue empty: it runs without a runner until someone says whose it is. */
async function startUnassignedLap() {
  const current = await staff.ok('GET', '/api/laps/current/')
  const answer = await staff.ok('POST', '/api/laps/advance/', {
    idempotency_key: randomUUID(),
    expected_lap: current.lap?.id ?? null,
  })
  assert.equal(answer.started.runner, null)
  return answer.started
}

/** The full-screen page, live, with a mark that a reload of the page would wipe. */
async function openFullscreen() {
  const full = await page(undefined, { width: 1920, height: 1080 })
  await full.goto('/fullscreen')
  await full.locator('[data-test="fs-current-runner"]').waitFor()
  await full.evaluate(() => (window.__notReloaded = true))
  return full
}

const stillTheSamePage = (full) => full.evaluate(() => window.__notReloaded === true)

test('giving the running lap its runner in the admin shows the runner on the full-screen page', async () => {
  const [ada] = await registerRunners(staff, ['Ada Adminfix'])
  const lap = await startUnassignedLap()
  const full = await openFullscreen()
  assert.match((await full.locator('[data-test="fs-current-runner"]').innerText()).trim(), /^Unassigned/)

  const admin = await page('admin')
  await admin.goto(`${adminUrl}competition/lap/${lap.id}/change/`)
  // The runner field is the admin's autocomplete: open it, search, pick.
  await admin.locator('.field-runner .select2-selection').click()
  await admin.locator('.select2-search__field').fill('Adminfix')
  await admin.locator('.select2-results__option', { hasText: 'Ada Adminfix' }).click()
  await admin.locator('input[name="_save"]').click()
  await admin.locator('.messagelist .success').waitFor({ timeout: 5000 })

  await full
    .locator('[data-test="fs-current-runner"]', { hasText: 'Ada Adminfix' })
    .waitFor({ timeout: 2000 })
  assert.equal(await stillTheSamePage(full), true, 'the page took the event, it did not reload')
  const current = await staff.ok('GET', '/api/laps/current/')
  assert.equal(current.lap.runner.id, ada.id)
  await full.screenshot({ path: join(ARTIFACTS, 'admin-fix-fullscreen.png') })
  for (const p of [admin, full]) await p.context().close()
})

test('moving the start of the running lap in the admin resyncs the full-screen timer', async () => {
  await startUnassignedLap() // a fresh lap: its timer shows seconds
  const full = await openFullscreen()
  const timer = full.locator('[data-test="fs-timer"]')
  await full.waitForFunction(() =>
    /^0:\d\d$/.test(document.querySelector('[data-test="fs-timer"]')?.textContent?.trim() ?? ''),
  )

  const { lap } = await staff.ok('GET', '/api/laps/current/')
  const admin = await page('admin')
  await admin.goto(`${adminUrl}competition/lap/${lap.id}/change/`)
  // Ten minutes earlier, in the form's own local date and time (whatever the browser's zone).
  const day = await admin.locator('#id_start_0').inputValue()
  const time = await admin.locator('#id_start_1').inputValue()
  const [y, mo, d] = day.split('-').map(Number)
  const [h, mi, s] = time.split(':').map(Number)
  const earlier = new Date(Date.UTC(y, mo - 1, d, h, mi - 10, s)).toISOString()
  await admin.locator('#id_start_0').fill(earlier.slice(0, 10))
  await admin.locator('#id_start_1').fill(earlier.slice(11, 19))
  await admin.locator('input[name="_save"]').click()
  await admin.locator('.messagelist .success').waitFor({ timeout: 5000 })

  // No event says "the running lap started earlier": a resync, and the page reloads its snapshot.
  await full.waitForFunction(
    () => /^1\d:\d\d$/.test(document.querySelector('[data-test="fs-timer"]')?.textContent?.trim() ?? ''),
    undefined,
    { timeout: 3000 },
  )
  assert.match((await timer.innerText()).trim(), /^1\d:\d\d$/)
  assert.equal(await stillTheSamePage(full), true, 'the page reloaded its data, not itself')
  for (const p of [admin, full]) await p.context().close()
})
