import { describe, expect, it } from 'vitest'

import type { EventOf, EventSettings, Lap, RaceEvent } from '@/api/types'

import { aheadOf, applyEvent, judge, type RaceState } from './race'

import { runner, ticket } from '@/test/fixtures'
const lap = (id: number, ticketId: number | null, end: string | null = null): Lap => ({
  id,
  runner: runner(ticketId ?? 0),
  ticket: ticketId,
  start: '2026-05-06T20:00:00Z',
  end,
  duration: end ? 180 : null,
  points: end ? 10 : null,
  raining: false,
  suspect: false,
})
const base = (): RaceState => ({
  seq: 10,
  current: lap(1, 1),
  queue: [ticket(2, 0), ticket(3, 1)],
  recent: [],
  settings: null,
})
/** An event of one type with its payload, as the server sends it. */
const event = <T extends RaceEvent['type']>(
  seq: number,
  type: T,
  payload: Omit<EventOf<T>, 'seq' | 'type'>,
) => ({ seq, type, ...payload }) as EventOf<T>
const reset = (seq: number) => event(seq, 'queue_reset', { removed: 0 })

describe('judge', () => {
  it('applies the next event, ignores old ones and notices a gap', () => {
    expect(judge(10, reset(11))).toBe('apply')
    expect(judge(10, reset(10))).toBe('duplicate')
    expect(judge(10, reset(3))).toBe('duplicate')
    expect(judge(10, reset(12))).toBe('gap')
  })
})

describe('applyEvent', () => {
  it('follows next lap: the lap finishes, the head of the queue starts', () => {
    let state = applyEvent(
      base(),
      event(11, 'lap_finished', { lap: lap(1, 1, '2026-05-06T20:03:00Z'), personal_best: false }),
    )
    state = applyEvent(state, event(12, 'lap_started', { lap: lap(2, 2) }))
    expect(state.seq).toBe(12)
    expect(state.current?.id).toBe(2)
    expect(state.queue.map((t) => t.id)).toEqual([3])
    expect(state.queue[0].position).toBe(0)
    expect(state.recent.map((l) => l.id)).toEqual([1])
  })

  it('follows undo: the lap is removed, its ticket returns to the head, the previous lap resumes', () => {
    let state = applyEvent(base(), event(11, 'lap_removed', { lap: lap(1, 1) }))
    expect(state.current).toBeNull()
    state = applyEvent(state, event(12, 'queue_inserted', { ticket: ticket(1, 0) }))
    state = applyEvent(state, event(13, 'lap_resumed', { lap: lap(0, null) }))
    expect(state.queue.map((t) => t.id)).toEqual([1, 2, 3])
    expect(state.current?.id).toBe(0)
  })

  it('follows queue moves and removals', () => {
    let state = applyEvent(base(), event(11, 'queue_moved', { ticket: ticket(3, 0), from: 1 }))
    expect(state.queue.map((t) => t.id)).toEqual([3, 2])
    state = applyEvent(state, event(12, 'queue_removed', { ticket: { id: 2, runner: 2 }, from: 1 }))
    expect(state.queue.map((t) => t.id)).toEqual([3])
    state = applyEvent(state, reset(13))
    expect(state.queue).toEqual([])
  })

  it('takes new settings', () => {
    const settings = { banner: 'Pasta!' } as EventSettings
    const changed = event(11, 'settings_changed', { settings, changed: ['banner'] })
    expect(applyEvent(base(), changed).settings).toBe(settings)
  })

  it('only moves the seq for events that change nothing it holds', () => {
    const before = base()
    const after = applyEvent(before, event(11, 'points_changed', { reason: 'group' }))
    expect(after).toEqual({ ...before, seq: 11 })
  })
})

describe('a command answer ahead of the events', () => {
  it('shows the lap the answer started and the lap it finished until the events reach its seq', () => {
    const state = base()
    const finished = { ...state.current!, end: '2026-05-06T20:03:00Z', duration: 180 }
    const shown = aheadOf(state, { seq: 12, current: lap(9, 9), finished })
    expect(shown.current?.id).toBe(9)
    expect(shown.recent[0].id).toBe(finished.id)
    expect(aheadOf({ ...state, seq: 12 }, { seq: 12, current: lap(9, 9), finished })).toEqual({
      ...state,
      seq: 12,
    })
  })

  it('takes an undone lap out of the last laps while it runs again', () => {
    const state = {
      ...base(),
      recent: [lap(5, 5, '2026-05-06T20:02:00Z'), lap(4, 4, '2026-05-06T19:59:00Z')],
    }
    const resumed = { ...lap(5, 5), end: null }
    const shown = aheadOf(state, { seq: 11, current: resumed, resumed })
    expect(shown.current?.id).toBe(5)
    expect(shown.recent.map((l) => l.id)).toEqual([4])
  })
})
