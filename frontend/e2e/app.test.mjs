// The app in Chromium against the real server on a fresh database, several browser contexts at once.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { ARTIFACTS, Api, launchBrowser, loginContext, registerRunners, startServer } from './harness.mjs'

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

async function context(user, viewport = { width: 1280, height: 800 }) {
  const ctx = await browser.newContext({ viewport, baseURL: server.url })
  if (user) await loginContext(ctx, server.url, user, user)
  return ctx
}

const text = (page, hook) => page.locator(`[data-test="${hook}"]`).first()

async function clearQueue() {
  const queue = await staff.ok('GET', '/api/queue/')
  for (const ticket of queue.results) await staff.ok('DELETE', `/api/queue/${ticket.id}/`)
}

test('a known card scanned at the kiosk appears on an anonymous queue page without reload', async () => {
  await clearQueue()
  const [ada] = await registerRunners(staff, ['Ada Kiosk'])
  const viewer = await (await context()).newPage()
  await viewer.goto('/queue')
  await text(viewer, 'queue-empty').waitFor()
  const kiosk = await (await context('competition')).newPage()
  await kiosk.goto('/queue-up')
  const input = kiosk.locator('[data-test="scan-input"] input')
  await input.fill(ada.identification.toUpperCase())
  await input.press('Enter')
  await kiosk.locator('[data-test="kiosk-message"][data-kind="success"]').waitFor({ timeout: 5000 })
  await viewer.locator('[data-test="queue-card"]', { hasText: 'Ada Kiosk' }).waitFor({ timeout: 2000 })
  await viewer.context().close()
  await kiosk.context().close()
})

test('a scan whose answer was lost is sent again with its key and queues the runner once', async () => {
  await clearQueue()
  const [bea] = await registerRunners(staff, ['Bea Retry'])
  const kiosk = await (await context('competition')).newPage()
  await kiosk.goto('/queue-up')
  const input = kiosk.locator('[data-test="scan-input"] input')
  await input.waitFor()
  const keys = []
  await kiosk.route('**/api/queue/', async (route) => {
    if (route.request().method() !== 'POST') return route.continue()
    keys.push(route.request().postDataJSON().idempotency_key)
    if (keys.length > 1) return route.continue()
    await route.fetch() // the server queues the runner...
    return route.abort('connectionreset') // ...and the answer never reaches the kiosk
  })
  await input.fill(bea.identification)
  await input.press('Enter')
  await kiosk.locator('[data-test="kiosk-message"][data-kind="success"]').waitFor({ timeout: 8000 })
  assert.equal(keys.length, 2, 'sent once more')
  assert.equal(keys[0], keys[1], 'with the same key')
  const queue = await staff.ok('GET', '/api/queue/')
  assert.equal(queue.results.filter((ticket) => ticket.runner.id === bea.id).length, 1, 'queued once')
  await kiosk.screenshot({ path: join(ARTIFACTS, 'kiosk-lost-answer.png') })
  await kiosk.context().close()
})

test('an unknown card goes through the registration form and is queued', async () => {
  await clearQueue()
  const kiosk = await (await context('competition')).newPage()
  await kiosk.goto('/queue-up')
  const input = kiosk.locator('[data-test="scan-input"] input')
  await input.fill('r0999999')
  await input.press('Enter')
  const form = kiosk.locator('[data-test="register-form"]')
  await form.waitFor({ timeout: 5000 })
  await kiosk.locator('[data-test="first-name"] input').fill('Nora')
  await kiosk.locator('[data-test="last-name"] input').fill('Newcomer')
  await kiosk.locator('[data-test="register-submit"]').click()
  await kiosk.locator('[data-test="kiosk-message"][data-kind="success"]').waitFor({ timeout: 5000 })
  const queue = await staff.ok('GET', '/api/queue/')
  assert.deepEqual(
    queue.results.map((t) => `${t.runner.first_name} ${t.runner.last_name}`),
    ['Nora Newcomer'],
  )
  await kiosk.context().close()
})

test('next lap presses reach statistics and full screen within a second, and undo reverts them', async () => {
  await clearQueue()
  const runners = await registerRunners(staff, ['Lap One', 'Lap Two', 'Lap Three'])
  for (const runner of runners) await staff.ok('POST', '/api/queue/', { runner: runner.id })
  const stats = await (await context()).newPage()
  await stats.goto('/')
  const full = await (await context(undefined, { width: 1920, height: 1080 })).newPage()
  await full.goto('/fullscreen')
  const control = await (await context('admin')).newPage()
  await control.goto('/control')
  await text(control, 'next-lap').waitFor()
  for (const runner of runners) {
    const name = `${runner.first_name} ${runner.last_name}`
    await text(control, 'next-lap').click()
    await stats.locator('[data-test="current-runner"]', { hasText: name }).waitFor({ timeout: 1000 })
    await full.locator('[data-test="fs-current-runner"]', { hasText: name }).waitFor({ timeout: 1000 })
    await control.waitForTimeout(350) // a deliberate second press, not a double click
  }
  await text(control, 'undo').click()
  await text(control, 'confirm-undo').click()
  await stats.locator('[data-test="current-runner"]', { hasText: 'Lap Two' }).waitFor({ timeout: 1000 })
  await full.locator('[data-test="fs-current-runner"]', { hasText: 'Lap Two' }).waitFor({ timeout: 1000 })
  for (const page of [stats, full, control]) await page.context().close()
})

test('a drag and drop reorder by staff reaches an anonymous viewer', async () => {
  await clearQueue()
  const runners = await registerRunners(staff, ['Drag First', 'Drag Second', 'Drag Third'])
  for (const runner of runners) await staff.ok('POST', '/api/queue/', { runner: runner.id })
  const viewer = await (await context()).newPage()
  await viewer.goto('/queue')
  await viewer.locator('[data-test="queue-card"]', { hasText: 'Drag Third' }).waitFor()
  const editor = await (await context('admin')).newPage()
  await editor.goto('/queue')
  const handles = editor.locator('[data-test="queue-handle"]')
  await handles.nth(2).waitFor()
  const from = await handles.nth(2).boundingBox()
  const to = await handles.nth(0).boundingBox()
  await editor.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await editor.mouse.down()
  await editor.mouse.move(to.x + to.width / 2, to.y + 2, { steps: 12 })
  await editor.mouse.move(to.x + to.width / 2, to.y + 1, { steps: 4 })
  await editor.mouse.up()
  await viewer
    .locator('[data-test="queue-card"]')
    .first()
    .filter({ hasText: 'Drag Third' })
    .waitFor({ timeout: 3000 })
  const queue = await staff.ok('GET', '/api/queue/')
  assert.equal(queue.results[0].runner.first_name, 'Drag')
  assert.equal(queue.results[0].runner.last_name, 'Third')
  await viewer.context().close()
  await editor.context().close()
})

test('an anonymous user is sent from /control to the login and the API refuses the action', async () => {
  const page = await (await context()).newPage()
  await page.goto('/control')
  await page.waitForURL(/\/login\?next=(%2F|\/)control/)
  await text(page, 'username').waitFor()
  const status = await page.evaluate(async () => {
    const response = await fetch('/api/laps/advance/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ idempotency_key: crypto.randomUUID(), expected_lap: null }),
    })
    return response.status
  })
  assert.equal(status, 401)
  // And after logging in as staff through the form, the login page sends the user back.
  await page.locator('[data-test="username"] input').fill('admin')
  await page.locator('[data-test="password"] input').fill('admin')
  await text(page, 'login-submit').click()
  await page.waitForURL(/\/control$/)
  await page.context().close()
})

test('presses made while the server is unreachable survive a reload and are recorded once each', async () => {
  await clearQueue()
  const runners = await registerRunners(staff, ['Off One', 'Off Two', 'Off Three'])
  for (const runner of runners) await staff.ok('POST', '/api/queue/', { runner: runner.id })
  const before = (await staff.ok('GET', '/api/laps/?page_size=500')).count
  const control = await (await context('admin')).newPage()
  await control.goto('/control')
  await text(control, 'next-lap').waitFor()
  await control.waitForTimeout(500) // the snapshot and the clock are in
  const ctx = control.context()
  await ctx.route('**/api/**', (route) => route.abort('internetdisconnected'))
  const pressedAt = []
  for (let i = 0; i < 2; i++) {
    pressedAt.push(Date.now())
    await text(control, 'next-lap').click()
    await control.waitForTimeout(600)
  }
  await control.locator('[data-test="pending-count"]', { hasText: '2' }).waitFor({ timeout: 3000 })
  await control.reload()
  await control.locator('[data-test="pending-count"]', { hasText: '2' }).waitFor({ timeout: 5000 })
  await ctx.unroute('**/api/**')
  await control.locator('[data-test="pending-count"]', { hasText: '0' }).waitFor({ timeout: 15_000 })
  const laps = await staff.ok('GET', '/api/laps/?page_size=500')
  assert.equal(laps.count, before + 2, 'exactly two new laps')
  const starts = laps.results
    .slice(0, 2)
    .map((lap) => Date.parse(lap.start))
    .reverse()
  starts.forEach((start, i) =>
    assert.ok(Math.abs(start - pressedAt[i]) < 1500, `lap ${i} starts at its press time`),
  )
  await ctx.close()
})

test('a lost connection shows a notice within 5 s and the page recovers by itself', async () => {
  const page = await (await context()).newPage()
  await page.goto('/')
  await text(page, 'total-laps').waitFor()
  await page.waitForTimeout(500) // the live stream is open
  await server.crash()
  const lostAt = Date.now()
  await text(page, 'connection-lost').waitFor({ timeout: 5000 })
  assert.ok(Date.now() - lostAt < 5000)
  await server.restart()
  await text(page, 'connection-lost').waitFor({ state: 'hidden', timeout: 15_000 })
  // Live again without a reload: a change made now reaches the page.
  await staff.ok('PATCH', '/api/settings/', { banner: 'Back online' })
  await page.locator('[data-test="banner"]', { hasText: 'Back online' }).waitFor({ timeout: 3000 })
  await staff.ok('PATCH', '/api/settings/', { banner: '' })
  await page.context().close()
})

test('names with HTML or script in them are shown as text on every page', async () => {
  await clearQueue()
  const hostile = [
    ['<img src=x onerror="window.__xss=1">', '<script>window.__xss=2</script>'],
    ['<svg onload="window.__xss=3">', '<b>bold</b>'],
    ['"><iframe src="javascript:window.__xss=4">', '{{ 7*7 }}'],
  ]
  const group = await staff.ok('POST', '/api/groups/', { name: '<i onmouseover="window.__xss=5">Grp</i>' })
  const universities = await staff.ok('GET', '/api/universities/')
  const runners = []
  for (const [i, [first, last]] of hostile.entries()) {
    runners.push(
      await staff.ok('POST', '/api/runners/', {
        first_name: first,
        last_name: last,
        identification: `r${String(8000000 + i)}`,
        university: universities.results[0].id,
        group: group.id,
      }),
    )
  }
  for (const runner of runners) await staff.ok('POST', '/api/queue/', { runner: runner.id })
  for (let i = 0; i < 2; i++) {
    const current = await staff.ok('GET', '/api/laps/current/')
    await staff.ok('POST', '/api/laps/advance/', {
      idempotency_key: crypto.randomUUID(),
      expected_lap: current.lap?.id ?? null,
      force: true,
    })
  }
  await staff.ok('PATCH', '/api/settings/', { banner: '<img src=x onerror="window.__xss=6">Banner' })
  const pages = [
    ['/', undefined],
    ['/fullscreen', undefined],
    ['/queue', 'admin'],
    ['/queue-up', 'competition'],
    ['/control', 'admin'],
    ['/query', 'admin'],
  ]
  for (const [path, user] of pages) {
    const page = await (await context(user, { width: 1920, height: 1080 })).newPage()
    const problems = []
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
        problems.push(message.text())
      }
    })
    await page.goto(path)
    await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined)
    await page.waitForTimeout(500)
    const found = await page.evaluate(() => ({
      xss: window.__xss ?? null,
      // Elements a payload would have created if it had been parsed as HTML.
      injected: document.querySelectorAll(
        'img[src="x"], svg[onload], iframe, [onerror], [onload], [onmouseover], b, script:not([src])',
      ).length,
      text: document.body.innerText,
    }))
    const shot = `hostile-names${path === '/' ? '-stats' : path.replaceAll('/', '-')}.png`
    await page.screenshot({ path: join(ARTIFACTS, shot) })
    assert.equal(found.xss, null, `${path}: a payload ran`)
    assert.equal(found.injected, 0, `${path}: a payload became an element`)
    assert.deepEqual(problems, [], `${path}: nothing tripped the Content-Security-Policy`)
    if (path === '/' || path === '/fullscreen') {
      assert.ok(found.text.includes('Banner'), `${path} shows the banner`)
      assert.ok(
        found.text.includes('<img src=x onerror="window.__xss=6">'),
        `${path} shows the banner's HTML as text`,
      )
    }
    if (path === '/queue' || path === '/control' || path === '/fullscreen') {
      assert.ok(
        found.text.includes('{{ 7*7 }}') || found.text.includes('<svg onload="window.__xss=3">'),
        `${path} shows a hostile name as text`,
      )
    }
    await page.context().close()
  }
  await staff.ok('PATCH', '/api/settings/', { banner: '' })
})

test('every page looks right on a laptop and on a phone (screenshots of the demo event)', async () => {
  const demo = await startServer({ demo: true })
  const pages = [
    ['stats', '/', undefined],
    ['fullscreen', '/fullscreen', undefined],
    ['queue', '/queue', 'admin'],
    ['queue-up', '/queue-up', 'competition'],
    ['control', '/control', 'admin'],
    ['query', '/query', 'admin'],
    ['login', '/login', undefined],
    ['api-docs', '/api/docs/', undefined],
    ['admin-login', '/admin/login/', undefined],
  ]
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 360, height: 740 },
  ]) {
    for (const [name, path, user] of pages) {
      const ctx = await browser.newContext({ viewport, baseURL: demo.url })
      if (user) await loginContext(ctx, demo.url, user, user)
      const page = await ctx.newPage()
      const errors = []
      page.on('pageerror', (error) => errors.push(error.message))
      // The server sends a Content-Security-Policy: nothing on any page may trip it.
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) {
          errors.push(message.text())
        }
      })
      await page.goto(path)
      await page.waitForLoadState('networkidle', { timeout: 3000 }).catch(() => undefined)
      await page.waitForTimeout(700)
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${viewport.width}x${viewport.height}.png`) })
      assert.deepEqual(errors, [], `${name} has no script errors`)
      await ctx.close()
    }
  }
  await demo.stop()
})
