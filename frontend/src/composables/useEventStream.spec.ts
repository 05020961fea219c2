import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'

import { EVENT_TYPES } from '@/api/eventTypes'
import type { RaceEvent } from '@/api/types'
import { BASE_MS } from '@/lib/backoff'

import { parseNewest, useEventStream } from './useEventStream'

/** A stand-in EventSource: records what was opened and lets the test fire its events. */
class FakeSource {
  static opened: FakeSource[] = []
  listeners = new Map<string, ((e: MessageEvent) => void)[]>()
  onerror: (() => void) | null = null
  closed = false
  constructor(public url: string) {
    FakeSource.opened.push(this)
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn])
  }
  fire(type: string, data = '') {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data }))
  }
  close() {
    this.closed = true
  }
}

function start(seq = 7) {
  const scope = effectScope()
  const stream = scope.run(() => useEventStream({ seq: () => seq, onEvent: () => {}, onReset: () => {} }))!
  stream.start()
  return { stream, scope }
}

describe('useEventStream reconnects', () => {
  beforeEach(() => {
    FakeSource.opened = []
    vi.stubGlobal('EventSource', FakeSource)
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('after a random wait up to a ceiling that doubles with each failure, from the latest seq', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const { scope } = start()
    expect(FakeSource.opened).toHaveLength(1)
    FakeSource.opened[0].onerror!()
    vi.advanceTimersByTime(0.5 * BASE_MS - 1)
    expect(FakeSource.opened).toHaveLength(1)
    vi.advanceTimersByTime(1) // half the first ceiling
    expect(FakeSource.opened).toHaveLength(2)
    expect(FakeSource.opened[1].url).toBe('/api/events/?seq=7')
    FakeSource.opened[1].onerror!()
    vi.advanceTimersByTime(BASE_MS - 1)
    expect(FakeSource.opened).toHaveLength(2)
    vi.advanceTimersByTime(1) // half the second ceiling, twice the first
    expect(FakeSource.opened).toHaveLength(3)
    expect(random).toHaveBeenCalledTimes(2)
    scope.stop()
  })

  it('starts over from the shortest ceiling once the stream was open again', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.9)
    const { scope } = start()
    for (let i = 0; i < 3; i++) {
      FakeSource.opened.at(-1)!.onerror!()
      vi.advanceTimersByTime(20_000)
    }
    FakeSource.opened.at(-1)!.fire('stream-open')
    FakeSource.opened.at(-1)!.onerror!()
    const before = FakeSource.opened.length
    vi.advanceTimersByTime(0.9 * BASE_MS) // the first ceiling again
    expect(FakeSource.opened.length).toBe(before + 1)
    scope.stop()
  })

  it('does not come back at the same instant as every other screen when the network returns', () => {
    const delays = [0.1, 0.7].map((r) => {
      FakeSource.opened = []
      vi.spyOn(Math, 'random').mockReturnValue(r)
      const { scope } = start()
      window.dispatchEvent(new Event('online'))
      expect(FakeSource.opened).toHaveLength(1) // not at once
      let waited = 0
      while (FakeSource.opened.length === 1 && waited < 5000) {
        vi.advanceTimersByTime(10)
        waited += 10
      }
      scope.stop()
      return waited
    })
    expect(delays[0]).toBe(Math.ceil((0.1 * BASE_MS) / 10) * 10)
    expect(delays[1]).toBe(Math.ceil((0.7 * BASE_MS) / 10) * 10)
  })
})

describe('the events', () => {
  beforeEach(() => {
    FakeSource.opened = []
    vi.stubGlobal('EventSource', FakeSource)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('are listened for by every type the schema lists, and handed on as they came', () => {
    const seen: RaceEvent[] = []
    const scope = effectScope()
    scope
      .run(() => useEventStream({ seq: () => 0, onEvent: (e) => seen.push(e), onReset: () => {} }))!
      .start()
    EVENT_TYPES.forEach((type, i) => FakeSource.opened[0].fire(type, JSON.stringify({ type, seq: i + 1 })))
    expect(seen.map((e) => e.type)).toEqual([...EVENT_TYPES])
    expect(seen.map((e) => e.seq)).toEqual(EVENT_TYPES.map((_, i) => i + 1))
    scope.stop()
  })
})

describe('stream-open', () => {
  it('carries the newest seq the server had; an older server sends none', () => {
    expect(parseNewest('{"newest": 42}')).toBe(42)
    expect(parseNewest('')).toBe(0)
    expect(parseNewest('{"newest": "x"}')).toBe(0)
  })
})
