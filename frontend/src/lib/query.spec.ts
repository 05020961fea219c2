import { describe, expect, it } from 'vitest'

import type { Lap } from '@/api/types'

import { formatMoment, isoToWallTime, shiftWindow, summariseLaps, wallTimeToIso } from './query'

describe('wall times in the event time zone', () => {
  it('reads a datetime-local value in the given zone', () => {
    expect(wallTimeToIso('2026-05-01T20:00', 'Europe/Brussels')).toBe('2026-05-01T18:00:00.000Z') // CEST
    expect(wallTimeToIso('2026-01-15T20:00', 'Europe/Brussels')).toBe('2026-01-15T19:00:00.000Z') // CET
    expect(wallTimeToIso('2026-05-01T20:00', 'UTC')).toBe('2026-05-01T20:00:00.000Z')
  })

  it('settles on the right side of a daylight-saving switch', () => {
    // 29 March 2026, 02:00 CET becomes 03:00 CEST: 04:00 is already summer time.
    expect(wallTimeToIso('2026-03-29T04:00', 'Europe/Brussels')).toBe('2026-03-29T02:00:00.000Z')
    expect(wallTimeToIso('2026-03-29T01:00', 'Europe/Brussels')).toBe('2026-03-29T00:00:00.000Z')
  })

  it('refuses what is no date', () => {
    expect(wallTimeToIso('', 'UTC')).toBeNull()
    expect(wallTimeToIso(null)).toBeNull()
    expect(wallTimeToIso('tomorrow', 'UTC')).toBeNull()
  })

  it('falls back to the browser zone for an unknown zone name', () => {
    expect(wallTimeToIso('2026-05-01T20:00', 'Not/AZone')).toBe(new Date(2026, 4, 1, 20, 0).toISOString())
  })

  it('writes an instant as a datetime-local value and back', () => {
    const ms = Date.parse('2026-05-01T18:07:00Z')
    expect(isoToWallTime(ms, 'Europe/Brussels')).toBe('2026-05-01T20:07')
    expect(wallTimeToIso(isoToWallTime(ms, 'Europe/Brussels'), 'Europe/Brussels')).toBe(
      '2026-05-01T18:07:00.000Z',
    )
  })
})

describe('labels', () => {
  it('labels a shift by its day and hours', () => {
    const shift = { start: '2026-05-01T20:00:00Z', end: '2026-05-02T00:00:00Z' }
    expect(shiftWindow(shift, 'Europe/Brussels', 'en-GB')).toBe('Fri 22:00 – 02:00')
  })

  it('names both days for a shift longer than a day', () => {
    const shift = { start: '2026-05-01T20:00:00Z', end: '2026-05-03T00:00:00Z' }
    expect(shiftWindow(shift, 'Europe/Brussels', 'en-GB')).toBe('Fri 22:00 – Sun 02:00')
  })

  it('formats a moment with the weekday', () => {
    expect(formatMoment('2026-05-01T12:05:00Z', 'Europe/Brussels', 'en-GB')).toBe('Fri 14:05')
    expect(formatMoment(null)).toBe('–')
  })
})

describe('summariseLaps', () => {
  const lap = (id: number, duration: number | null, points: number | null): Lap => ({
    id,
    runner: null,
    ticket: null,
    start: '2026-05-01T12:00:00Z',
    end: duration === null ? null : '2026-05-01T12:05:00Z',
    duration,
    points,
    raining: false,
    suspect: false,
  })

  it('counts finished laps, the best and the points', () => {
    expect(summariseLaps([lap(1, 300, 5), lap(2, 250, 10), lap(3, null, null)])).toEqual({
      count: 2,
      best: 250,
      points: 15,
      running: true,
    })
  })

  it('handles a runner without laps', () => {
    expect(summariseLaps([])).toEqual({ count: 0, best: null, points: 0, running: false })
  })
})
