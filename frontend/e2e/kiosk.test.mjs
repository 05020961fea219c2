// The queue-up kiosk as a volunteer meets it (issue 13): errors that go when the field is fixed
// and never sit under the next field's label, the limits shown while typing, a reload that comes
// back to the same form, student IDs with spaces and capitals, and the way back to scanning.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { ARTIFACTS, Api, launchBrowser, loginContext, registerRunners, startServer } from './harness.mjs'

const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

let server
let browser
let staff

before(async () => {
  server = await startServer()
  browser = await launchBrowser()
  staff = await new Api(server.url).login('admin', 'admin')
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function kioskPage(viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, baseURL: server.url })
  await loginContext(context, server.url, 'competition', 'competition')
  const page = await context.newPage()
  await page.goto('/queue-up')
  await page.locator('[data-test="scan-input"] input').waitFor()
  return page
}

/** The card as a USB scanner types it: the characters a few ms apart, then Enter. */
async function scan(page, card) {
  await page.keyboard.type(card, { delay: 5 })
  await page.keyboard.press('Enter')
}

async function openForm(page, card) {
  await scan(page, card)
  await page.locator('[data-test="register-form"]').waitFor({ timeout: 5000 })
}

const nameField = (page, which) => page.locator(`[data-test="${which}"] input`)
const messagesOf = (page, which) => page.locator(`[data-test="${which}"] .v-messages`)

/** The text under a field once it settles (a message leaves with a short transition). */
async function settledText(locator, expected, timeout = 3000) {
  const end = Date.now() + timeout
  let text = await locator.innerText()
  while (!expected(text) && Date.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    text = await locator.innerText()
  }
  return text
}
const gone = (text) => text.trim() === ''

/** Every visible error line of the form that a label or another field covers (boxes that intersect). */
function coveredErrors(page) {
  return page.evaluate(() => {
    const form = document.querySelector('[data-test="register-form"]')
    const visible = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
    const errors = [...form.querySelectorAll('.v-messages__message')].filter(visible)
    const covered = []
    for (const error of errors) {
      const box = error.getBoundingClientRect()
      const own = error.closest('.v-input')
      for (const other of form.querySelectorAll('.v-label, .v-field, .v-selection-control')) {
        if (!visible(other) || own.contains(other)) continue
        if (meet(box, other.getBoundingClientRect()))
          covered.push(`${error.textContent} / ${other.className.split(' ')[0]} ${other.textContent}`)
      }
    }
    return { errors: errors.length, covered }
  })
}

for (const viewport of [DESKTOP, PHONE]) {
  const size = `${viewport.width}x${viewport.height}`
  test(`${size}: a server error under a field goes when the field is edited, and nothing covers it`, async () => {
    const page = await kioskPage(viewport)
    await openForm(page, `r09991${viewport.width}`.slice(0, 8))
    // A client without the form's limit (an old tab, a pasted name): the server's own check answers.
    for (const which of ['first-name', 'last-name']) {
      await nameField(page, which).evaluate((input) => input.removeAttribute('maxlength'))
      await nameField(page, which).fill('Pieter-Jan-'.repeat(11))
    }
    await page.locator('[data-test="register-submit"]').click()
    await page.locator('[data-test="kiosk-message"][data-kind="error"]').waitFor({ timeout: 5000 })
    const tooLong = (text) => /no more than 100 characters/.test(text)
    for (const which of ['first-name', 'last-name'])
      assert.ok(tooLong(await settledText(messagesOf(page, which), tooLong)), `the error under ${which}`)
    await page.waitForTimeout(300) // the messages' transition
    const { errors, covered } = await coveredErrors(page)
    assert.equal(errors, 2, 'both error lines are shown')
    assert.deepEqual(covered, [], 'no label or field covers an error line')
    await nameField(page, 'last-name').scrollIntoViewIfNeeded()
    await page.evaluate(() => window.scrollBy(0, 120))
    await page.screenshot({ path: join(ARTIFACTS, `kiosk-form-error-${size}.png`) })

    await nameField(page, 'last-name').fill('Peeters')
    assert.equal(
      await settledText(messagesOf(page, 'last-name'), gone),
      '',
      'the fixed field’s error is gone',
    )
    assert.ok(tooLong(await messagesOf(page, 'first-name').innerText()), 'the other one stays')
    await nameField(page, 'first-name').press('End')
    await nameField(page, 'first-name').press('Backspace')
    assert.equal(await settledText(messagesOf(page, 'first-name'), gone), '')
    const message = page.locator('[data-test="kiosk-message"]')
    assert.equal(await message.getAttribute('data-kind'), 'warning', 'no “check the fields in red” any more')
    await page.context().close()
  })
}

test('the length limit shows while a name is typed, before any submit', async () => {
  const page = await kioskPage()
  await openForm(page, 'r0999201')
  const first = nameField(page, 'first-name')
  assert.equal(await first.getAttribute('maxlength'), '100', 'the server’s max_length')
  await first.pressSequentially('Milan', { delay: 90 })
  const counter = page.locator('[data-test="first-name"] .v-counter')
  await counter.waitFor({ state: 'visible', timeout: 2000 })
  assert.equal((await counter.innerText()).replace(/\s/g, ''), '5/100')
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-form-counter.png') })
  await first.fill('x'.repeat(120))
  assert.equal((await first.inputValue()).length, 100, 'no more than the server keeps')
  assert.equal((await counter.innerText()).replace(/\s/g, ''), '100/100')
  await page.context().close()
})

test('a half-filled form comes back after a reload, and its submit registers and queues the runner', async () => {
  const page = await kioskPage()
  await openForm(page, 'r0999301')
  await nameField(page, 'first-name').pressSequentially('Renée', { delay: 90 })
  await nameField(page, 'last-name').pressSequentially('Reload', { delay: 90 })
  await page.locator('[data-test="first-year"] input').check()
  await page.reload()
  const form = page.locator('[data-test="register-form"]')
  await form.waitFor({ timeout: 5000 })
  assert.equal(await page.locator('[data-test="register-card"] input').inputValue(), 'r0999301')
  assert.equal(await nameField(page, 'first-name').inputValue(), 'Renée')
  assert.equal(await nameField(page, 'last-name').inputValue(), 'Reload')
  assert.equal(await page.locator('[data-test="first-year"] input').isChecked(), true)
  await page.locator('[data-test="register-submit"]').click()
  await page.locator('[data-test="kiosk-message"][data-kind="success"]').waitFor({ timeout: 5000 })
  const found = await staff.ok('GET', '/api/runners/?search=r0999301')
  assert.equal(found.results.length, 1)
  assert.deepEqual(
    [found.results[0].first_name, found.results[0].last_name, found.results[0].first_year],
    ['Renée', 'Reload', true],
  )
  const queue = await staff.ok('GET', '/api/queue/')
  assert.equal(queue.results.filter((t) => t.runner.id === found.results[0].id).length, 1, 'queued once')
  await page.reload() // the form was submitted: it does not come back
  await page.locator('[data-test="scan-input"] input').waitFor()
  assert.equal(await form.count(), 0)
  await page.context().close()
})

test('a card typed as “R 0999002” is the student ID r0999002', async () => {
  const universities = await staff.ok('GET', '/api/universities/')
  assert.ok(
    universities.results.some((u) => u.student_id_pattern === '^r\\d{7}$'),
    'KU Leuven checks ^r\\d{7}$',
  )
  const page = await kioskPage()
  await openForm(page, 'R 0999002')
  assert.equal(await page.locator('[data-test="register-card"] input').inputValue(), 'r0999002')
  await nameField(page, 'first-name').fill('Spatie')
  await nameField(page, 'last-name').fill('Hoofdletter')
  await page.locator('[data-test="register-submit"]').click()
  await page.locator('[data-test="kiosk-message"][data-kind="success"]').waitFor({ timeout: 5000 })
  const found = await staff.ok('GET', '/api/runners/?search=r0999002')
  assert.equal(found.results[0]?.identification, 'r0999002')
  await scan(page, 'R 0999002') // the same card again (a scan replaces the result): already waiting
  await page.locator('[data-test="kiosk-message"][data-kind="warning"]').waitFor({ timeout: 5000 })
  assert.match(await page.locator('[data-test="kiosk-message"]').innerText(), /already in the queue/)
  // The API normalises the same way (spaces and capitals), whoever sends the ID.
  const answer = await staff.call('POST', '/api/queue/', {
    identification: ' R 0999 002 ',
    idempotency_key: crypto.randomUUID(),
  })
  assert.equal(answer.status, 409)
  assert.equal(answer.body.code, 'already_queued')
  await page.context().close()
})

test('a wrong card gets a friendly line without a pattern', async () => {
  const page = await kioskPage()
  await scan(page, 'x1234567')
  const message = page.locator('[data-test="kiosk-message"][data-kind="error"]')
  await message.waitFor({ timeout: 5000 })
  const text = await message.innerText()
  assert.match(text, /x1234567/)
  assert.doesNotMatch(text, /[\\^$]|\\d|\{\d/, `no regex in “${text}”`)
  await page.screenshot({ path: join(ARTIFACTS, 'kiosk-invalid-card.png') })
  await page.context().close()
})

test('after a result the kiosk scans again by itself, with the focus in the scan input', async () => {
  const [runner] = await registerRunners(staff, ['Fien Focus'])
  const page = await kioskPage()
  const input = page.locator('[data-test="scan-input"] input')
  const focused = () => input.evaluate((el) => el === document.activeElement)
  await page.locator('h1').click() // a tap elsewhere on the page...
  await page.waitForTimeout(200)
  assert.equal(await focused(), true, '...leaves the focus in the scan input')
  await scan(page, runner.identification.toUpperCase())
  await page.locator('[data-test="kiosk-message"][data-kind="success"]').waitFor({ timeout: 5000 })
  await page.locator('[data-test="kiosk-result"]').waitFor()
  assert.equal(await focused(), true)
  await page.locator('[data-test="kiosk-message"]').waitFor({ state: 'detached', timeout: 9000 })
  assert.equal(await page.locator('[data-test="kiosk-result"]').count(), 0, 'back to scanning')
  assert.equal(await focused(), true)
  await page.context().close()
})

test('a logout forgets the half-filled form: the next user of the tab does not see it', async () => {
  const page = await kioskPage({ width: 1024, height: 768 })
  await openForm(page, 'r0999401')
  await nameField(page, 'first-name').pressSequentially('Geheim', { delay: 90 })
  await page.locator('[data-test="logout"]').click()
  await page
    .locator('[data-test="kiosk-leave-password"] input')
    .pressSequentially('competition', { delay: 90 })
  await page.keyboard.press('Enter')
  await page.waitForURL((url) => url.pathname === '/', { timeout: 5000 })
  assert.equal(await page.evaluate(() => sessionStorage.getItem('it24u.kiosk')), null)
  // The next volunteer logs in in the same tab and opens the kiosk.
  const status = await page.evaluate(async () => {
    const token = document.cookie.match(/csrftoken=([^;]+)/)?.[1] ?? ''
    const response = await fetch('/api/auth/login/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': token },
      body: JSON.stringify({ username: 'competition', password: 'competition' }),
    })
    return response.status
  })
  assert.equal(status, 200)
  await page.goto('/queue-up')
  await page.locator('[data-test="scan-input"] input').waitFor()
  await page.waitForTimeout(500)
  assert.equal(await page.locator('[data-test="register-form"]').count(), 0, 'no form of the last student')
  assert.equal(await page.getByText('r0999401').count(), 0)
  await page.context().close()
})
