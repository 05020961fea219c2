// Shift check-in and milestone rewards (issue 16) as the night uses them: a card scanned during a
// shift checks its runner in while the shift board on another screen follows live, and staff check
// in a stand-in found by name; a lap that reaches a milestone shows its reward on the control page,
// the kiosk and the big screen, and staff hand it out from the control page.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { after, before, test } from 'node:test'

import { ARTIFACTS, Api, launchBrowser, loginContext, registerRunners, startServer } from './harness.mjs'

const DESKTOP = { width: 1280, height: 800 }

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

async function open(path, user, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, baseURL: server.url })
  if (user) await loginContext(context, server.url, user, user)
  const page = await context.newPage()
  await page.goto(path)
  return page
}

async function kiosk() {
  const page = await open('/queue-up', 'competition')
  await page.locator('[data-test="scan-input"] input').waitFor()
  return page
}

/** The card as a USB scanner types it: the characters a few ms apart, then Enter. */
async function scan(page, card) {
  await page.locator('[data-test="scan-input"] input').focus()
  await page.keyboard.type(card, { delay: 5 })
  await page.keyboard.press('Enter')
}

const inMinutes = (minutes) => new Date(Date.now() + minutes * 60_000).toISOString()

async function press(force = false) {
  const current = await staff.ok('GET', '/api/laps/current/')
  return staff.ok('POST', '/api/laps/advance/', {
    idempotency_key: randomUUID(),
    expected_lap: current.lap?.id ?? null,
    force,
  })
}

test('a scan during a shift checks the runner in, and the board on another screen follows live', async () => {
  const shift = await staff.ok('POST', '/api/shifts/', {
    name: 'Night watch',
    start: inMinutes(-10),
    end: inMinutes(60),
  })
  const [lotte, sam] = await registerRunners(staff, ['Lotte Peeters', 'Sam Janssens'])
  for (const runner of [lotte, sam])
    await staff.ok('PATCH', `/api/runners/${runner.id}/`, { shifts: [shift.id] })

  const board = await open('/shifts', 'admin')
  const card = board.locator('[data-test="shift-card"]', { hasText: 'Night watch' })
  await card.locator('[data-test="missing-row"]', { hasText: 'Lotte' }).waitFor({ timeout: 10_000 })
  assert.equal(await card.locator('[data-test="checked-in-row"]').count(), 0)

  const page = await kiosk()
  await scan(page, lotte.identification)
  const told = page.locator('[data-test="kiosk-check-in"]')
  await told.waitFor({ timeout: 5000 })
  assert.match(await told.innerText(), /Night watch/)

  // The other screen: Lotte moves from missing to checked in, Sam stays missing.
  await card.locator('[data-test="checked-in-row"]', { hasText: 'Lotte' }).waitFor({ timeout: 5000 })
  assert.equal(await card.locator('[data-test="missing-row"]', { hasText: 'Lotte' }).count(), 0)
  assert.equal(await card.locator('[data-test="missing-row"]', { hasText: 'Sam' }).count(), 1)
  await board.screenshot({ path: join(ARTIFACTS, 'shift-board.png') })

  // Staff check Sam in by hand; the board shows who did it by hand.
  await card
    .locator('[data-test="missing-row"]', { hasText: 'Sam' })
    .locator('[data-test="check-in"]')
    .click()
  const samRow = card.locator('[data-test="checked-in-row"]', { hasText: 'Sam' })
  await samRow.locator('[data-test="by-hand"]').waitFor({ timeout: 5000 })
  const checkIns = (await staff.ok('GET', '/api/shift-board/')).shifts.find((s) => s.id === shift.id)
  assert.deepEqual(
    checkIns.checked_in.map((c) => [c.runner.id, c.manual]).sort(),
    [
      [lotte.id, false],
      [sam.id, true],
    ].sort(),
  )

  // Ruben is not on the shift's list but runs it instead of someone: staff find him by name.
  const [ruben] = await registerRunners(staff, ['Ruben Maes'])
  await card.locator('[data-test="stand-in"]').click()
  const picker = board.getByRole('dialog', { name: 'Check in a stand-in' })
  await picker.getByRole('textbox', { name: 'Name or student ID' }).fill('Ruben')
  await picker.locator('[data-test="runner-candidate"]', { hasText: 'Ruben Maes' }).click()
  await picker.waitFor({ state: 'hidden', timeout: 5000 })
  const rubenRow = card.locator('[data-test="checked-in-row"]', { hasText: 'Ruben' })
  await rubenRow.locator('[data-test="not-in-shift"]').waitFor({ timeout: 5000 })
  assert.equal(await rubenRow.locator('[data-test="by-hand"]').count(), 1)
  // He does not count towards the shift: still 2 of its 2 runners.
  assert.match(await card.locator('[data-test="shift-counts"]').innerText(), /^2 of 2 checked in/)
  const standIn = (await staff.ok('GET', '/api/shift-board/')).shifts
    .find((s) => s.id === shift.id)
    .checked_in.find((c) => c.runner.id === ruben.id)
  assert.deepEqual([standIn.manual, standIn.in_shift], [true, false])
  await board.screenshot({ path: join(ARTIFACTS, 'shift-board-stand-in.png') })
  await board.context().close()
  await page.context().close()
})

test('a lap that reaches a milestone shows the reward on control, kiosk and the big screen', async () => {
  await staff.ok('POST', '/api/milestones/', { laps: 1, reward: 'a drink voucher' })
  // The runners the first test's scan queued leave the queue: Noor is next.
  for (const ticket of (await staff.ok('GET', '/api/queue/')).results)
    await staff.ok('DELETE', `/api/queue/${ticket.id}/`)
  const [runner] = await registerRunners(staff, ['Noor Claes'])

  const control = await open('/control', 'admin')
  await control.locator('[data-test="connection-state"][data-state="open"]').waitFor({ timeout: 10_000 })
  const page = await kiosk()
  const big = await open('/fullscreen', undefined, { width: 1920, height: 1080 })
  await big.locator('.fs-current__idle').waitFor() // loaded: no lap runs yet

  await staff.ok('POST', '/api/queue/', { runner: runner.id })
  await press() // Noor starts
  await press(true) // and finishes her first lap: the milestone

  const notice = control.locator('[data-test="reward-notice"]', { hasText: 'Noor' })
  await notice.waitFor({ timeout: 5000 })
  assert.match(await notice.innerText(), /a drink voucher/)
  const onKiosk = page.locator('[data-test="kiosk-reward-notice"]')
  await onKiosk.waitFor({ timeout: 5000 })
  assert.match(await onKiosk.innerText(), /Noor.*a drink voucher/s)
  const banner = big.locator('[data-test="fs-celebration"]')
  await banner.waitFor({ timeout: 5000 })
  assert.match(await banner.innerText(), /a drink voucher/)
  await big.screenshot({ path: join(ARTIFACTS, 'fullscreen-reward.png') })

  // Her next scan at the kiosk lists the reward due.
  await scan(page, runner.identification)
  const due = page.locator('[data-test="kiosk-reward-due"]')
  await due.waitFor({ timeout: 5000 })
  assert.match(await due.innerText(), /a drink voucher/)

  // Staff hand it out from the control page: it is due no more.
  await notice.locator('[data-test="notice-hand-out"]').click()
  await control.waitForFunction(
    async () => (await (await fetch('/api/rewards/?due=1')).json()).length === 0,
    null,
    { timeout: 5000 },
  )
  const [reward] = await staff.ok('GET', `/api/rewards/?runner=${runner.id}`)
  assert.equal(reward.handed_out_by, 'admin')
  await control.screenshot({ path: join(ARTIFACTS, 'control-reward.png') })
  for (const p of [control, page, big]) await p.context().close()
})
