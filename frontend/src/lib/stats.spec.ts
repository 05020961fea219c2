import { describe, expect, it } from 'vitest'

import type { BoardRow, RunnerPublic } from '@/api/types'

import {
  boardRows,
  chooseStep,
  durationStep,
  groupRows,
  lapsInWindow,
  lapChartPoints,
  lapTimeScale,
  placeOnScale,
  quantile,
  raceProgress,
  stepTicks,
  timeOfDay,
  timeStep,
  uniqueRunners,
} from './stats'

function runner(id: number, first = `R${id}`, group: string | null = null): RunnerPublic {
  return {
    id,
    first_name: first,
    last_name: 'Test',
    university: 1,
    group: group ? { id: 1, name: group } : null,
    first_year: false,
  }
}

describe('uniqueRunners', () => {
  it('keeps each runner once, in order, up to the limit', () => {
    const rows: BoardRow[] = [
      { runner: runner(1), best: 100 },
      { runner: runner(1), best: 110 },
      { runner: runner(2), best: 120 },
      { runner: runner(3), best: 130 },
      { runner: runner(4), best: 140 },
    ]
    expect(uniqueRunners(rows, 3).map((r) => r.runner.id)).toEqual([1, 2, 3])
  })

  it('is empty without a board', () => {
    expect(uniqueRunners(null, 3)).toEqual([])
  })
})

describe('boardRows', () => {
  it('formats the fastest laps as m:ss with the fastest filling the bar', () => {
    const rows = boardRows(
      [
        { runner: runner(1, 'Ann', 'Geos'), best: 100 },
        { runner: runner(2, 'Bob'), best: 125 },
      ],
      'best',
    )
    expect(rows).toEqual([
      { id: 1, name: 'Ann Test', detail: 'Geos', value: '1:40', share: 1 },
      { id: 2, name: 'Bob Test', detail: '', value: '2:05', share: 0.8 },
    ])
  })

  it('shows counts as they are, relative to the leader', () => {
    const rows = boardRows(
      [
        { runner: runner(1), laps: 10 },
        { runner: runner(2), laps: 5 },
      ],
      'laps',
    )
    expect(rows.map((r) => [r.value, r.share])).toEqual([
      ['10', 1],
      ['5', 0.5],
    ])
  })
})

describe('groupRows', () => {
  it('sorts groups by points and limits them', () => {
    const rows = groupRows(
      [
        { id: 1, name: 'B', points: 10 },
        { id: 2, name: 'A', points: 40 },
        { id: 3, name: 'C', points: 0 },
      ],
      2,
    )
    expect(rows.map((r) => [r.name, r.value, r.share])).toEqual([
      ['A', '40', 1],
      ['B', '10', 0.25],
    ])
  })

  it('gives empty bars when nobody has points', () => {
    expect(groupRows([{ id: 1, name: 'A', points: 0 }])[0].share).toBe(0)
  })
})

describe('lapChartPoints', () => {
  it('turns ends into ms and sorts oldest first, leaving out broken points', () => {
    const points = lapChartPoints([
      { lap: 2, end: '2026-01-01T12:10:00Z', duration: 200 },
      { lap: 1, end: '2026-01-01T12:00:00Z', duration: 150 },
      { lap: 3, end: 'not a date', duration: 100 },
    ])
    expect(points).toEqual([
      { x: Date.parse('2026-01-01T12:00:00Z'), y: 150 },
      { x: Date.parse('2026-01-01T12:10:00Z'), y: 200 },
    ])
  })
})

describe('quantile', () => {
  it('takes the nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    expect(quantile(sorted, 0.5)).toBe(5)
    expect(quantile(sorted, 0.9)).toBe(9)
    expect(quantile(sorted, 1)).toBe(10)
    expect(quantile(sorted, 0)).toBe(1)
    expect(quantile([], 0.5)).toBeNaN()
  })
})

describe('lapTimeScale', () => {
  // Three-minute laps, give or take half a minute, as a relay runs them.
  const ordinary = Array.from({ length: 30 }, (_, i) => 165 + ((i * 7) % 40))

  it('fits every lap when none is far off', () => {
    expect(lapTimeScale(ordinary)).toEqual({ top: null, step: 10 })
    expect(lapTimeScale([])).toEqual({ top: null, step: 60 })
  })

  it('ends a little above the ordinary laps when one lap took twenty minutes', () => {
    const { top, step } = lapTimeScale([...ordinary, 1200])
    expect(top).toBe(230) // 3:24 is the longest ordinary lap: 10 % headroom, on a 10 s tick
    expect(step).toBe(10)
    expect(top!).toBeLessThan(600)
  })

  it('keeps slow runners on the chart, however slow, when many run like that', () => {
    const walkers = Array.from({ length: 8 }, () => 600)
    expect(lapTimeScale([...ordinary, ...walkers]).top).toBeNull()
  })

  it('keeps a lap of twice the median when the others spread as far', () => {
    expect(lapTimeScale([...ordinary, 360]).top).toBeNull()
  })

  it('never clamps a handful of laps: with so few, nothing is an outlier yet', () => {
    expect(lapTimeScale([180, 190, 1200]).top).toBeNull()
  })

  it('clamps a few far-off laps among many', () => {
    const scale = lapTimeScale([...ordinary, 900, 1500, 2400])
    expect(scale.top).toBe(230)
  })
})

describe('placeOnScale', () => {
  it('draws the laps beyond the top on it, with their real time', () => {
    const points = [
      { x: 1, y: 180 },
      { x: 2, y: 1200 },
    ]
    expect(placeOnScale(points, 230)).toEqual([
      { x: 1, y: 180, duration: 180, offScale: false },
      { x: 2, y: 230, duration: 1200, offScale: true },
    ])
    expect(placeOnScale(points, null).map((p) => p.offScale)).toEqual([false, false])
  })
})

describe('axis steps', () => {
  const hour = 3_600_000

  it('picks the smallest step that fits', () => {
    expect(chooseStep(100, [10, 20, 50], 5)).toBe(20)
    expect(chooseStep(1000, [10, 20, 50], 5)).toBe(50)
  })

  it('uses whole hours for a six-hour window', () => {
    expect(timeStep([0, 6 * hour])).toBe(hour)
    expect(timeStep([0, 20 * hour])).toBe(3 * hour)
    expect(timeStep([0, 20 * 60_000])).toBe(5 * 60_000)
  })

  it('uses round durations', () => {
    expect(durationStep([100, 300])).toBe(60)
    expect(durationStep([100, 170])).toBe(15)
    expect(durationStep([100])).toBe(60)
  })
})

describe('timeOfDay', () => {
  it('reads the time in the event time zone on a 24-hour clock', () => {
    const ms = Date.parse('2026-07-01T21:05:00Z')
    expect(timeOfDay(ms, 'Europe/Brussels')).toBe('23:05')
    expect(timeOfDay(ms, 'UTC')).toBe('21:05')
  })

  it('falls back to the local zone for an unknown zone', () => {
    expect(timeOfDay(0, 'Not/AZone')).toMatch(/^\d\d:\d\d$/)
  })
})

describe('lapsInWindow', () => {
  const now = Date.parse('2026-01-01T12:00:00Z')
  const at = (iso: string) => ({ lap: 1, end: iso, duration: 120 })

  it('counts the laps of the last hour', () => {
    const points = [at('2026-01-01T10:30:00Z'), at('2026-01-01T11:10:00Z'), at('2026-01-01T11:55:00Z')]
    expect(lapsInWindow(points, now)).toEqual({ count: 2, capped: false })
  })

  it('says so when every lap of a full chart is in the window', () => {
    const points = Array.from({ length: 100 }, () => at('2026-01-01T11:30:00Z'))
    expect(lapsInWindow(points, now)).toEqual({ count: 100, capped: true })
  })

  it('is zero without laps', () => {
    expect(lapsInWindow([], now)).toEqual({ count: 0, capped: false })
  })
})

describe('raceProgress', () => {
  const start = '2026-01-01T12:00:00Z'
  const end = '2026-01-02T12:00:00Z'

  it('is the share of the race behind us, within 0..1', () => {
    expect(raceProgress(start, end, Date.parse('2026-01-02T00:00:00Z'))).toBe(0.5)
    expect(raceProgress(start, end, Date.parse('2026-01-01T00:00:00Z'))).toBe(0)
    expect(raceProgress(start, end, Date.parse('2026-01-03T00:00:00Z'))).toBe(1)
  })

  it('is null without a start or an end', () => {
    expect(raceProgress(null, end, 0)).toBeNull()
    expect(raceProgress(start, null, 0)).toBeNull()
    expect(raceProgress(end, start, 0)).toBeNull()
  })
})

describe('stepTicks', () => {
  it('lists the multiples of the step inside the range', () => {
    expect(stepTicks(5, 31, 10)).toEqual([10, 20, 30])
    expect(stepTicks(10, 30, 10)).toEqual([10, 20, 30])
  })

  it('is empty for a bad step or range', () => {
    expect(stepTicks(0, 10, 0)).toEqual([])
    expect(stepTicks(NaN, 10, 1)).toEqual([])
  })
})
