// Offline and installable (issue 14): with the network cut, every page reloads from the service
// worker's cache; /control keeps its held presses through the reload and sends them once the
// network is back; two /control tabs share their presses and each arrives once; and nothing the
// server says (the API, the admin) is ever answered from the cache.
import assert from 'node:assert/strict'
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

async function context(user) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: server.url })
  if (user) await loginContext(ctx, server.url, user, user)
  return ctx
}

/** Opens `path` once the service worker has the app shell and controls the page. */
async function controlled(ctx, path) {
  const page = await ctx.newPage()
  await page.goto(path)
  // Installed (the app shell is in its cache), then in control of the page.
  await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready,
      new Promise((_, fail) => setTimeout(() => fail(new Error('no service worker after 20 s')), 20_000)),
    ]),
  )
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 })
  return page
}

const laps = async () => (await staff.ok('GET', '/api/laps/?page_size=500')).count

/** The lap count reaches `count` and stays there (a press sent twice would add one more). */
async function lapsSettleAt(count) {
  const deadline = Date.now() + 10_000
  while ((await laps()) < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
  await new Promise((r) => setTimeout(r, 1500))
  assert.equal(await laps(), count)
}

const held = (page) => page.locator('[data-test="pending-list"] li')
const live = (page) =>
  page.locator('[data-test="connection-state"][data-state="open"]').waitFor({ timeout: 10_000 })

async function queue(names) {
  for (const ticket of (await staff.ok('GET', '/api/queue/')).results) {
    await staff.ok('DELETE', `/api/queue/${ticket.id}/`)
  }
  for (const runner of await registerRunners(staff, names)) {
    await staff.ok('POST', '/api/queue/', { runner: runner.id })
  }
}

test('offline, /control reloads with its held presses, and a press made then is sent once the network is back', async () => {
  await queue(['Olga Offline', 'Piet Pending', 'Quinten Queue'])
  const ctx = await context('admin')
  const control = await controlled(ctx, '/control')
  await live(control)
  const before = await laps()

  await ctx.setOffline(true)
  await control.keyboard.press(' ')
  await held(control).first().waitFor({ timeout: 5000 })
  await control.reload() // the Wi-Fi is gone: the service worker answers
  await control.locator('[data-test="next-lap"]').waitFor({ timeout: 5000 })
  await held(control).first().waitFor({ timeout: 5000 })
  assert.equal(await held(control).count(), 1, 'the press held before the reload is on the page')
  // The organiser is still logged in, as the server last said: not a "Log in" button.
  await control.locator('[data-test="logout"]').waitFor({ timeout: 5000 })
  assert.equal(await control.locator('[data-test="login"]').count(), 0, 'no "Log in" on the reloaded page')
  // And the race as this browser last knew it, not "No lap is running" and an empty queue.
  await control.getByText('Olga Offline').first().waitFor({ timeout: 5000 })
  await control.getByText('Piet Pending').first().waitFor({ timeout: 5000 })
  await control.keyboard.press(' ') // and the next runner finishes, still offline
  await held(control).nth(1).waitFor({ timeout: 5000 })
  await control.screenshot({ path: join(ARTIFACTS, 'offline-control.png') })
  assert.equal(await laps(), before, 'nothing reached the server while offline')

  await ctx.setOffline(false)
  await control.locator('[data-test="pending-count"]', { hasText: '0' }).waitFor({ timeout: 10_000 })
  await lapsSettleAt(before + 2)
  assert.equal(await control.locator('[data-test="refusal"]').count(), 0, 'no press was refused')
  await ctx.close()
})

test('two /control tabs each hold a press offline, and both arrive exactly once', async () => {
  await queue(['Rik Relay', 'Saar Second'])
  const ctx = await context('admin')
  const first = await controlled(ctx, '/control')
  const second = await ctx.newPage()
  await second.goto('/control')
  await live(first)
  await live(second)
  const before = await laps()

  await ctx.setOffline(true)
  await first.bringToFront()
  await first.keyboard.press(' ')
  await held(first).first().waitFor({ timeout: 5000 })
  await held(second).first().waitFor({ timeout: 5000 }) // the other tab shows it too
  await second.bringToFront()
  await second.keyboard.press(' ')
  for (const tab of [first, second]) await held(tab).nth(1).waitFor({ timeout: 5000 })
  await second.screenshot({ path: join(ARTIFACTS, 'offline-two-tabs.png') })

  await ctx.setOffline(false)
  for (const tab of [first, second]) {
    await tab.locator('[data-test="pending-count"]', { hasText: '0' }).waitFor({ timeout: 10_000 })
  }
  await lapsSettleAt(before + 2)
  for (const tab of [first, second]) {
    assert.equal(await tab.locator('[data-test="refusal"]').count(), 0, 'the second press followed the first')
  }
  const { lap } = await staff.ok('GET', '/api/laps/current/')
  assert.equal(lap?.runner?.first_name, 'Saar', 'both handovers happened, in order')
  await ctx.close()
})

test('the kiosk and the projector reload offline, and another page of the app opens offline too', async () => {
  const kioskCtx = await context('competition')
  const kiosk = await controlled(kioskCtx, '/queue-up')
  await kiosk.locator('[data-test="scan-input"]').waitFor()
  await kioskCtx.setOffline(true)
  await kiosk.reload()
  await kiosk.locator('[data-test="scan-input"]').waitFor({ timeout: 5000 })
  await kiosk.locator('[data-test="fullscreen-toggle"]').waitFor()
  await kioskCtx.close()

  await queue(['Vera Venue'])
  const publicCtx = await context(null)
  const projector = await controlled(publicCtx, '/fullscreen')
  await projector.locator('[data-test="fs-next"]', { hasText: 'Vera' }).waitFor()
  await publicCtx.setOffline(true)
  await projector.reload()
  // What the big screen last knew, not "Queue is empty": the data the browser kept.
  await projector.locator('[data-test="fs-next"]', { hasText: 'Vera' }).waitFor({ timeout: 5000 })
  const toggle = projector.locator('[data-test="fullscreen-toggle"]')
  assert.equal(await toggle.getAttribute('aria-label'), 'Full screen')
  await projector.screenshot({ path: join(ARTIFACTS, 'offline-fullscreen.png') })
  await projector.goto('/queue') // never opened in this browser: the same app shell
  await projector.locator('h1').first().waitFor({ timeout: 5000 })
  // Not even the service worker reaches the server: with the server gone, the same.
  await server.crash()
  try {
    await projector.goto('/fullscreen')
    await projector.locator('[data-test="fs-next"]').waitFor({ timeout: 5000 })
  } finally {
    await server.restart()
  }
  await publicCtx.close()
})

test('the service worker never answers for the server: the API and the admin come from the network only', async () => {
  const ctx = await context('admin')
  const page = await controlled(ctx, '/')
  await page.evaluate(() => fetch('/api/stats/').then((r) => r.json())) // an answer it could have kept
  await page.goto('/admin/') // a navigation the app shell must not take over
  assert.match(await page.title(), /administration/i)

  const cached = await page.evaluate(async () => {
    const urls = []
    let csp = null
    for (const name of await caches.keys()) {
      const cache = await caches.open(name)
      for (const request of await cache.keys()) {
        const path = new URL(request.url).pathname // (Workbox adds its revision as a query string)
        urls.push(path)
        if (path === '/') csp = (await cache.match(request)).headers.get('content-security-policy')
      }
    }
    return { urls, csp }
  })
  assert.ok(cached.urls.includes('/'), 'the app shell is kept')
  assert.ok(
    cached.urls.some((url) => /^\/static\/app\/assets\/.+\.js$/.test(url)),
    'its scripts are kept',
  )
  const server_ = cached.urls.filter((url) => /^\/(api\/|admin\/|healthz|static\/admin\/)/.test(url))
  assert.deepEqual(server_, [], 'nothing of the server is kept')
  assert.match(cached.csp ?? '', /default-src 'self'/, 'the kept page keeps its Content-Security-Policy')

  await page.goto('/')
  await ctx.setOffline(true)
  const offline = await page.evaluate(() =>
    fetch('/api/stats/').then(
      (r) => `answered ${r.status}`,
      () => 'failed',
    ),
  )
  assert.equal(offline, 'failed', 'offline, the API fails: no stale answer from a cache')
  await ctx.close()
})

test('the app is installable: a manifest with its icons, the worker at the root, robots.txt', async () => {
  const ctx = await context(null)
  const page = await ctx.newPage()
  await page.goto('/')
  const href = await page.locator('link[rel="manifest"]').getAttribute('href')
  const manifest = await (await fetch(new URL(href, server.url))).json()
  assert.equal(manifest.start_url, '/')
  assert.equal(manifest.display, 'fullscreen')
  for (const icon of manifest.icons) {
    const response = await fetch(new URL(icon.src, new URL(href, server.url)))
    assert.equal(response.headers.get('content-type'), 'image/png', icon.src)
  }
  const description = await page.locator('meta[name="description"]').getAttribute('content')
  assert.ok(description.length > 30, 'a meta description')

  const worker = await fetch(`${server.url}/sw.js`)
  assert.equal(worker.status, 200)
  assert.equal(worker.headers.get('cache-control'), 'no-cache')
  const robots = await (await fetch(`${server.url}/robots.txt`)).text()
  assert.match(robots, /^Disallow: \/control$/m)
  assert.match(robots, /^Allow: \/fullscreen$/m)
  await ctx.close()
})

test('after a deploy, an idle page reloads into the new version by itself, and /control asks first', async () => {
  // A server of its own on a copy of the build, so that this test can deploy a new one.
  const dist = mkdtempSync(join(tmpdir(), 'it24u-dist-'))
  const saved = process.env.FRONTEND_DIST
  cpSync(saved ?? join(import.meta.dirname, '..', 'dist'), dist, { recursive: true })
  process.env.FRONTEND_DIST = dist
  const deployed = await startServer().finally(() => {
    if (saved === undefined) delete process.env.FRONTEND_DIST
    else process.env.FRONTEND_DIST = saved
  })
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: deployed.url })
  try {
    await loginContext(ctx, deployed.url, 'admin', 'admin')
    const queuePage = await controlled(ctx, '/queue')
    const control = await ctx.newPage()
    await control.goto('/control')
    await control.locator('[data-test="next-lap"]').waitFor()
    for (const page of [queuePage, control]) await page.evaluate(() => (window.__loaded = 'before'))

    appendFileSync(join(dist, 'sw.js'), '\n// the next build\n') // the deploy
    const reloaded = queuePage.waitForEvent('load', { timeout: 15_000 })
    await control.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update())
    await reloaded
    assert.equal(
      await queuePage.evaluate(() => window.__loaded ?? 'after'),
      'after',
      'the idle page reloaded',
    )

    // The organiser may be about to press: the control page says so instead of reloading.
    await control.locator('[data-test="update-notice"]').waitFor({ timeout: 5000 })
    assert.equal(await control.evaluate(() => window.__loaded), 'before', 'the control page did not reload')
    await control.screenshot({ path: join(ARTIFACTS, 'update-notice.png') })
    const reloadedControl = control.waitForEvent('load')
    await control.locator('[data-test="update-reload"]').click()
    await reloadedControl
    await control.locator('[data-test="next-lap"]').waitFor()
    assert.equal(await control.locator('[data-test="update-notice"]').count(), 0)
  } finally {
    await ctx.close()
    await deployed.stop()
    rmSync(dist, { recursive: true, force: true })
  }
})
