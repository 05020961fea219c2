import { describe, expect, it } from 'vitest'

import {
  FORM_IDLE_MS,
  RESULT_MS,
  cleanScan,
  deadline,
  expectedFormat,
  fieldErrorsOf,
  initialState,
  messageFor,
  next,
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
const INVALID = '“abc” is not a valid student ID (expected KU Leuven: ^r\\d{7}$, e.g. r0123456).'

function scanned(id = 'r0123456', at = 1000): KioskState {
  return next(initialState(0), { type: 'scan', identification: id, at })
}

describe('cleaning a scan', () => {
  it('keeps what the card gives, without surrounding space or control codes', () => {
    expect(cleanScan('  R0123456\r\n')).toBe('R0123456')
    expect(cleanScan('\u0002r0123456\u0003')).toBe('r0123456')
    expect(cleanScan('   ')).toBe('')
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
    expect(notice.message).toMatchObject({ kind: 'error', params: { id: 'abc', expected: 'r0123456' } })
    expect(next(notice, { type: 'tick', at: 2000 + RESULT_MS })).toMatchObject({
      phase: 'idle',
      message: null,
    })
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

  it('finds the expected format in the server’s message', () => {
    expect(expectedFormat(INVALID)).toBe('r0123456')
    expect(expectedFormat('not valid (expected UA: ^s\\d{6}$)')).toBe('UA: ^s\\d{6}$')
    expect(expectedFormat('Some other words.')).toBe('Some other words.')
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
