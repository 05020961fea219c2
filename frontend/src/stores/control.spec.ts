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
  return {
    id,
    runner: null,
    ticket: null,
    start,
    end: null,
    duration: null,
    points: null,
    raining: false,
    suspect: false,
  }
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
  pages.splice(0).forEach((store) => store.$dispose())
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
    const tooSoon = conflict('too_soon', { elapsed: 4.2, min_lap_time: 30 })
    advance.mockRejectedValueOnce(tooSoon).mockResolvedValueOnce(started(11))
    const { control } = page(10)

    control.press('advance', T0)
    await vi.advanceTimersByTimeAsync(0)
    expect(control.refusal).toMatchObject({ code: 'too_soon', elapsed: 4.2, min_lap_time: 30 })
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

/** Another tab of the same browser: its own Pinia, the same localStorage and locks. */
function tab(running: number | null = 10) {
  setActivePinia(createPinia())
  const race = useRaceStore()
  race.state = { ...race.state, seq: 1, current: running === null ? null : lap(running) }
  const control = useControlStore()
  pages.push(control, race)
  return { race, control }
}

/** The server as far as next lap goes: one lap per key, a stale expectation refused, slow answers. */
function fakeServer(running: number) {
  const answers = new Map<string, AdvanceResult>()
  const state = { online: false, inFlight: 0, mostInFlight: 0, running }
  advance.mockImplementation(async (body) => {
    if (!state.online) throw offline()
    state.inFlight += 1
    state.mostInFlight = Math.max(state.mostInFlight, state.inFlight)
    await new Promise((resolve) => setTimeout(resolve, 100))
    state.inFlight -= 1
    const replay = answers.get(body.idempotency_key)
    if (replay) return replay
    if (body.expected_lap !== state.running) throw conflict('stale_state', { current: lap(state.running) })
    const at = body.at ?? new Date().toISOString()
    if (!body.force && answers.size && at < [...answers.values()].at(-1)!.started!.start) {
      throw conflict('too_soon')
    }
    state.running += 1
    const answer = { finished: null, started: lap(state.running, at), seq: state.running }
    answers.set(body.idempotency_key, answer)
    return answer
  })
  return { state, laps: () => answers.size }
}

const storageChanged = () =>
  window.dispatchEvent(new StorageEvent('storage', { key: null, storageArea: localStorage }))

describe('two control tabs', () => {
  it('each hold a press offline, and both arrive exactly once, the second after the first', async () => {
    const server = fakeServer(10)
    const a = tab(10).control
    const b = tab(10).control
    a.press('advance', T0)
    await vi.advanceTimersByTimeAsync(0)
    b.press('advance', T0 + 45_000) // B reads the outbox afresh: it comes after A's press
    await vi.advanceTimersByTimeAsync(2_000) // both tabs retry while the network is away
    storageChanged()
    expect(a.pending.map((p) => p.at)).toEqual(b.pending.map((p) => p.at))
    expect(a.pendingCount).toBe(2)

    server.state.online = true
    await vi.advanceTimersByTimeAsync(3_000)
    expect(server.laps()).toBe(2)
    expect(server.state.running).toBe(12)
    expect(server.state.mostInFlight).toBe(1) // one tab sent at a time
    storageChanged()
    expect([a.pendingCount, b.pendingCount]).toEqual([0, 0])
    expect([a.refusal, b.refusal]).toEqual([null, null])
    const sent = advance.mock.calls.map(([body]) => body).filter((body) => body.expected_lap !== null)
    expect(new Set(sent.map((body) => body.idempotency_key)).size).toBe(2)
  })

  it('never write over each other’s presses, even when both press before either sends', async () => {
    fakeServer(10)
    const a = tab(10).control
    const b = tab(10).control
    a.press('advance', T0)
    b.press('reverse', T0 + 1_000)
    a.press('advance', T0 + 2_000)
    await vi.advanceTimersByTimeAsync(0)
    storageChanged()
    expect(b.pending.map((p) => p.kind)).toEqual(['advance', 'reverse', 'advance'])
    // A reload of tab B finds all three.
    expect(tab(10).control.pendingCount).toBe(3)
  })

  it('share a refusal: it holds the presses of both, and "record anyway" from both records one lap', async () => {
    const server = fakeServer(10)
    server.state.online = true
    const a = tab(10).control
    const b = tab(10).control
    a.press('advance', T0)
    await vi.advanceTimersByTimeAsync(500)
    a.press('advance', T0 - 1_000) // too soon after the lap the first one started (this fake's rule)
    await vi.advanceTimersByTimeAsync(500)
    storageChanged()
    expect(a.refusal?.code).toBe('too_soon')
    expect(b.refusal?.code).toBe('too_soon')

    void a.recordAnyway()
    void b.recordAnyway() // the organiser at the other tab answers the same refusal
    await vi.advanceTimersByTimeAsync(1_000)
    expect(advance.mock.calls.filter(([body]) => body.force)).toHaveLength(1)
    expect(server.laps()).toBe(2)
    storageChanged()
    expect([a.refusal, b.refusal]).toEqual([null, null])
  })

  it('send the presses a closed tab left behind', async () => {
    const server = fakeServer(10)
    const closing = tab(10)
    closing.control.press('advance', T0)
    await vi.advanceTimersByTimeAsync(0)
    closing.control.$dispose() // the tab is closed while the network is away
    server.state.online = true
    const { control } = tab(10)
    await vi.advanceTimersByTimeAsync(500)
    expect(server.laps()).toBe(1)
    expect(control.pendingCount).toBe(0)
  })

  it('tell each other what the server answered: the other tab shows the new lap at once', async () => {
    vi.useRealTimers()
    const server = fakeServer(10)
    server.state.online = true
    const a = tab(10)
    const b = tab(10)
    a.control.press('advance', T0)
    await vi.waitFor(() => expect(b.race.current?.id).toBe(11))
    expect(b.control.lastResult?.lap?.id).toBe(11)
    expect(b.control.pendingCount).toBe(0)
  })

  it('keep the presses an older version held in its single list', async () => {
    const old = [{ key: newKeyLike(), kind: 'advance', at: new Date(T0).toISOString(), expectedLap: 10 }]
    localStorage.setItem(
      'it24u.control.outbox',
      JSON.stringify(old.map((p) => ({ ...p, chained: false, force: false, createdAt: 1 }))),
    )
    const server = fakeServer(10)
    server.state.online = true
    const { control } = tab(10)
    expect(control.pendingCount).toBe(1)
    await vi.advanceTimersByTimeAsync(500)
    expect(advance.mock.calls[0][0].idempotency_key).toBe(old[0].key)
    expect(localStorage.getItem('it24u.control.outbox')).toBeNull()
  })
})

function newKeyLike() {
  return '6f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f'
}
