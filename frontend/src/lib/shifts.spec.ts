import { describe, expect, it } from 'vitest'

import type { BoardShift, RunnerPublic } from '@/api/types'

import { checkedInLatestFirst, formatShiftWindow, missingByGroup, orderShifts } from './shifts'

const person = (id: number, first: string, group: { id: number; name: string } | null): RunnerPublic => ({
  id,
  first_name: first,
  last_name: 'X',
  university: 1,
  group,
  first_year: false,
})
const geos = { id: 1, name: 'Geos' }
const apolloon = { id: 2, name: 'Apolloon' }

const shift = (
  id: number,
  when: 'current' | 'next',
  start: string,
  extra: Partial<BoardShift> = {},
): BoardShift => ({
  id,
  name: `S${id}`,
  start,
  end: start,
  when,
  checked_in: [],
  missing: [],
  ...extra,
})

describe('formatShiftWindow', () => {
  it('says the day and the hours in the event’s time zone, in the page’s language', () => {
    // 01:00Z is 02:00 in Brussels in March (UTC+1).
    const start = '2026-03-14T01:00:00Z'
    const end = '2026-03-14T03:00:00Z'
    expect(formatShiftWindow(start, end, 'Europe/Brussels', 'en')).toBe('Saturday 02:00–04:00')
    expect(formatShiftWindow(start, end, 'Europe/Brussels', 'nl')).toBe('zaterdag 02:00–04:00')
    expect(formatShiftWindow(start, end, 'UTC', 'en')).toBe('Saturday 01:00–03:00')
  })

  it('names the end’s day too when the shift runs past midnight', () => {
    expect(formatShiftWindow('2026-03-14T22:00:00Z', '2026-03-15T00:30:00Z', 'Europe/Brussels', 'en')).toBe(
      'Saturday 23:00–Sunday 01:30',
    )
  })

  it('falls back on an unknown zone and shows a dash for a missing time', () => {
    expect(formatShiftWindow('2026-03-14T01:00:00Z', '2026-03-14T03:00:00Z', 'Nowhere/Land', 'en')).toMatch(
      /^\w+day \d\d:\d\d–\d\d:\d\d$/,
    )
    expect(formatShiftWindow('', '2026-03-14T03:00:00Z', 'UTC', 'en')).toBe('–')
  })
})

describe('missingByGroup', () => {
  it('puts the missing runners by group, groups by name, runners without a group last', () => {
    const groups = missingByGroup([
      { runner: person(1, 'Zoë', geos) },
      { runner: person(2, 'Bram', null) },
      { runner: person(3, 'Anna', geos) },
      { runner: person(4, 'Mo', apolloon) },
    ])
    expect(groups.map((g) => g.name)).toEqual(['Apolloon', 'Geos', null])
    expect(groups[1].runners.map((r) => r.first_name)).toEqual(['Anna', 'Zoë'])
    expect(groups[2].runners.map((r) => r.id)).toEqual([2])
  })

  it('is empty when nobody is missing', () => {
    expect(missingByGroup([])).toEqual([])
  })
})

describe('ordering the board', () => {
  it('shows the current shifts first, then the next ones, each by start', () => {
    const shifts = [
      shift(1, 'next', '2026-03-14T05:00:00Z'),
      shift(2, 'current', '2026-03-14T03:00:00Z'),
      shift(3, 'current', '2026-03-14T02:00:00Z'),
    ]
    expect(orderShifts(shifts).map((s) => s.id)).toEqual([3, 2, 1])
  })

  it('lists the latest check-in first', () => {
    const s = shift(1, 'current', '2026-03-14T03:00:00Z', {
      checked_in: [
        { runner: person(1, 'A', null), at: '2026-03-14T02:40:00Z', manual: false, in_shift: true },
        { runner: person(2, 'B', null), at: '2026-03-14T02:50:00Z', manual: true, in_shift: false },
      ],
    })
    expect(checkedInLatestFirst(s).map((c) => c.runner.id)).toEqual([2, 1])
  })
})
