import { describe, expect, it } from 'vitest'

import {
  FORM_IDLE_MS,
  LONG_RESULT_MS,
  RESULT_MS,
  changedFields,
  deadline,
  emptyRegistration,
  extrasOf,
  fieldErrorsOf,
  initialState,
  messageFor,
  next,
  normaliseIdentification,
  restore,
  type ErrorLike,
  type KioskState,
} from './kiosk'

const runner = {
  id: 7,
  first_name: 'Lien',
  last_name: 'De Smet',
  university: 1,
  group: null,
  first_year: false,
}
const error = (status: number, code: string, detail = '', body: Record<string, unknown> = {}): ErrorLike => ({
  status,
  code,
  detail,
  body: { detail, code, ...body },
})
const INVALID = '“abc” is not a valid KU Leuven student ID (for example r0123456).'

function scanned(id = 'r0123456', at = 1000): KioskState {
  return next(initialState(0), { type: 'scan', identification: id, at })
}

describe('normalising a student ID', () => {
  it('drops every space and lowercases, as the server does', () => {
    expect(normaliseIdentification('R 0999002')).toBe('r0999002')
    expect(normaliseIdentification('  R0123 456\r\n')).toBe('r0123456')
    expect(normaliseIdentification('r\t0999\u00a0002')).toBe('r0999002')
    expect(normaliseIdentification('   ')).toBe('')
  })

  it('drops the control codes some scanners wrap a code in', () => {
    expect(normaliseIdentification('\u0002r0123456\u0003')).toBe('r0123456')
  })

  it('leaves a normalised ID as it is', () => {
    expect(normaliseIdentification('r0999002')).toBe('r0999002')
    expect(normaliseIdentification(normaliseIdentification('S 12-34'))).toBe('s12-34')
  })
})

describe('the kiosk state machine', () => {
  it('is busy after a scan and has no timeout while waiting for the server', () => {
    const state = scanned()
    expect(state).toMatchObject({ phase: 'idle', busy: true, identification: 'r0123456' })
    expect(deadline(state)).toBeNull()
  })

  it('ignores a second scan while the first is on its way', () => {
    const state = scanned('r1')
    expect(next(state, { type: 'scan', identification: 'r2', at: 2000 })).toBe(state)
  })

  it('shows a queued runner with their place, then scans again after the timeout', () => {
    const queued = next(scanned(), { type: 'queued', runner, position: 12, at: 2000 })
    expect(queued).toMatchObject({ phase: 'queued', busy: false, position: 12, runner })
    expect(queued.message).toEqual({
      kind: 'success',
      key: 'kiosk.msg.queued',
      params: { name: 'Lien', n: 13 },
    })
    expect(deadline(queued)).toBe(2000 + RESULT_MS)
    expect(next(queued, { type: 'tick', at: 2000 + RESULT_MS - 1 })).toBe(queued)
    expect(next(queued, { type: 'tick', at: 2000 + RESULT_MS })).toMatchObject({
      phase: 'idle',
      message: null,
      runner: null,
    })
  })

  it('lets the next scan replace a result on screen at once', () => {
    const queued = next(scanned(), { type: 'queued', runner, position: 0, at: 2000 })
    expect(next(queued, { type: 'scan', identification: 'r7654321', at: 2500 })).toMatchObject({
      phase: 'idle',
      busy: true,
      identification: 'r7654321',
      runner: null,
    })
  })

  it('opens the form for an unknown card and keeps it open while someone types', () => {
    const form = next(scanned('R0999999'), { type: 'failed', error: error(404, 'unknown_runner'), at: 2000 })
    expect(form).toMatchObject({ phase: 'register', busy: false, identification: 'R0999999' })
    expect(form.message).toMatchObject({
      kind: 'warning',
      key: 'kiosk.msg.unknown',
      params: { id: 'R0999999' },
    })
    expect(deadline(form)).toBe(2000 + FORM_IDLE_MS)
    const typing = next(form, { type: 'activity', at: 50_000 })
    expect(next(typing, { type: 'tick', at: 2000 + FORM_IDLE_MS })).toBe(typing)
    expect(next(typing, { type: 'tick', at: 50_000 + FORM_IDLE_MS })).toMatchObject({ phase: 'idle' })
  })

  it('keeps the form with field errors when the server rejects a field', () => {
    const form = next(scanned(), { type: 'failed', error: error(404, 'unknown_runner'), at: 2000 })
    const sent = next(form, { type: 'submit', at: 3000 })
    expect(sent.busy).toBe(true)
    expect(next(sent, { type: 'submit', at: 3001 })).toBe(sent)
    const rejected = next(sent, {
      type: 'failed',
      error: error(400, 'invalid', 'first_name: too long', { errors: { first_name: ['Too long.'] } }),
      at: 4000,
    })
    expect(rejected).toMatchObject({
      phase: 'register',
      busy: false,
      fieldErrors: { first_name: ['Too long.'] },
    })
    expect(rejected.message?.kind).toBe('error')
  })

  it('turns other failures into a notice that goes away by itself', () => {
    const notice = next(scanned('abc'), {
      type: 'failed',
      error: error(400, 'invalid_identification', INVALID),
      at: 2000,
    })
    expect(notice).toMatchObject({ phase: 'notice', busy: false })
    expect(notice.message).toMatchObject({
      kind: 'error',
      key: 'kiosk.msg.invalid',
      params: { detail: INVALID },
    })
    expect(next(notice, { type: 'tick', at: 2000 + RESULT_MS })).toMatchObject({
      phase: 'idle',
      message: null,
    })
  })

  it('clears a field’s server error as soon as that field changes', () => {
    const form = next(scanned(), { type: 'failed', error: error(404, 'unknown_runner'), at: 2000 })
    const rejected = next(next(form, { type: 'submit', at: 3000 }), {
      type: 'failed',
      error: error(400, 'invalid', 'x', { errors: { first_name: ['Too long.'], last_name: ['Too long.'] } }),
      at: 4000,
    })
    const one = next(rejected, { type: 'edit', fields: ['last_name'], at: 5000 })
    expect(one.fieldErrors).toEqual({ first_name: ['Too long.'] })
    expect(one.message?.key).toBe('kiosk.msg.checkFields')
    expect(one.since).toBe(5000) // typing keeps the form open
    const both = next(one, { type: 'edit', fields: ['first_name'], at: 6000 })
    expect(both.fieldErrors).toEqual({})
    // Nothing is red any more: the form says again what it is for.
    expect(both.message).toMatchObject({ kind: 'warning', key: 'kiosk.msg.unknown' })
  })

  it('clears the card’s error when another university is chosen (the card is checked against it)', () => {
    const form = next(scanned(), { type: 'failed', error: error(404, 'unknown_runner'), at: 2000 })
    const rejected = next(next(form, { type: 'submit', at: 3000 }), {
      type: 'failed',
      error: error(400, 'invalid_identification', INVALID, { field: 'identification' }),
      at: 4000,
    })
    expect(rejected.fieldErrors).toEqual({ identification: [INVALID] })
    expect(next(rejected, { type: 'edit', fields: ['first_name'], at: 5000 }).fieldErrors).toEqual({
      identification: [INVALID],
    })
    expect(next(rejected, { type: 'edit', fields: ['university'], at: 5000 }).fieldErrors).toEqual({})
  })

  it('ignores an edit when no form is open', () => {
    const queued = next(scanned(), { type: 'queued', runner, position: 0, at: 2000 })
    expect(next(queued, { type: 'edit', fields: ['first_name'], at: 2500 })).toBe(queued)
  })

  it('goes back to scanning on reset, whatever it shows', () => {
    const form = next(scanned(), { type: 'failed', error: error(404, 'unknown_runner'), at: 2000 })
    expect(next(form, { type: 'reset', at: 3000 })).toEqual(initialState(3000))
  })
})

describe('friendly messages', () => {
  it('names the position of an already queued runner, counted from one', () => {
    expect(messageFor(error(409, 'already_queued', 'x', { position: 4 }))).toEqual({
      kind: 'warning',
      key: 'kiosk.msg.alreadyQueued',
      params: { n: 5 },
    })
    expect(messageFor(error(409, 'already_queued', 'x')).key).toBe('kiosk.msg.alreadyQueuedSomewhere')
  })

  it('tells offline and server trouble apart from a refusal', () => {
    expect(messageFor(error(0, 'offline'))).toMatchObject({ kind: 'error', key: 'kiosk.msg.offline' })
    expect(messageFor(error(502, 'error'))).toMatchObject({ kind: 'error', key: 'kiosk.msg.server' })
    expect(messageFor(error(403, 'permission_denied'))).toMatchObject({ key: 'kiosk.msg.forbidden' })
    expect(messageFor(error(400, 'invalid', 'identification: blank'))).toMatchObject({
      key: 'kiosk.msg.rejected',
      params: { detail: 'identification: blank' },
    })
  })

  it('reads field errors from DRF and from a domain error with a field', () => {
    expect(
      fieldErrorsOf(error(400, 'invalid', 'x', { errors: { last_name: ['Required.'], group: 'Bad.' } })),
    ).toEqual({
      last_name: ['Required.'],
      group: ['Bad.'],
    })
    expect(fieldErrorsOf(error(400, 'invalid_identification', INVALID, { field: 'identification' }))).toEqual(
      {
        identification: [INVALID],
      },
    )
  })
})

describe('the fields that changed', () => {
  it('names the fields whose value differs', () => {
    const before = emptyRegistration()
    expect(changedFields(before, { ...before, last_name: 'P', first_year: true })).toEqual([
      'last_name',
      'first_year',
    ])
    expect(changedFields(before, { ...before })).toEqual([])
  })
})

describe('coming back after a reload', () => {
  const form = next(scanned('r0999999', 1000), {
    type: 'failed',
    error: error(404, 'unknown_runner'),
    at: 2000,
  })

  it('comes back to the same form, errors and all, while it has not timed out', () => {
    expect(restore(form, 5000)).toEqual(form)
    expect(restore(form, 2000 + FORM_IDLE_MS)).toEqual(initialState(2000 + FORM_IDLE_MS))
  })

  it('comes back to a form whose submit was on its way, ready to be sent again', () => {
    const sent = next(form, { type: 'submit', at: 3000 })
    expect(restore(sent, 4000)).toEqual({ ...form, busy: false })
  })

  it('shows a result until its time is up, then scans', () => {
    const queued = next(scanned(), { type: 'queued', runner, position: 3, at: 2000 })
    expect(restore(queued, 3000)).toEqual(queued)
    expect(restore(queued, 2000 + RESULT_MS)).toEqual(initialState(2000 + RESULT_MS))
  })

  it('drops a scan that was on its way: the student scans again', () => {
    expect(restore(scanned(), 1500)).toEqual(initialState(1500))
  })
})

describe('check-ins and rewards due in the answer', () => {
  const shift = { id: 3, name: 'Night', start: '2026-03-14T01:00:00Z', end: '2026-03-14T03:00:00Z' }
  const checkIn = { shift, at: '2026-03-14T00:40:00Z', new: true }
  const reward = {
    id: 8,
    runner,
    milestone: { id: 2, laps: 4, reward: 'T-shirt' },
    lap: 40,
    reached_at: '2026-03-14T00:10:00Z',
    handed_out_at: null,
    handed_out_by: null,
    unearned: false,
  }

  it('reads them from a ticket, and from nothing as none', () => {
    expect(extrasOf({ check_ins: [checkIn], rewards_due: [reward] })).toEqual({
      checkIns: [checkIn],
      rewardsDue: [reward],
    })
    expect(extrasOf({})).toEqual({ checkIns: [], rewardsDue: [] })
    expect(extrasOf(null)).toEqual({ checkIns: [], rewardsDue: [] })
  })

  it('shows them with the queued runner, a while longer (there is more to read)', () => {
    const queued = next(scanned(), {
      type: 'queued',
      runner,
      position: 0,
      at: 2000,
      checkIns: [checkIn],
      rewardsDue: [reward],
    })
    expect(queued.checkIns).toEqual([checkIn])
    expect(queued.rewardsDue).toEqual([reward])
    expect(deadline(queued)).toBe(2000 + LONG_RESULT_MS)
    expect(next(queued, { type: 'tick', at: 2000 + RESULT_MS }).phase).toBe('queued')
    expect(next(queued, { type: 'tick', at: 2000 + LONG_RESULT_MS })).toEqual(
      initialState(2000 + LONG_RESULT_MS),
    )
  })

  it('shows them for a runner already in the queue: the scan checked them in all the same', () => {
    const refused = next(scanned(), {
      type: 'failed',
      error: error(409, 'already_queued', 'In the queue.', {
        position: 2,
        check_ins: [checkIn],
        rewards_due: [reward],
      }),
      at: 2000,
    })
    expect(refused.phase).toBe('notice')
    expect(refused.message?.key).toBe('kiosk.msg.alreadyQueued')
    expect(refused.checkIns).toEqual([checkIn])
    expect(refused.rewardsDue).toEqual([reward])
  })

  it('never shows the last runner’s check-ins with the next scan or another refusal', () => {
    const queued = next(scanned(), { type: 'queued', runner, position: 0, at: 2000, checkIns: [checkIn] })
    expect(next(queued, { type: 'scan', identification: 'r0000001', at: 3000 }).checkIns).toEqual([])
    const offline = next(scanned(), { type: 'failed', error: error(0, 'offline'), at: 2000 })
    expect(offline.checkIns).toEqual([])
  })

  it('comes back after a reload of a version that had none', () => {
    const queued = next(scanned(), { type: 'queued', runner, position: 1, at: 2000 })
    const old = { ...queued } as Partial<KioskState>
    delete old.checkIns
    delete old.rewardsDue
    expect(restore(old as KioskState, 3000)).toEqual(queued)
  })
})
