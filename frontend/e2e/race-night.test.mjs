// A tired volunteer and an organiser on race night (issue 13): the key pressed with the wrong thing
// focused, the next student's card scanned into a half-filled form, one tap on the kiosk's logout.
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
  await kiosk.locator('[data-test="kiosk-message"][data-kind="success"]').waitFor({ timeout: 5000 })
  assert.match(await kiosk.locator('[data-test="kiosk-message"]').innerText(), /Sam/)
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
