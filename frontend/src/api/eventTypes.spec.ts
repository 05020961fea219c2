import { describe, expect, expectTypeOf, it } from 'vitest'

import { EVENT_TYPES, type EventType } from './eventTypes'
import type { RaceEvent } from './types'

describe('the event types', () => {
  it("are the schema's enum, each once, and exactly the types a RaceEvent can have", () => {
    expect(EVENT_TYPES.length).toBeGreaterThan(0)
    expect(new Set(EVENT_TYPES).size).toBe(EVENT_TYPES.length)
    // Checked by the type checker: the run-time list, the enum and the union's tags are one set.
    expectTypeOf<(typeof EVENT_TYPES)[number]>().toEqualTypeOf<EventType>()
    expectTypeOf<RaceEvent['type']>().toEqualTypeOf<EventType>()
  })
})
