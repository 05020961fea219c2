// A tired volunteer and an organiser on race night (issue 13): the key pressed with the wrong thing
// focused, the next student's card scanned into a half-filled form, one tap on the kiosk's logout.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
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

let server
let browser
let staff

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  staff = await new Api(server.url).login('admin', 'admin')
  await staff.ok('PATCH', '/api/settings/', { min_lap_time: 0 })
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function page(user, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport, baseURL: server.url })
  if (user) await loginContext(context, server.url, user, user === 'admin' ? 'admin' : user)
  return context.newPage()
}

const laps = async () => (await staff.ok('GET', '/api/laps/?page_size=500')).count

test('Space after clicking the rain switch records a lap and leaves the rain as it was', async () => {
  await registerRunners(staff, ['Ria Regen'])
  const control = await page('admin')
  await control.goto('/control')
  const rain = control.locator('[data-test="raining-switch"] input')
  await rain.click() // the organiser switches the rain on...
  await control.waitForFunction(async () => (await (await fetch('/api/settings/')).json()).raining === true)
  assert.equal(await rain.evaluate((el) => el === document.activeElement), true, 'the switch has the focus')
  const before = await laps()
  await control.keyboard.press(' ') // ...then the runner finishes
  await control.waitForFunction(
    async (count) => (await (await fetch('/api/laps/?page_size=500')).json()).count > count,
    before,
    { timeout: 5000 },
  )
  assert.equal(await laps(), before + 1, 'one lap recorded')
  assert.equal((await staff.ok('GET', '/api/settings/')).raining, true, 'the rain stayed on')
  assert.equal(await rain.isChecked(), true)
  await control.context().close()
})

test('a card scanned into a half-filled registration form queues that runner and registers nobody wrong', async () => {
  const [sam] = await registerRunners(staff, ['Sam Scanner'])
  const kiosk = await page('competition')
  await kiosk.goto('/queue-up')
  const input = kiosk.locator('[data-test="scan-input"] input')
  await input.fill('r0999998') // an unknown card: the form opens
  await input.press('Enter')
  await kiosk.locator('[data-test="register-form"]').waitFor({ timeout: 5000 })
  await kiosk.locator('[data-test="first-name"] input').pressSequentially('Jan', { delay: 120 })
  await kiosk.locator('[data-test="last-name"] input').click()
  // The next student scans: the USB scanner types the card number and Enter, a few ms apart.
  await kiosk.keyboard.type(sam.identification, { delay: 4 })
  await kiosk.keyboard.press('Enter')
  // The message box appears before its text is filled in: wait for the name itself.
  await kiosk
    .locator('[data-test="kiosk-message"][data-kind="success"]', { hasText: 'Sam' })
    .waitFor({ timeout: 5000 })
  const queue = await staff.ok('GET', '/api/queue/')
  assert.equal(queue.results.filter((t) => t.runner.id === sam.id).length, 1, 'the scanning runner is queued')
  const found = await staff.ok('GET', '/api/runners/?search=jan&page_size=500')
  assert.equal(found.results.filter((r) => r.first_name === 'Jan').length, 0, 'nobody was registered as Jan')
  await kiosk.screenshot({ path: join(ARTIFACTS, 'kiosk-scan-into-form.png') })
  await kiosk.context().close()
})

test('the kiosk has no navigation and logs out only with the account’s password', async () => {
  const kiosk = await page('competition', { width: 1024, height: 768 })
  await kiosk.goto('/queue-up')
  await kiosk.locator('[data-test="scan-input"]').waitFor()
  assert.equal(await kiosk.locator('.v-navigation-drawer').count(), 0, 'no navigation drawer')
  assert.equal(await kiosk.locator('.v-app-bar-nav-icon').count(), 0, 'no menu button')
  await kiosk.locator('[data-test="logout"]').click()
  const dialog = kiosk.locator('[data-test="kiosk-leave"]')
  await dialog.waitFor()
  // Typed as a person types (slowly): the scan input behind the dialog must not take the keys.
  await kiosk.locator('[data-test="kiosk-leave-password"] input').pressSequentially('wrong', { delay: 300 })
  await kiosk.locator('[data-test="kiosk-leave-confirm"]').click()
  await dialog.getByText('That is not the password of this account.').waitFor()
  const me = async () => kiosk.evaluate(async () => (await (await fetch('/api/auth/me/')).json()).user)
  assert.equal((await me())?.username, 'competition', 'still logged in')
  await kiosk.screenshot({ path: join(ARTIFACTS, 'kiosk-leave.png') })
  await kiosk.locator('[data-test="kiosk-leave-password"] input').fill('')
  await kiosk
    .locator('[data-test="kiosk-leave-password"] input')
    .pressSequentially('competition', { delay: 150 })
  await kiosk.keyboard.press('Enter')
  await kiosk.waitForURL((url) => url.pathname === '/', { timeout: 5000 })
  assert.equal(await me(), null, 'logged out')
  await kiosk.reload()
  await kiosk.locator('.v-app-bar-nav-icon').waitFor() // the public pages have their navigation
  await kiosk.context().close()
})

const box = async (page, test) => {
  const { x, y, width, height } = await page.locator(`[data-test="${test}"]`).boundingBox()
  return { x, y, width, height }
}

test('the next lap button stays where it is when a banner or a refusal appears, and after a reload', async () => {
  const [runner] = await registerRunners(staff, ['Bo Boxed'])
  await staff.ok('POST', '/api/queue/', { runner: runner.id })
  await staff.ok('PATCH', '/api/settings/', { min_lap_time: 3600, banner: '' }) // any press is too soon
  const control = await page('admin')
  await control.goto('/control')
  await control.locator('[data-test="connection-state"][data-state="open"]').waitFor({ timeout: 5000 })
  const home = await box(control, 'next-lap')

  await staff.ok('PATCH', '/api/settings/', { banner: 'Pizza at the tent at midnight' })
  await control.locator('[data-test="banner"]').waitFor({ timeout: 5000 })
  assert.deepEqual(await box(control, 'next-lap'), home, 'a banner does not move the button')

  await control.keyboard.press(' ') // too soon: the refusal box opens
  await control.locator('[data-test="refusal"]').waitFor({ timeout: 5000 })
  assert.deepEqual(await box(control, 'next-lap'), home, 'a refusal does not move the button')
  await control.screenshot({ path: join(ARTIFACTS, 'control-refusal-banner.png') })

  // The refusal is waiting for the organiser: a reload keeps it.
  await control.reload()
  await control.locator('[data-test="refusal"]').waitFor({ timeout: 5000 })
  assert.deepEqual(await box(control, 'next-lap'), home)
  await control.locator('[data-test="refusal-dismiss"]').click()
  await control.locator('[data-test="refusal"]').waitFor({ state: 'hidden' })
  await staff.ok('PATCH', '/api/settings/', { min_lap_time: 0, banner: '' })
  await control.context().close()
})

test('after a 10 s outage a held press is sent within 1 s of the server answering, and no page says live before its data is', async () => {
  const runners = await registerRunners(staff, ['Old Runner', 'New Runner'])
  for (const runner of runners) await staff.ok('POST', '/api/queue/', { runner: runner.id })
  const control = await page('admin')
  await control.goto('/control')
  await control.locator('[data-test="connection-state"][data-state="open"]').waitFor({ timeout: 5000 })
  // Start laps until Old Runner is on the track and New Runner is next.
  while (!(await control.locator('[data-test="current-runner"]').innerText()).includes('Old Runner')) {
    await control.keyboard.press(' ')
    await control.waitForTimeout(400)
  }
  const stats = await page(null)
  await stats.goto('/')
  await stats.locator('[data-test="live-pill"][data-state="open"]').waitFor({ timeout: 5000 })
  // Every change of what a page says, with the time and the runner it shows beside it.
  const watch = () => {
    window.__log = []
    const note = () => {
      const state = document.querySelector('[data-test="connection-state"], [data-test="live-pill"]')
      const runner = document.querySelector('[data-test="current-runner"]')
      window.__log.push({
        at: Date.now(),
        state: state?.dataset.state ?? 'none',
        runner: runner?.innerText ?? '',
      })
    }
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    })
    note()
  }
  await control.evaluate(watch)
  await stats.evaluate(watch)

  await server.crash()
  const downAt = Date.now()
  await control.keyboard.press(' ') // Old Runner finishes while the server is away
  const pressedAt = Date.now()
  await control.locator('[data-test="pending-count"]', { hasText: '1' }).waitFor({ timeout: 5000 })
  await control.waitForTimeout(10_000 - (Date.now() - downAt))
  await server.restart()
  const upAt = Date.now() // the harness has just had its first answer from the server
  await control.locator('[data-test="pending-count"]', { hasText: '0' }).waitFor({ timeout: 5000 })
  const { lap } = await staff.ok('GET', '/api/laps/current/')
  assert.equal(lap?.runner?.first_name, 'New', 'the held press was recorded')
  assert.ok(Date.parse(lap.start) < upAt - 5000, 'the lap starts at the press time, not at the resend')
  await control.locator('[data-test="connection-state"][data-state="open"]').waitFor({ timeout: 10_000 })
  await stats.locator('[data-test="live-pill"][data-state="open"]').waitFor({ timeout: 10_000 })
  await control.waitForTimeout(500)

  const controlLog = await control.evaluate(() => window.__log)
  const shown = controlLog.find((entry) => entry.at > upAt && entry.runner.includes('New Runner'))
  assert.ok(shown, 'control shows the new runner')
  assert.ok(shown.at - upAt < 1000, `the held press went out ${shown.at - upAt} ms after the server was back`)
  const staleControl = controlLog.filter(
    (entry) => entry.at > pressedAt && entry.state === 'open' && entry.runner.includes('Old Runner'),
  )
  assert.deepEqual(staleControl, [], 'control never says live while its press is held')
  // The statistics page: not live while the server is away, nor once the press is recorded.
  const statsLog = await stats.evaluate(() => window.__log)
  const lostAt = statsLog.find((entry) => entry.at > downAt && entry.state !== 'open')?.at
  assert.ok(lostAt && lostAt - downAt < 5000, 'the statistics page notices the outage')
  const staleStats = statsLog.filter(
    (entry) =>
      entry.state === 'open' &&
      entry.runner.includes('Old Runner') &&
      // (the harness polls every 100 ms: the server may have answered a little before upAt)
      ((entry.at > lostAt && entry.at < upAt - 200) || entry.at > shown.at + 1000),
  )
  assert.deepEqual(staleStats, [], 'the statistics page never says live with data it knows to be old')
  await control.context().close()
  await stats.context().close()
})

test('on a phone the query tabs and the admin lists fit the screen: nothing scrolls sideways', async () => {
  await registerRunners(staff, ['Maximiliaan Vandenbroucke-Verstraeten'])
  const phone = await page('admin', { width: 390, height: 844 })
  const overflow = () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  await phone.goto('/query?tab=without')
  await phone.locator('[data-test="tab-without"]').waitFor()
  assert.equal(await phone.evaluate(overflow), 0, 'the query page is as wide as the screen')
  const tabs = await phone
    .locator('.v-tab')
    .evaluateAll((els) =>
      els.map((el) => [el.getBoundingClientRect().left, el.getBoundingClientRect().right]),
    )
  assert.ok(
    tabs.every(([left, right]) => left >= 0 && right <= 390),
    `every tab is on screen (${JSON.stringify(tabs)})`,
  )
  await phone.screenshot({ path: join(ARTIFACTS, 'query-phone.png') })
  for (const list of ['runner', 'lap', 'queueticket']) {
    await phone.goto(`/admin/competition/${list}/`)
    await phone.locator('#changelist').waitFor()
    assert.equal(await phone.evaluate(overflow), 0, `the admin ${list} list is as wide as the screen`)
  }
  await phone.goto('/admin/competition/runner/')
  await phone.screenshot({ path: join(ARTIFACTS, 'admin-runners-phone.png') })
  await phone.context().close()
})

test('every page at desktop, phone and projector sizes: a screenshot each, and nothing scrolls sideways', async () => {
  const sizes = {
    desktop: { width: 1280, height: 800 },
    phone: { width: 390, height: 844 },
    projector: { width: 1920, height: 1080 },
  }
  const pages = [
    ['stats', '/', null, 'current-runner'],
    ['fullscreen', '/fullscreen', null, 'fs-timer'],
    ['queue', '/queue', null, null],
    ['login', '/login', null, null],
    ['kiosk', '/queue-up', 'competition', 'scan-input'],
    ['control', '/control', 'admin', 'next-lap'],
    ['query', '/query', 'admin', 'tab-search'],
  ]
  // A race in progress: laps behind it, a runner on the track, a queue.
  const runners = await registerRunners(staff, ['Lien Lap', 'Arne Baton', 'Noor Next', 'Wout Wait'])
  for (const runner of runners) await staff.ok('POST', '/api/queue/', { runner: runner.id })
  for (let i = 0; i < 2; i++) {
    const { lap } = await staff.ok('GET', '/api/laps/current/')
    await staff.ok('POST', '/api/laps/advance/', {
      idempotency_key: randomUUID(),
      expected_lap: lap?.id ?? null,
    })
  }
  const wide = []
  for (const [name, size] of Object.entries(sizes)) {
    for (const [label, path, user, ready] of pages) {
      const p = await page(user, size)
      await p.goto(path)
      if (ready) await p.locator(`[data-test="${ready}"]`).first().waitFor({ timeout: 5000 })
      await scrollThrough(p) // a card set up only near the screen may be the one too wide
      await p.waitForTimeout(300) // fonts and the first events
      await p.screenshot({ path: join(ARTIFACTS, `page-${label}-${name}.png`) })
      const overflow = await p.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      if (overflow > 0) wide.push(`${label} at ${name}: ${overflow} px`)
      await p.context().close()
    }
  }
  assert.deepEqual(wide, [], 'no page scrolls sideways')
})
