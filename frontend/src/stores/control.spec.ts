// The durable outbox behind next lap and undo, against a mocked API.
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { api } from '@/api'
import { ApiError, request } from '@/api/http'
import type { AdvanceResult, Lap } from '@/api/types'

import { useControlStore } from './control'
import { useRaceStore } from './race'

vi.mock('@/api', () => ({
  api: { advance: vi.fn(), reverse: vi.fn(), stats: vi.fn(), queue: vi.fn() },
}))

const advance = vi.mocked(api.advance)
const reverse = vi.mocked(api.reverse)

function lap(id: number, start = '2026-05-01T12:00:00Z'): Lap {
  return { id, runner: null, ticket: null, start, end: null, duration: null, points: null, raining: false }
}

function started(id: number): AdvanceResult {
  return { finished: null, started: lap(id), seq: id }
}

const offline = () => new ApiError(0, 'No connection to the server.', 'offline', {})
const conflict = (code: string, body: Record<string, unknown> = {}) =>
  new ApiError(409, `refused: ${code}`, code, { code, detail: `refused: ${code}`, ...body })

const pages: { $dispose: () => void }[] = []

/** A fresh page: a new Pinia over the same localStorage, with lap `running` on screen. */
function page(running: number | null = 10) {
  pages.splice(0).forEach((store) => store.$dispose()) // the page before is gone: so are its listeners
  setActivePinia(createPinia())
  const race = useRaceStore()
  race.state = { ...race.state, seq: 1, current: running === null ? null : lap(running) }
  const control = useControlStore()
  pages.push(control, race)
  return { race, control }
}

const T0 = Date.parse('2026-05-01T12:05:00Z')

beforeEach(() => {
  localStorage.clear()
  vi.useFakeTimers()
  advance.mockReset()
  reverse.mockReset()
})

afterEach(() => {
  vi.useRealTimers()
})

describe('control outbox', () => {
  it('sends presses in order and retries a press with the same key after a network error', async () => {
    advance
      .mockRejectedValueOnce(offline())
      .mockResolvedValueOnce(started(11))
      .mockResolvedValueOnce(started(12))
    const { control } = page(10)

    control.press('advance', T0)
    control.press('advance', T0 + 60_000)
    await vi.advanceTimersByTimeAsync(0)
    expect(control.pendingCount).toBe(2)

    await vi.advanceTimersByTimeAsync(600) // the first retry
    expect(control.pendingCount).toBe(0)

    const bodies = advance.mock.calls.map(([body]) => body)
    expect(bodies).toHaveLength(3)
    expect(bodies[0].idempotency_key).toBe(bodies[1].idempotency_key)
    expect(bodies[2].idempotency_key).not.toBe(bodies[0].idempotency_key)
    expect(bodies.map((b) => b.at)).toEqual([
      new Date(T0).toISOString(),
      new Date(T0).toISOString(),
      new Date(T0 + 60_000).toISOString(),
    ])
    expect(control.lastResult?.lap?.id).toBe(12)
  })

  it('chains a second press to the lap the first answer started', async () => {
    advance.mockResolvedValueOnce(started(11)).mockResolvedValueOnce(started(12))
    const { control } = page(10)

    control.press('advance', T0)
    control.press('advance', T0 + 1000) // pressed before the first answer came back
    await vi.advanceTimersByTimeAsync(0)

    expect(advance.mock.calls.map(([body]) => body.expected_lap)).toEqual([10, 11])
  })

  it('keeps offline presses across a reload and sends them once the server answers', async () => {
    advance.mockRejectedValue(offline())
    const first = page(10).control
    first.press('advance', T0)
    first.press('advance', T0 + 45_000)
    await vi.advanceTimersByTimeAsync(0)
    const keys = first.pending.map((p) => p.key)
    expect(keys).toHaveLength(2)

    // The laptop reloads the page: a new store reads the same localStorage.
    advance.mockReset()
    advance.mockResolvedValueOnce(started(11)).mockResolvedValueOnce(started(12))
    const { control } = page(10)
    expect(control.pending.map((p) => p.key)).toEqual(keys)

    await control.flush() // the store also starts sending by itself when it finds presses
    await vi.advanceTimersByTimeAsync(0)
    const bodies = advance.mock.calls.map(([body]) => body)
    expect(bodies.map((b) => b.idempotency_key)).toEqual(keys)
    expect(bodies.map((b) => b.expected_lap)).toEqual([10, 11])
    expect(bodies.map((b) => b.at)).toEqual([new Date(T0).toISOString(), new Date(T0 + 45_000).toISOString()])
    expect(control.pendingCount).toBe(0)
    expect(JSON.parse(localStorage.getItem('it24u.control.outbox') ?? '[]')).toEqual([])
  })

  it('records a too-soon press anyway with force and a new key, at the original press time', async () => {
    advance.mockRejectedValueOnce(conflict('too_soon', { elapsed: 4.2 })).mockResolvedValueOnce(started(11))
    const { control } = page(10)

    control.press('advance', T0)
    await vi.advanceTimersByTimeAsync(0)
    expect(control.refusal?.code).toBe('too_soon')
    expect(control.pendingCount).toBe(0)

    control.recordAnyway()
    await vi.advanceTimersByTimeAsync(0)
    const [refused, forced] = advance.mock.calls.map(([body]) => body)
    expect(refused.force).toBe(false)
    expect(forced.force).toBe(true)
    expect(forced.idempotency_key).not.toBe(refused.idempotency_key)
    expect(forced.at).toBe(refused.at)
    expect(forced.expected_lap).toBe(10)
    expect(control.refusal).toBeNull()
    expect(control.lastResult?.lap?.id).toBe(11)
  })

  it('reports a stale state with the lap that really runs', async () => {
    advance.mockRejectedValueOnce(conflict('stale_state', { current: lap(15) }))
    const { control } = page(10)

    control.press('advance', T0)
    await vi.advanceTimersByTimeAsync(0)

    expect(control.refusal?.code).toBe('stale_state')
    expect(control.refusal?.current?.id).toBe(15)
    control.dismiss()
    expect(control.refusal).toBeNull()
  })

  it('explains an undo with nothing to undo', async () => {
    reverse.mockRejectedValueOnce(conflict('nothing_to_undo'))
    const { control } = page(null)

    control.press('reverse', T0)
    await vi.advanceTimersByTimeAsync(0)

    expect(reverse).toHaveBeenCalledWith({ idempotency_key: expect.any(String), expected_lap: null })
    expect(control.refusal?.code).toBe('nothing_to_undo')
  })

  it('holds the presses behind a refusal until it is dealt with', async () => {
    advance
      .mockRejectedValueOnce(conflict('stale_state', { current: lap(10) }))
      .mockResolvedValue(started(11))
    const { control } = page(10)

    control.press('advance', T0)
    control.press('advance', T0 + 60_000)
    await vi.advanceTimersByTimeAsync(0)
    expect(control.refusal?.code).toBe('stale_state')
    expect(control.pendingCount).toBe(1)
    expect(advance).toHaveBeenCalledTimes(1)

    control.dismiss()
    await control.flush()
    expect(advance).toHaveBeenCalledTimes(2)
    expect(control.pendingCount).toBe(0)
  })

  it('sends the presses behind a refusal once it is dismissed (dismiss flushes)', async () => {
    advance
      .mockRejectedValueOnce(conflict('stale_state', { current: lap(10) }))
      .mockResolvedValue(started(11))
    const { control } = page(10)
    control.press('advance', T0)
    control.press('advance', T0 + 60_000)
    await vi.advanceTimersByTimeAsync(0)
    control.dismiss()
    await vi.advanceTimersByTimeAsync(0)
    expect(control.pendingCount).toBe(0)
  })

  it('keeps the press behind a too-soon one chained when it is recorded anyway', async () => {
    advance
      .mockRejectedValueOnce(conflict('too_soon'))
      .mockResolvedValueOnce(started(11))
      .mockResolvedValueOnce(started(12))
    const { control } = page(10)
    control.press('advance', T0)
    control.press('advance', T0 + 60_000)
    await vi.advanceTimersByTimeAsync(0)
    control.recordAnyway()
    await vi.advanceTimersByTimeAsync(0)
    expect(advance.mock.calls.map(([body]) => body.expected_lap)).toEqual([10, 10, 11])
  })

  it('expects the lap its last answer started even before the live stream reports it', async () => {
    advance.mockResolvedValueOnce(started(11)).mockResolvedValueOnce(started(12))
    const { control } = page(10)
    control.press('advance', T0)
    await vi.advanceTimersByTimeAsync(0) // answered; the lap_started event has not arrived yet
    control.press('advance', T0 + 60_000)
    await vi.advanceTimersByTimeAsync(0)
    expect(advance.mock.calls.map(([body]) => body.expected_lap)).toEqual([10, 11])
  })

  it('sends a held press the moment the server answers any request, not at its next retry', async () => {
    advance.mockRejectedValue(offline())
    const { control } = page(10)
    control.press('advance', T0)
    await vi.advanceTimersByTimeAsync(2_000) // the server is away: retries every second at most
    const tries = advance.mock.calls.length
    expect(tries).toBeGreaterThanOrEqual(3)
    advance.mockReset().mockResolvedValue(started(11))
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{}', { status: 200 })),
    )
    await request('GET', '/api/auth/me/') // another request gets through: the server is back
    await vi.advanceTimersByTimeAsync(0)
    vi.unstubAllGlobals()
    expect(advance).toHaveBeenCalledTimes(1)
    expect(control.pendingCount).toBe(0)
  })

  it('keeps a refusal nobody has answered across a reload, with the presses behind it held', async () => {
    advance.mockRejectedValueOnce(conflict('too_soon', { elapsed: 12 }))
    const first = page(10).control
    first.press('advance', T0)
    await vi.advanceTimersByTimeAsync(0)
    first.press('advance', T0 + 1_000)
    expect(first.refusal?.code).toBe('too_soon')

    const { control } = page(10) // the organiser reloads the page
    await vi.advanceTimersByTimeAsync(1_000)
    expect(control.refusal?.code).toBe('too_soon')
    expect(control.pendingCount).toBe(1)
    expect(advance).toHaveBeenCalledTimes(1)
    control.dismiss()
    expect(page(10).control.refusal).toBeNull() // and once answered it is gone for good
  })

  it('shows the runner its answer started at once, and hands over to the events when they come', async () => {
    advance.mockResolvedValueOnce({
      finished: { ...lap(10), end: '2026-05-01T12:04:00Z', duration: 240 },
      started: lap(11),
      seq: 7,
    })
    const { race, control } = page(10)
    control.press('advance', T0)
    await vi.advanceTimersByTimeAsync(0)
    expect(race.current?.id).toBe(11) // the events (seq 1) are behind the answer (seq 7)
    expect(race.recent[0]?.id).toBe(10)
    race.state = { ...race.state, seq: 7, current: lap(12) } // the events have caught up
    expect(race.current?.id).toBe(12)
  })
})
